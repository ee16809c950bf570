package io.ripple.bench.load;

import io.ripple.codecs.ErrorDecoder;
import io.ripple.codecs.SignalType;
import org.HdrHistogram.Recorder;

/**
 * Agents' signals at a fixed rate, one {@code Signal} per message or {@code batchSize} entries per
 * {@code SignalBatch}, round robin over the agents and the six signal types. Latency is from a message's planned
 * time to the cumulative {@code SignalAck} that covers it (the server acks once the signal is journaled).
 */
final class SignalDriver extends LoadDriver
{
    private static final int PLAN_CAPACITY = 1 << 18;
    private static final SignalType[] TYPES = {
        SignalType.LOAD, SignalType.CAPACITY, SignalType.QUALITY, SignalType.COST, SignalType.LATENCY,
        SignalType.AVAILABILITY };

    private final String[] agentIds;
    private final int batchSize;
    private final Recorder ackLatency;
    private final long[] plannedNsByCorrelation = new long[PLAN_CAPACITY];
    private long firstCorrelationId = -1;
    private long lastAcked;
    private long lastSentCorrelationId = -1;
    private volatile long messagesAcked;
    private long next;

    SignalDriver(
        final OpenLoopSchedule schedule,
        final long endNs,
        final ClientIdle idle,
        final String[] agentIds,
        final int batchSize,
        final Recorder ackLatency)
    {
        super(schedule, endNs, idle);
        this.agentIds = agentIds;
        this.batchSize = batchSize;
        this.ackLatency = ackLatency;
    }

    void send(final long index, final long plannedNs)
    {
        final long correlationId;
        if (1 == batchSize)
        {
            correlationId = client.signal(
                agentIds[(int) (next % agentIds.length)], type(next), value(next), 1.0, 60_000);
            next++;
        }
        else
        {
            client.beginBatch();
            for (int i = 0; i < batchSize; i++)
            {
                client.addToBatch(agentIds[(int) (next % agentIds.length)], type(next), value(next), 1.0, 60_000);
                next++;
            }
            correlationId = client.sendBatch();
        }

        if (firstCorrelationId < 0)
        {
            firstCorrelationId = correlationId;
            lastAcked = correlationId - 1;
        }
        plannedNsByCorrelation[(int) (correlationId & (PLAN_CAPACITY - 1))] = plannedNs;
        lastSentCorrelationId = correlationId;
    }

    /**
     * Each agent reports the six types in turn, one per pass over the fleet.
     */
    private SignalType type(final long signalIndex)
    {
        return TYPES[(int) ((signalIndex / agentIds.length) % TYPES.length)];
    }

    private static double value(final long index)
    {
        return (index % 97) / 100.0;
    }

    boolean isDrained()
    {
        return lastAcked >= lastSentCorrelationId;
    }

    long answered()
    {
        return messagesAcked * batchSize;
    }

    long unitsSent()
    {
        return sent * batchSize;
    }

    /**
     * {@inheritDoc}
     */
    public void onSignalAck(final long correlationId, final long messagesJournaled)
    {
        if (firstCorrelationId < 0 || correlationId <= lastAcked)
        {
            return;
        }

        final long nowNs = System.nanoTime();
        long acked = 0;
        for (long id = Math.max(lastAcked + 1, correlationId - PLAN_CAPACITY + 1); id <= correlationId; id++)
        {
            final int slot = (int) (id & (PLAN_CAPACITY - 1));
            final long plannedNs = plannedNsByCorrelation[slot];
            if (0 != plannedNs)
            {
                ackLatency.recordValue(OpenLoopSchedule.latencyNs(plannedNs, nowNs));
                plannedNsByCorrelation[slot] = 0;
                acked++;
            }
        }
        lastAcked = correlationId;
        messagesAcked += acked;
    }

    /**
     * {@inheritDoc}
     */
    public void onError(final ErrorDecoder error)
    {
        countError(error);
        final int slot = (int) (error.correlationId() & (PLAN_CAPACITY - 1));
        if (0 != plannedNsByCorrelation[slot])
        {
            plannedNsByCorrelation[slot] = 0;
            errors += batchSize;
        }
    }
}
