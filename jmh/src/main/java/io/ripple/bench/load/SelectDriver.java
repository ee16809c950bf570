package io.ripple.bench.load;

import io.ripple.codecs.ErrorDecoder;
import io.ripple.codecs.SelectResultDecoder;
import io.ripple.gateway.client.SelectRequest;
import org.HdrHistogram.Recorder;
import org.agrona.DirectBuffer;

/**
 * Routers' selections at a fixed rate, asynchronous: each {@code Select} names {@code candidates} agents (a window
 * moving over the fleet) or a pool, with the {@code default} profile and k = 1. Latency is from its planned time to
 * its {@code SelectResult} (or {@code Error}, which is counted apart).
 */
final class SelectDriver extends LoadDriver
{
    private static final int PLAN_CAPACITY = 1 << 16;

    private final String[] agentIds;
    private final int candidates;
    private final String pool;
    private final Recorder roundTrip;
    private final long[] plannedNsByCorrelation = new long[PLAN_CAPACITY];
    private volatile long answers;
    private int window;

    SelectDriver(
        final OpenLoopSchedule schedule,
        final long endNs,
        final ClientIdle idle,
        final String[] agentIds,
        final int candidates,
        final String pool,
        final Recorder roundTrip)
    {
        super(schedule, endNs, idle);
        this.agentIds = agentIds;
        this.candidates = Math.min(candidates, agentIds.length);
        this.pool = pool;
        this.roundTrip = roundTrip;
    }

    void send(final long index, final long plannedNs)
    {
        final SelectRequest request = client.selectRequest().profile("default").k(1);
        if (null != pool)
        {
            request.pool(pool);
        }
        else
        {
            for (int i = 0; i < candidates; i++)
            {
                request.candidate(agentIds[(window + i) % agentIds.length]);
            }
            window = (window + 7) % agentIds.length;
        }
        final long correlationId = client.sendSelect(request);
        plannedNsByCorrelation[(int) (correlationId & (PLAN_CAPACITY - 1))] = plannedNs;
    }

    boolean isDrained()
    {
        return answers + errors >= sent;
    }

    long answered()
    {
        return answers;
    }

    long unitsSent()
    {
        return sent;
    }

    /**
     * {@inheritDoc}
     */
    public void onAnswer(
        final int templateId, final long correlationId, final DirectBuffer buffer, final int offset, final int length)
    {
        if (SelectResultDecoder.TEMPLATE_ID == templateId && record(correlationId))
        {
            answers++;
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onError(final ErrorDecoder error)
    {
        countError(error);
        if (record(error.correlationId()))
        {
            errors++;
        }
    }

    private boolean record(final long correlationId)
    {
        final int slot = (int) (correlationId & (PLAN_CAPACITY - 1));
        final long plannedNs = plannedNsByCorrelation[slot];
        if (0 == plannedNs)
        {
            return false;
        }
        plannedNsByCorrelation[slot] = 0;
        roundTrip.recordValue(OpenLoopSchedule.latencyNs(plannedNs, System.nanoTime()));
        return true;
    }
}
