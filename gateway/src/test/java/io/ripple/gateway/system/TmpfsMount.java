package io.ripple.gateway.system;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted over a directory for the length of a test, with a filler file that takes every free byte.
 * Mounting needs root (or CAP_SYS_ADMIN) on Linux; where it is not permitted the test is skipped.
 */
final class TmpfsMount implements AutoCloseable
{
    private final Path dir;
    private final Path filler;

    private TmpfsMount(final Path dir)
    {
        this.dir = dir;
        this.filler = dir.resolve("filler");
    }

    /**
     * Mount a tmpfs of the given size over a directory, or skip the test if this process may not mount.
     *
     * @param dir    an existing empty directory.
     * @param sizeMb size of the file system.
     * @return the mount, to close in cleanup.
     */
    static TmpfsMount mountOrSkip(final Path dir, final int sizeMb)
    {
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"), "tmpfs needs Linux");
        final int exitCode = run("mount", "-t", "tmpfs", "-o", "size=" + sizeMb + "m", "tmpfs", dir.toString());
        Assumptions.assumeTrue(0 == exitCode, "mounting a tmpfs is not permitted here (mount exited " + exitCode + ")");
        return new TmpfsMount(dir);
    }

    /**
     * Write a filler file until the file system is full.
     *
     * @return bytes written.
     */
    long fill() throws IOException
    {
        final ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long written = 0;
        try (FileChannel channel = FileChannel.open(
            filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND))
        {
            while (true)
            {
                chunk.clear();
                written += channel.write(chunk);
            }
        }
        catch (final IOException ex)
        {
            if (Files.getFileStore(dir).getUsableSpace() > chunk.capacity())
            {
                throw ex;
            }
        }
        return written;
    }

    /**
     * Delete the filler file, giving its space back.
     */
    void release() throws IOException
    {
        Files.deleteIfExists(filler);
    }

    /**
     * Free bytes of the mounted file system.
     *
     * @return usable bytes.
     */
    long usableBytes() throws IOException
    {
        return Files.getFileStore(dir).getUsableSpace();
    }

    public void close() throws IOException
    {
        release();
        if (0 != run("umount", dir.toString()))
        {
            run("umount", "-l", dir.toString());
        }
    }

    private static int run(final String... command)
    {
        final Process process;
        try
        {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.DISCARD).start();
        }
        catch (final IOException ex)
        {
            return -1;
        }

        try
        {
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                return -1;
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
