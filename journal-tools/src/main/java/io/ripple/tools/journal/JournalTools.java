package io.ripple.tools.journal;

import io.ripple.engine.EngineConfig;
import io.ripple.journal.JournalDirectory;
import io.ripple.journal.JournalDirectoryException;
import io.ripple.journal.JournalReader;
import io.ripple.journal.Snapshot;
import io.ripple.journal.SnapshotCorruptException;
import io.ripple.journal.SnapshotStore;
import io.ripple.journal.ResponseSink;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * What the journal tools share: opening a journal with a clear error for a bad path, exit statuses, and the engine
 * configuration of a replay.
 */
final class JournalTools
{
    /**
     * Exit status for success.
     */
    static final int OK = 0;

    /**
     * Exit status when the tool ran but found what it was asked to look for missing or different.
     */
    static final int NOT_AS_EXPECTED = 1;

    /**
     * Exit status for a bad path, a foreign directory or a bad argument.
     */
    static final int BAD_INPUT = 2;

    static
    {
        JournalDirectory.disableChronicleReporting();
    }

    private JournalTools()
    {
    }

    /**
     * Open a journal for reading, or print why it cannot be opened.
     *
     * @param spec of the command, for its error stream.
     * @param dir  the journal directory.
     * @return the reader, or null after printing the error (the caller exits with {@link #BAD_INPUT}).
     */
    static JournalReader open(final CommandLine.Model.CommandSpec spec, final Path dir)
    {
        try
        {
            return JournalReader.open(dir);
        }
        catch (final JournalDirectoryException ex)
        {
            error(spec, ex.getMessage());
            return null;
        }
        catch (final RuntimeException ex)
        {
            error(spec, "cannot open journal " + dir + ": " + ex);
            return null;
        }
    }

    /**
     * Parse a command's record filter, then open its journal; print what is wrong with either.
     *
     * @param spec   of the command.
     * @param dir    the journal directory.
     * @param filter the command's filter options.
     * @return the reader, or null after printing the error (the caller exits with {@link #BAD_INPUT}).
     */
    static JournalReader open(final CommandLine.Model.CommandSpec spec, final Path dir, final RecordFilter filter)
    {
        try
        {
            filter.prepare();
        }
        catch (final IllegalArgumentException ex)
        {
            error(spec, ex.getMessage());
            return null;
        }

        return open(spec, dir);
    }

    /**
     * Check that a path is a journal, or print why not.
     *
     * @param spec of the command.
     * @param dir  the journal directory.
     * @return true if it is a journal.
     */
    static boolean check(final CommandLine.Model.CommandSpec spec, final Path dir)
    {
        try
        {
            JournalDirectory.check(dir);
            return true;
        }
        catch (final JournalDirectoryException ex)
        {
            error(spec, ex.getMessage());
            return false;
        }
    }

    static void error(final CommandLine.Model.CommandSpec spec, final String message)
    {
        final PrintWriter err = spec.commandLine().getErr();
        err.println("ripple journal " + spec.name() + ": " + message);
        err.flush();
    }

    /**
     * Engine configuration for a replay from the start of a journal: the one recorded in its oldest intact snapshot
     * (snapshots carry the configuration of the engine that wrote them), else the defaults with the given capacity.
     *
     * @param dir           the journal directory.
     * @param agentCapacity capacity to use without a snapshot, 0 for the default.
     * @return the configuration.
     */
    static EngineConfig engineConfig(final Path dir, final int agentCapacity)
    {
        final SnapshotStore store = new SnapshotStore(dir);
        final List<Path> files = store.list();
        for (int i = files.size() - 1; i >= 0; i--)
        {
            try
            {
                final Snapshot snapshot = store.load(files.get(i));
                return snapshot.restore(ResponseSink.NO_OP).engine().config();
            }
            catch (final SnapshotCorruptException | RuntimeException ignore)
            {
                // try the next one
            }
        }

        final EngineConfig config = new EngineConfig();
        if (agentCapacity > 0)
        {
            config.agentCapacity(agentCapacity);
        }
        return config;
    }
}
