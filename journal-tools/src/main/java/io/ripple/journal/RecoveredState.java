package io.ripple.journal;

import java.nio.file.Path;

/**
 * What {@link Recovery} rebuilt: a dispatcher whose engine holds the recovered state, and an account of how it got
 * there.
 */
public final class RecoveredState
{
    private final EngineCommandDispatcher dispatcher;
    private final Path snapshotPath;
    private final long snapshotJournalIndex;
    private final int snapshotsSkipped;
    private final long lastJournalIndex;
    private final long lastRingSequence;
    private final long eventsReplayed;
    private final long answersRead;
    private final int tornEntries;
    private final long malformedRecords;
    private final long replayNs;

    RecoveredState(
        final EngineCommandDispatcher dispatcher,
        final Path snapshotPath,
        final long snapshotJournalIndex,
        final int snapshotsSkipped,
        final long lastJournalIndex,
        final long lastRingSequence,
        final long eventsReplayed,
        final long answersRead,
        final int tornEntries,
        final long malformedRecords,
        final long replayNs)
    {
        this.dispatcher = dispatcher;
        this.snapshotPath = snapshotPath;
        this.snapshotJournalIndex = snapshotJournalIndex;
        this.snapshotsSkipped = snapshotsSkipped;
        this.lastJournalIndex = lastJournalIndex;
        this.lastRingSequence = lastRingSequence;
        this.eventsReplayed = eventsReplayed;
        this.answersRead = answersRead;
        this.tornEntries = tornEntries;
        this.malformedRecords = malformedRecords;
        this.replayNs = replayNs;
    }

    /**
     * The dispatcher holding the recovered engine, with the sink given to {@link Recovery}.
     *
     * @return the dispatcher.
     */
    public EngineCommandDispatcher dispatcher()
    {
        return dispatcher;
    }

    /**
     * Snapshot the engine was restored from.
     *
     * @return its file, or null if recovery started from an empty engine.
     */
    public Path snapshotPath()
    {
        return snapshotPath;
    }

    /**
     * Journal index covered by the snapshot used.
     *
     * @return the index, or -1 without a snapshot.
     */
    public long snapshotJournalIndex()
    {
        return snapshotJournalIndex;
    }

    /**
     * Newer snapshots skipped because they were corrupt, truncated or refused by the engine.
     *
     * @return the count.
     */
    public int snapshotsSkipped()
    {
        return snapshotsSkipped;
    }

    /**
     * Index of the last journal record included in the state (from the snapshot or replayed).
     *
     * @return the index, or -1 if the state includes no record.
     */
    public long lastJournalIndex()
    {
        return lastJournalIndex;
    }

    /**
     * Ring sequence of the last event replayed.
     *
     * @return the sequence, or -1 if no event was replayed.
     */
    public long lastRingSequence()
    {
        return lastRingSequence;
    }

    /**
     * Events applied from the journal after the snapshot.
     *
     * @return the count.
     */
    public long eventsReplayed()
    {
        return eventsReplayed;
    }

    /**
     * Journaled answers read (and not applied) during replay.
     *
     * @return the count.
     */
    public long answersRead()
    {
        return answersRead;
    }

    /**
     * Entries at the end of the journal whose write never completed, ignored.
     *
     * @return 0 or 1.
     */
    public int tornEntries()
    {
        return tornEntries;
    }

    /**
     * Complete journal excerpts skipped because they were not well-formed records.
     *
     * @return the count.
     */
    public long malformedRecords()
    {
        return malformedRecords;
    }

    /**
     * Time spent replaying the journal.
     *
     * @return nanoseconds.
     */
    public long replayNs()
    {
        return replayNs;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "RecoveredState{snapshot=" + snapshotPath + ", snapshotJournalIndex=" +
            Long.toHexString(snapshotJournalIndex) + ", snapshotsSkipped=" + snapshotsSkipped +
            ", lastJournalIndex=" + Long.toHexString(lastJournalIndex) + ", lastRingSequence=" + lastRingSequence +
            ", eventsReplayed=" + eventsReplayed + ", answersRead=" + answersRead + ", tornEntries=" + tornEntries +
            ", malformedRecords=" + malformedRecords + ", replayMs=" + replayNs / 1_000_000 + '}';
    }
}
