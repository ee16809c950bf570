package io.ripple.gateway;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Aeron media driver a server or the demo uses: either embedded, in its own directory under {@code /dev/shm}
 * (removed on close, and on start if a crashed run left it), with one shared thread that backs off when idle; or an
 * external driver named by its Aeron directory, which is left alone.
 * <p>
 * Terms are 4 MiB, so the largest Aeron message (a term / 8) is 512 KiB, above Ripple's 256 KiB limit.
 */
public final class MediaDriverHost implements AutoCloseable
{
    /**
     * Term length of the embedded driver's publications.
     */
    public static final int TERM_LENGTH = 4 * 1024 * 1024;

    /**
     * Free space the embedded driver wants in its directory: a handful of publications of three terms each.
     */
    public static final long REQUIRED_FREE_BYTES = 64L * 1024 * 1024;

    private final MediaDriver driver;
    private final String aeronDirectoryName;

    private MediaDriverHost(final MediaDriver driver, final String aeronDirectoryName)
    {
        this.driver = driver;
        this.aeronDirectoryName = aeronDirectoryName;
    }

    /**
     * Use an external driver, or embed one if the directory is null.
     *
     * @param externalAeronDirectoryName Aeron directory of a running driver, or null to embed one.
     * @return the host.
     */
    public static MediaDriverHost launch(final String externalAeronDirectoryName)
    {
        if (null != externalAeronDirectoryName)
        {
            return new MediaDriverHost(null, externalAeronDirectoryName);
        }
        return embed(defaultParentDirectory());
    }

    /**
     * Embed a driver in a new directory under the given parent.
     *
     * @param parent directory, normally {@code /dev/shm}.
     * @return the host.
     * @throws IllegalStateException with advice when the parent has too little free space.
     */
    public static MediaDriverHost embed(final Path parent)
    {
        final long freeBytes = freeBytes(parent);
        if (freeBytes < REQUIRED_FREE_BYTES)
        {
            throw new IllegalStateException(parent + " has " + (freeBytes >> 20) + " MiB free; the embedded Aeron " +
                "media driver needs at least " + (REQUIRED_FREE_BYTES >> 20) + " MiB there. Free some space, " +
                "enlarge it (e.g. docker run --shm-size=256m), or run a media driver yourself and pass --aeron-dir.");
        }

        final String directory = parent.resolve(
            "ripple-" + ProcessHandle.current().pid() + "-" +
            Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0x7FFF_FFFF)).toString();
        final MediaDriver.Context context = new MediaDriver.Context()
            .aeronDirectoryName(directory)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(64, 16, 1_000, 1_000_000))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .ipcTermBufferLength(TERM_LENGTH)
            .publicationTermBufferLength(TERM_LENGTH)
            .termBufferSparseFile(true)
            .spiesSimulateConnection(false);

        try
        {
            return new MediaDriverHost(MediaDriver.launch(context), directory);
        }
        catch (final RuntimeException ex)
        {
            IoUtil.delete(new File(directory), true);
            throw new IllegalStateException("cannot start the embedded Aeron media driver in " + directory + ": " +
                ex.getMessage() + " (free space in " + parent + ": " + (freeBytes(parent) >> 20) + " MiB)", ex);
        }
    }

    /**
     * Where embedded drivers go: {@code /dev/shm} on Linux, the temporary directory elsewhere.
     *
     * @return the parent directory.
     */
    public static Path defaultParentDirectory()
    {
        final Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static long freeBytes(final Path directory)
    {
        try
        {
            return Files.getFileStore(directory).getUsableSpace();
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }

    /**
     * Aeron directory for clients of this driver.
     *
     * @return the Aeron directory.
     */
    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    /**
     * Error handler that records into the embedded driver's distinct error log in its CnC file, where
     * {@code ripple errors} and Aeron's {@code ErrorStat} read it.
     *
     * @return the driver's error handler, or null for an external driver.
     */
    public ErrorHandler errorHandler()
    {
        return null == driver ? null : driver.context().errorHandler();
    }

    /**
     * Is the driver embedded in this process?
     *
     * @return true if embedded.
     */
    public boolean isEmbedded()
    {
        return null != driver;
    }

    /**
     * Stop an embedded driver and remove its directory; leaves an external one alone.
     */
    public void close()
    {
        if (null != driver)
        {
            driver.close();
            IoUtil.delete(new File(aeronDirectoryName), true);
        }
    }
}
