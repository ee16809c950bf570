package io.ripple.journal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * Layout of a journal directory: the Chronicle Queue cycle files ({@code *.cq4}) and their metadata, a marker file
 * that identifies the directory as a Ripple journal, and the {@code snapshots/} subdirectory.
 */
public final class JournalDirectory
{
    /**
     * Name of the marker file written when a journal is created.
     */
    public static final String MARKER_FILE_NAME = "ripple-journal.properties";

    /**
     * Name of the subdirectory holding snapshots.
     */
    public static final String SNAPSHOTS_DIR_NAME = "snapshots";

    /**
     * Version of the record layout described by {@link JournalRecord}.
     */
    public static final int FORMAT_VERSION = 1;

    private static final String MARKER_TEXT =
        "# Ripple journal: Chronicle Queue cycle files of records described in docs/operations.md\n" +
        "format=" + FORMAT_VERSION + "\n" +
        "record=kind:u8,sequence:i64,timestampNs:i64,sessionId:i64,length:i32,sbe\n" +
        "sbe.schemaId=7301\n" +
        "rollCycle=";

    private static final String CYCLE_FILE_HEADER_NAME = "header";
    private static final int CYCLE_FILE_HEADER_START = 6;
    private static final int CYCLE_FILE_HEADER_END = CYCLE_FILE_HEADER_START + CYCLE_FILE_HEADER_NAME.length();

    static
    {
        disableChronicleReporting();
    }

    private JournalDirectory()
    {
    }

    /**
     * Switch off Chronicle's usage analytics and start-up banner. Must run before any Chronicle class loads; every
     * entry class of this module calls it from a static initialiser.
     */
    public static void disableChronicleReporting()
    {
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
    }

    /**
     * Create a journal directory, or accept an existing one, writing the marker file if it is missing. A non-empty
     * directory without a marker is refused so that a journal is never mixed into someone else's files.
     *
     * @param dir           the journal directory.
     * @param rollCycleName name of the roll cycle a new journal is created with.
     * @throws JournalDirectoryException if the path is a file or a foreign non-empty directory.
     */
    public static void createOrCheck(final Path dir, final String rollCycleName)
    {
        try
        {
            if (Files.exists(dir) && !Files.isDirectory(dir))
            {
                throw new JournalDirectoryException("not a directory: " + dir);
            }

            Files.createDirectories(dir);
            final Path marker = dir.resolve(MARKER_FILE_NAME);
            if (!Files.exists(marker))
            {
                if (!isEmpty(dir))
                {
                    throw new JournalDirectoryException(
                        "not a Ripple journal (no " + MARKER_FILE_NAME + ") and not empty: " + dir);
                }

                final Path temp = dir.resolve(MARKER_FILE_NAME + ".tmp");
                Files.write(temp, (MARKER_TEXT + rollCycleName + "\n").getBytes(StandardCharsets.US_ASCII));
                Files.move(temp, marker, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create journal directory " + dir, ex);
        }
    }

    /**
     * Check that a path is an existing Ripple journal, for readers and tools.
     *
     * @param dir the journal directory.
     * @throws JournalDirectoryException with a message naming the problem if it is not.
     */
    public static void check(final Path dir)
    {
        if (!Files.exists(dir))
        {
            throw new JournalDirectoryException("no such directory: " + dir);
        }

        if (!Files.isDirectory(dir))
        {
            throw new JournalDirectoryException("not a directory: " + dir);
        }

        if (!Files.isRegularFile(dir.resolve(MARKER_FILE_NAME)))
        {
            throw new JournalDirectoryException("not a Ripple journal (no " + MARKER_FILE_NAME + "): " + dir);
        }

        checkCycleFileHeaders(dir);
    }

    /**
     * Chronicle reads a cycle file that does not start with its header as an empty one, so a damaged or foreign
     * {@code *.cq4} would silently hide the records it should hold. A file of zeros is left to Chronicle, which
     * treats it as a cycle file whose creation was cut short.
     */
    private static void checkCycleFileHeaders(final Path dir)
    {
        try (DirectoryStream<Path> cycleFiles = Files.newDirectoryStream(dir, "*.cq4"))
        {
            final byte[] start = new byte[CYCLE_FILE_HEADER_END];
            for (final Path file : cycleFiles)
            {
                final int read;
                try (InputStream in = Files.newInputStream(file))
                {
                    read = in.readNBytes(start, 0, start.length);
                }

                if (read < start.length)
                {
                    throw new JournalDirectoryException(
                        "cycle file " + file.getFileName() + " is " + read + " bytes long, too short for its header: " +
                        dir);
                }
                if (!isAllZero(start) && !CYCLE_FILE_HEADER_NAME.equals(
                    new String(start, CYCLE_FILE_HEADER_START, CYCLE_FILE_HEADER_NAME.length(), US_ASCII)))
                {
                    throw new JournalDirectoryException(
                        "cycle file " + file.getFileName() + " is not a Chronicle Queue file (damaged or foreign): " +
                        dir);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new JournalDirectoryException("cannot read the cycle files of " + dir + ": " + ex.getMessage());
        }
    }

    private static boolean isAllZero(final byte[] bytes)
    {
        for (final byte b : bytes)
        {
            if (0 != b)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Name of the roll cycle a journal was created with, as recorded in its marker file.
     *
     * @param dir the journal directory.
     * @return the name, or null if the marker does not record one.
     */
    public static String rollCycleName(final Path dir)
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve(MARKER_FILE_NAME), StandardCharsets.US_ASCII))
        {
            properties.load(reader);
        }
        catch (final IOException ex)
        {
            return null;
        }

        return properties.getProperty("rollCycle");
    }

    /**
     * Directory holding the snapshots of a journal.
     *
     * @param dir the journal directory.
     * @return {@code dir/snapshots}.
     */
    public static Path snapshotsDir(final Path dir)
    {
        return dir.resolve(SNAPSHOTS_DIR_NAME);
    }

    private static boolean isEmpty(final Path dir) throws IOException
    {
        try (java.util.stream.Stream<Path> entries = Files.list(dir))
        {
            return entries.findAny().isEmpty();
        }
    }
}
