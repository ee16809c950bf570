package io.ripple.journal;

import io.ripple.engine.EngineConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Rebuilds the engine on start: loads the newest intact snapshot (falling back to older ones, with a log line for
 * each one skipped), then replays every journal event after the index it covers. A torn entry at the end of the
 * journal, left by a writer that died in the middle of an append, is ignored, counted and logged.
 */
public final class Recovery
{
    static
    {
        JournalDirectory.disableChronicleReporting();
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(Recovery.class);

    private Recovery()
    {
    }

    /**
     * Recover the engine of a journal, from its newest valid snapshot and the journal after it. A directory that
     * does not exist, or is empty, recovers to an empty engine.
     *
     * @param dir    the journal directory.
     * @param config configuration of the engine when no snapshot is used (a snapshot carries its own).
     * @return the recovered state, with a dispatcher whose sink is {@link ResponseSink#NO_OP}; replace it with
     * {@link EngineCommandDispatcher#responseSink(ResponseSink)}.
     * @throws JournalDirectoryException if the directory is not a Ripple journal.
     */
    public static RecoveredState recover(final Path dir, final EngineConfig config)
    {
        return recover(dir, config, true, ReplayObserver.NONE, null, ResponseSink.NO_OP);
    }

    /**
     * Recover the engine of a journal, choosing whether to start from a snapshot and watching the replay.
     *
     * @param dir          the journal directory.
     * @param config       configuration of the engine when no snapshot is used.
     * @param useSnapshots false to replay the whole journal into an empty engine.
     * @param observer     watches every event and answer replayed, and may stop the replay.
     * @param progress     called with the number of records read about every 65,536 records, or null.
     * @param replaySink   receives the dispatcher's answers during the replay, {@link ResponseSink#NO_OP} to drop
     *                     them; the recovered dispatcher keeps it.
     * @return the recovered state.
     * @throws JournalDirectoryException if the directory is not a Ripple journal.
     */
    public static RecoveredState recover(
        final Path dir,
        final EngineConfig config,
        final boolean useSnapshots,
        final ReplayObserver observer,
        final LongConsumer progress,
        final ResponseSink replaySink)
    {
        if (!Files.exists(dir) || isEmptyDirectory(dir))
        {
            LOGGER.info("No journal in {}: starting with an empty engine", dir);
            return new RecoveredState(
                new EngineCommandDispatcher(config, replaySink), null, -1, 0, -1, -1, 0, 0, 0, 0, 0);
        }

        JournalDirectory.check(dir);

        EngineCommandDispatcher dispatcher = null;
        Snapshot snapshot = null;
        int snapshotsSkipped = 0;
        if (useSnapshots)
        {
            final SnapshotStore store = new SnapshotStore(dir);
            for (final Path file : store.list())
            {
                try
                {
                    final Snapshot candidate = store.load(file);
                    dispatcher = candidate.restore(replaySink);
                    snapshot = candidate;
                    break;
                }
                catch (final SnapshotCorruptException ex)
                {
                    snapshotsSkipped++;
                    LOGGER.warn("Skipping corrupt snapshot, falling back to the one before it: {}", ex.getMessage());
                }
                catch (final IllegalArgumentException ex)
                {
                    snapshotsSkipped++;
                    LOGGER.warn("Skipping snapshot {} that the engine refused ({}), falling back to the one before it",
                        file, ex.getMessage());
                }
            }
        }

        if (null == dispatcher)
        {
            dispatcher = new EngineCommandDispatcher(config, replaySink);
        }
        observer.onStart(dispatcher);
        final long snapshotIndex = null == snapshot ? -1 : snapshot.journalIndex();

        if (JournalRetention.cycleFiles(dir).isEmpty())
        {
            LOGGER.info(
                "Journal {} has no entries; recovered {}", dir, null == snapshot ? "an empty engine" : snapshot);
            return new RecoveredState(
                dispatcher, null == snapshot ? null : snapshot.path(), snapshotIndex, snapshotsSkipped, snapshotIndex,
                -1, 0, 0, 0, 0, 0);
        }

        final JournalReplayer replayer = new JournalReplayer(dispatcher, observer);
        final long startNs = System.nanoTime();
        try (JournalReader reader = JournalReader.open(dir))
        {
            if (!positionAfter(reader, snapshotIndex))
            {
                LOGGER.warn("Journal {} ends before index {} covered by the snapshot: nothing to replay",
                    dir, Long.toHexString(snapshotIndex));
            }
            else
            {
                replayer.replay(reader, progress);
            }

            final long replayNs = System.nanoTime() - startNs;
            final int tornEntries = !replayer.isStopped() && reader.isAtTornEntry() ? 1 : 0;
            if (tornEntries > 0)
            {
                LOGGER.warn("Journal {} ends with a torn entry after index {} (its writer died while appending it): " +
                    "ignored", dir, Long.toHexString(reader.lastReadIndex()));
            }

            if (reader.malformedRecords() > 0)
            {
                LOGGER.warn("Journal {} has {} malformed records: skipped", dir, reader.malformedRecords());
            }

            final long events = replayer.eventsReplayed();
            LOGGER.info("Recovered from {} and replayed {} events in {} ms ({} events/s)",
                null == snapshot ? "an empty engine" : snapshot.path().toString(), events, replayNs / 1_000_000,
                replayNs > 0 ? (long) (events * 1e9 / replayNs) : 0);

            return new RecoveredState(
                dispatcher,
                null == snapshot ? null : snapshot.path(),
                snapshotIndex,
                snapshotsSkipped,
                replayer.lastIndex() >= 0 ? replayer.lastIndex() : snapshotIndex,
                replayer.lastSequence(),
                events,
                replayer.answersRead(),
                tornEntries,
                reader.malformedRecords(),
                replayNs);
        }
    }

    private static boolean positionAfter(final JournalReader reader, final long index)
    {
        if (index < 0)
        {
            reader.toStart();
            return true;
        }

        if (reader.moveAfterIndex(index))
        {
            return true;
        }

        if (reader.lastIndex() < index)
        {
            return false;
        }

        reader.toStart();
        final long[] lastSkipped = { -1 };
        while (lastSkipped[0] < index)
        {
            final int read = reader.poll((i, k, s, t, id, b, o, l) -> lastSkipped[0] = i, 1);
            if (0 == read)
            {
                return false;
            }
        }

        return true;
    }

    private static boolean isEmptyDirectory(final Path dir)
    {
        try (Stream<Path> entries = Files.list(dir))
        {
            return entries.findAny().isEmpty();
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
