package io.ripple.journal;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes journal cycle files that no snapshot needs any more.
 */
public final class JournalRetention
{
    static
    {
        JournalDirectory.disableChronicleReporting();
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(JournalRetention.class);
    private static final String CYCLE_FILE_SUFFIX = ".cq4";

    private JournalRetention()
    {
    }

    /**
     * Delete every cycle file older than the one holding a journal index. The cycle of the index itself is kept,
     * because it also holds the entries after the index.
     *
     * @param journalDir   the journal directory.
     * @param journalIndex oldest journal index still needed.
     * @return the number of files deleted.
     */
    public static int deleteCyclesBefore(final Path journalDir, final long journalIndex)
    {
        final String rollCycleName = JournalDirectory.rollCycleName(journalDir);
        if (null == rollCycleName)
        {
            return 0;
        }

        final RollCycle rollCycle = new JournalConfig().rollCycle(rollCycleName).rollCycle();
        final int firstCycleKept = rollCycle.toCycle(journalIndex);
        final RollingResourcesCache names = new RollingResourcesCache(
            rollCycle,
            0,
            (name) -> journalDir.resolve(name + CYCLE_FILE_SUFFIX).toFile(),
            (file) -> file.getName().substring(0, file.getName().length() - CYCLE_FILE_SUFFIX.length()));

        int deleted = 0;
        for (final Path file : cycleFiles(journalDir))
        {
            final int cycle;
            try
            {
                cycle = names.parseCount(cycleName(file.toFile()));
            }
            catch (final RuntimeException ex)
            {
                continue;
            }

            if (cycle < firstCycleKept)
            {
                try
                {
                    Files.deleteIfExists(file);
                    deleted++;
                    LOGGER.info("Deleted journal cycle file {}: every retained snapshot is past it", file);
                }
                catch (final IOException ex)
                {
                    LOGGER.warn("Cannot delete journal cycle file {}: {}", file, ex.toString());
                }
            }
        }

        return deleted;
    }

    /**
     * Cycle files of a journal.
     *
     * @param journalDir the journal directory.
     * @return paths of its {@code *.cq4} files.
     */
    public static List<Path> cycleFiles(final Path journalDir)
    {
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(journalDir))
        {
            entries.filter((path) -> path.getFileName().toString().endsWith(CYCLE_FILE_SUFFIX)).forEach(files::add);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + journalDir, ex);
        }

        return files;
    }

    private static String cycleName(final File file)
    {
        final String name = file.getName();
        return name.substring(0, name.length() - CYCLE_FILE_SUFFIX.length());
    }
}
