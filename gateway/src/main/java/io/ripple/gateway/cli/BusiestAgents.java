package io.ripple.gateway.cli;

import io.ripple.codecs.FrameValidator;
import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.SignalBatchDecoder;
import io.ripple.codecs.SignalDecoder;
import io.ripple.journal.JournalReader;
import io.ripple.journal.JournalRecord;
import io.ripple.journal.JournalRecordHandler;
import org.agrona.DirectBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the signals journaled for each agent, by tailing a server's journal read-only, for the busiest-agents view
 * of {@code ripple stat}. The server does no work for it: the view reads what the journal stage wrote anyway.
 * <p>
 * Each {@link #catchUp(long, int)} reads what was appended since the last call and counts, per agent id, the entries
 * of {@code Signal} and {@code SignalBatch} events stamped from the start of the window on: views drawn every second
 * rank agents by their signals of the last second. The first call also reads the last records written before the
 * journal was opened, so that a single view shows the window before it. {@link #busiest(int)} ranks the agents and
 * {@link #endWindow()} starts the next window. Memory is bounded: at most
 * {@code maxAgents} agents are tracked at once; signals of further agents are counted as untracked, and agents idle
 * for a whole window are forgotten when the table is full. Bytes that are not a well-formed request are skipped.
 * <p>
 * One thread. Allocates (an agent id string per signal): a tool, not the hot path.
 */
final class BusiestAgents implements AutoCloseable
{
    /**
     * Most agents tracked at once unless told otherwise.
     */
    static final int DEFAULT_MAX_AGENTS = 100_000;

    /**
     * Most records read back from the end of the journal at open, to fill the first window.
     */
    static final int LOOKBACK_RECORDS = 100_000;

    private static final int POLL_LIMIT = 4_096;
    private static final Comparator<Tally> BUSIEST_FIRST = Comparator.comparingLong((final Tally tally) ->
        -tally.inWindow).thenComparingLong((tally) -> -tally.total).thenComparing((tally) -> tally.agentId);

    private final JournalReader reader;
    private final int maxAgents;
    private final FrameValidator validator = FrameValidator.forEngineSide();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final SignalDecoder signalDecoder = new SignalDecoder();
    private final SignalBatchDecoder batchDecoder = new SignalBatchDecoder();
    private final Map<String, Tally> tallyByAgent = new HashMap<>();
    private final JournalRecordHandler recordHandler =
        (index, kind, sequence, timestampNs, sessionId, buffer, offset, length) ->
        onRecord(kind, timestampNs, buffer, offset, length);
    private long windowStartNs;
    private long signalsInWindow;
    private long untrackedInWindow;

    /**
     * One agent's signals: in the current window and since the view started.
     */
    static final class Tally
    {
        private final String agentId;
        private long inWindow;
        private long total;

        Tally(final String agentId)
        {
            this.agentId = agentId;
        }

        /**
         * The agent id.
         *
         * @return the agent id.
         */
        String agentId()
        {
            return agentId;
        }

        /**
         * Signals journaled for the agent in the current window.
         *
         * @return the count.
         */
        long inWindow()
        {
            return inWindow;
        }

        /**
         * Signals journaled for the agent since the view started (or since it was last forgotten).
         *
         * @return the count.
         */
        long total()
        {
            return total;
        }
    }

    private BusiestAgents(final JournalReader reader, final int maxAgents)
    {
        this.reader = reader;
        this.maxAgents = maxAgents;
    }

    /**
     * Open a journal read-only, positioned so that the first window can hold the last records already written (at
     * most {@value #LOOKBACK_RECORDS}).
     *
     * @param journalDir of the server.
     * @param maxAgents  most agents tracked at once.
     * @return the counter.
     * @throws RuntimeException if the directory is not a readable journal.
     */
    static BusiestAgents open(final Path journalDir, final int maxAgents)
    {
        final JournalReader reader = JournalReader.open(journalDir);
        try
        {
            reader.toLastRecords(LOOKBACK_RECORDS);
        }
        catch (final RuntimeException ex)
        {
            reader.close();
            throw ex;
        }
        return new BusiestAgents(reader, maxAgents);
    }

    /**
     * Read what the journal holds beyond the last read, counting into the current window the signals stamped at or
     * after its start; earlier ones are skipped.
     *
     * @param windowStartNs start of the window in epoch nanoseconds.
     * @param maxRecords    most records to read in this call, so that a view is drawn even when the server writes
     *                      faster than this reads; the rest is read by the next call.
     * @return the number of records read.
     */
    int catchUp(final long windowStartNs, final int maxRecords)
    {
        this.windowStartNs = windowStartNs;
        int read = 0;
        int polled;
        do
        {
            polled = reader.poll(recordHandler, Math.min(POLL_LIMIT, maxRecords - read));
            read += polled;
        }
        while (polled > 0 && read < maxRecords);

        return read;
    }

    /**
     * The busiest agents of the current window, most signals first (ties: most since the start, then by id).
     *
     * @param limit most agents to return.
     * @return up to {@code limit} tallies with at least one signal in the window.
     */
    List<Tally> busiest(final int limit)
    {
        final List<Tally> active = new ArrayList<>();
        for (final Tally tally : tallyByAgent.values())
        {
            if (tally.inWindow > 0)
            {
                active.add(tally);
            }
        }
        active.sort(BUSIEST_FIRST);

        return active.size() > limit ? active.subList(0, limit) : active;
    }

    /**
     * Signals counted in the current window, from every agent, tracked or not.
     *
     * @return the count.
     */
    long signalsInWindow()
    {
        return signalsInWindow;
    }

    /**
     * Signals in the current window from agents not tracked because the table was full.
     *
     * @return the count.
     */
    long untrackedInWindow()
    {
        return untrackedInWindow;
    }

    /**
     * Agents tracked now.
     *
     * @return the number of agents in the table.
     */
    int agentsTracked()
    {
        return tallyByAgent.size();
    }

    /**
     * End the current window: forget the agents idle in it if the table is full, then zero the window's counts.
     */
    void endWindow()
    {
        if (tallyByAgent.size() >= maxAgents)
        {
            tallyByAgent.values().removeIf((tally) -> 0 == tally.inWindow);
        }
        for (final Tally tally : tallyByAgent.values())
        {
            tally.inWindow = 0;
        }
        signalsInWindow = 0;
        untrackedInWindow = 0;
    }

    /**
     * Close the journal.
     */
    public void close()
    {
        reader.close();
    }

    private void onRecord(
        final byte kind, final long timestampNs, final DirectBuffer buffer, final int offset, final int length)
    {
        if (JournalRecord.KIND_EVENT != kind || timestampNs < windowStartNs ||
            null != validator.validate(buffer, offset, length))
        {
            return;
        }

        headerDecoder.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (SignalDecoder.TEMPLATE_ID == headerDecoder.templateId())
        {
            signalDecoder.wrap(buffer, bodyOffset, headerDecoder.blockLength(), headerDecoder.version());
            onSignal(signalDecoder.agentId());
        }
        else if (SignalBatchDecoder.TEMPLATE_ID == headerDecoder.templateId())
        {
            batchDecoder.wrap(buffer, bodyOffset, headerDecoder.blockLength(), headerDecoder.version());
            for (final SignalBatchDecoder.SignalsDecoder entry : batchDecoder.signals())
            {
                onSignal(entry.agentId());
                entry.skipTraceId();
            }
        }
    }

    private void onSignal(final String agentId)
    {
        signalsInWindow++;
        Tally tally = tallyByAgent.get(agentId);
        if (null == tally)
        {
            if (tallyByAgent.size() >= maxAgents)
            {
                untrackedInWindow++;
                return;
            }
            tally = new Tally(agentId);
            tallyByAgent.put(agentId, tally);
        }
        tally.inWindow++;
        tally.total++;
    }
}
