package io.ripple.journal;

import org.agrona.DirectBuffer;

import java.util.function.LongConsumer;

/**
 * Feeds the events of a journal to an {@link EngineCommandDispatcher}, in journal order, until the current end of the
 * journal or until a {@link ReplayObserver} stops it. Answers are not applied; they are shown to the observer.
 * <p>
 * One thread. Replaying does not allocate.
 */
public final class JournalReplayer implements JournalRecordHandler
{
    /**
     * Records between two calls of the progress callback.
     */
    public static final int PROGRESS_INTERVAL_RECORDS = 1 << 16;

    private static final int POLL_LIMIT = 4096;

    private final EngineCommandDispatcher dispatcher;
    private final ReplayObserver observer;
    private long eventsReplayed;
    private long answersRead;
    private long lastIndex = -1;
    private long lastSequence = -1;
    private boolean stopped;

    /**
     * A replayer for one dispatcher.
     *
     * @param dispatcher receives the events.
     * @param observer   watches the replay, {@link ReplayObserver#NONE} for nothing.
     */
    public JournalReplayer(final EngineCommandDispatcher dispatcher, final ReplayObserver observer)
    {
        this.dispatcher = dispatcher;
        this.observer = null == observer ? ReplayObserver.NONE : observer;
    }

    /**
     * Replay from the reader's position to the current end of the journal, or until the observer stops it.
     *
     * @param reader   positioned where the replay starts.
     * @param progress called with the number of records read so far every {@link #PROGRESS_INTERVAL_RECORDS}
     *                 records, or null.
     * @return the number of events applied by this call.
     */
    public long replay(final JournalReader reader, final LongConsumer progress)
    {
        final long eventsBefore = eventsReplayed;
        long nextProgress = reader.recordsRead() + PROGRESS_INTERVAL_RECORDS;
        while (!stopped)
        {
            if (0 == reader.poll(this, POLL_LIMIT))
            {
                break;
            }

            if (null != progress && reader.recordsRead() >= nextProgress)
            {
                progress.accept(reader.recordsRead());
                nextProgress = reader.recordsRead() + PROGRESS_INTERVAL_RECORDS;
            }
        }

        return eventsReplayed - eventsBefore;
    }

    /**
     * {@inheritDoc}
     */
    public void onRecord(
        final long index,
        final byte kind,
        final long sequence,
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        if (stopped)
        {
            return;
        }

        if (JournalRecord.KIND_EVENT == kind)
        {
            if (!observer.beforeEvent(index, sequence, timestampNs, sessionId, buffer, offset, length))
            {
                stopped = true;
                return;
            }

            dispatcher.dispatch(timestampNs, sessionId, buffer, offset, length);
            eventsReplayed++;
            lastIndex = index;
            lastSequence = sequence;
            observer.afterEvent(index, sequence, timestampNs, sessionId, buffer, offset, length);
        }
        else
        {
            answersRead++;
            lastIndex = index;
            observer.onAnswer(index, sequence, timestampNs, sessionId, buffer, offset, length);
        }
    }

    /**
     * Has the observer stopped the replay?
     *
     * @return true once stopped.
     */
    public boolean isStopped()
    {
        return stopped;
    }

    /**
     * Events applied so far.
     *
     * @return the count.
     */
    public long eventsReplayed()
    {
        return eventsReplayed;
    }

    /**
     * Answer records read so far.
     *
     * @return the count.
     */
    public long answersRead()
    {
        return answersRead;
    }

    /**
     * Index of the last record consumed (event applied or answer read).
     *
     * @return the index, or -1 if none.
     */
    public long lastIndex()
    {
        return lastIndex;
    }

    /**
     * Ring sequence of the last event applied.
     *
     * @return the sequence, or -1 if none.
     */
    public long lastSequence()
    {
        return lastSequence;
    }
}
