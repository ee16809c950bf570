package io.ripple.gateway.metrics;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The well-known file {@value #FILE_NAME} in the journal directory that tells tools where a running server is:
 * its Aeron directory, process id and metrics port. Written at start, removed at shutdown; a file left by a crash
 * names a process that is gone.
 */
public final class ServerInfoFile
{
    /**
     * Name of the file in the journal directory.
     */
    public static final String FILE_NAME = "ripple-server.properties";

    private ServerInfoFile()
    {
    }

    /**
     * Write the file atomically (temporary file, then rename).
     *
     * @param journalDir         of the server.
     * @param aeronDirectoryName of the driver holding the server's counters.
     * @param metricsPort        of the HTTP endpoint, -1 for none.
     * @throws IOException if it cannot be written.
     */
    public static void write(final Path journalDir, final String aeronDirectoryName, final int metricsPort)
        throws IOException
    {
        final Properties properties = new Properties();
        properties.setProperty("aeron.dir", aeronDirectoryName);
        properties.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        properties.setProperty("metrics.port", Integer.toString(metricsPort));
        final Path temporary = journalDir.resolve(FILE_NAME + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8))
        {
            properties.store(writer, "written by a running Ripple server; removed at shutdown");
        }
        Files.move(temporary, journalDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Aeron directory of the server running on this journal directory.
     *
     * @param journalDir of the server.
     * @return the Aeron directory.
     * @throws IOException if there is no readable file, that is no running server.
     */
    public static String aeronDirectoryName(final Path journalDir) throws IOException
    {
        final Path file = journalDir.resolve(FILE_NAME);
        if (!Files.isReadable(file))
        {
            throw new IOException("no running server on " + journalDir + " (no " + FILE_NAME + ")");
        }
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        final String aeronDir = properties.getProperty("aeron.dir");
        if (null == aeronDir)
        {
            throw new IOException(file + " names no aeron.dir");
        }
        return aeronDir;
    }

    /**
     * Remove the file, if present.
     *
     * @param journalDir of the server.
     */
    public static void delete(final Path journalDir)
    {
        try
        {
            Files.deleteIfExists(journalDir.resolve(FILE_NAME));
        }
        catch (final IOException ignore)
        {
            // Nothing to do: a stale file names a dead process and is overwritten at the next start.
        }
    }
}
