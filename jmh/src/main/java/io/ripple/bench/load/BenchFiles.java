package io.ripple.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * File chores of the load and bench commands.
 */
final class BenchFiles
{
    private BenchFiles()
    {
    }

    /**
     * Delete a directory and everything under it; missing is fine.
     *
     * @param dir to delete.
     */
    static void deleteRecursively(final Path dir)
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach((path) ->
            {
                try
                {
                    Files.deleteIfExists(path);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // Left behind in the temporary directory; nothing depends on its removal.
        }
    }
}
