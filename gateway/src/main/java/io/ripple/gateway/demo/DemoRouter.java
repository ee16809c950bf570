package io.ripple.gateway.demo;

import io.ripple.codecs.ErrorDecoder;
import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.OverloadWarningDecoder;
import io.ripple.codecs.SelectResultDecoder;
import io.ripple.gateway.client.RippleClientListener;
import io.ripple.gateway.client.SelectRequest;
import org.HdrHistogram.Recorder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A router asking for selections at a fixed rate, open loop: alternately the best agent of a pool and the best of
 * a random list of candidates. Round trips are measured from each request's planned send time. It subscribes to
 * overload warnings and counts which agents got work, which the fleet feeds back into their load. Runs on its own
 * thread; it parks between ticks, never spins.
 */
public final class DemoRouter extends OpenLoopDriver implements RippleClientListener
{
    private static final int PLAN_CAPACITY = 1 << 16;
    private static final int LIST_SIZE = 16;

    private final String[] agentIds;
    private final String[] pools;
    private final AtomicIntegerArray assigned;
    private final AtomicIntegerArray selectedTotal;
    private final Recorder selectLatency;
    private final AtomicLong selections;
    private final AtomicLong warnings;
    private final AtomicLong errors = new AtomicLong();
    private final Map<String, Double> warnedAgents = new ConcurrentHashMap<>();
    private final long[] plannedNsByCorrelation = new long[PLAN_CAPACITY];
    private final SplittableRandom random = new SplittableRandom(42);
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final SelectResultDecoder resultDecoder = new SelectResultDecoder();
    private final UnsafeBuffer idView = new UnsafeBuffer(0, 0);
    private long lastSentCorrelationId;
    private long lastAnsweredCorrelationId;

    /**
     * Build a router.
     *
     * @param agentIds      the fleet, ids {@code agent-NNNN}.
     * @param pools         pool names to select from.
     * @param assigned      selections per agent since the fleet last read them.
     * @param selectedTotal selections per agent over the whole run.
     * @param ratePerSecond selections per second.
     * @param durationNs    how long to run.
     * @param selectLatency records request-to-answer round trips in nanoseconds.
     * @param selections    counts answered selections.
     * @param warnings      counts overload warnings received.
     */
    public DemoRouter(
        final String[] agentIds,
        final String[] pools,
        final AtomicIntegerArray assigned,
        final AtomicIntegerArray selectedTotal,
        final int ratePerSecond,
        final long durationNs,
        final Recorder selectLatency,
        final AtomicLong selections,
        final AtomicLong warnings)
    {
        super(ratePerSecond, durationNs);
        this.agentIds = agentIds;
        this.pools = pools;
        this.assigned = assigned;
        this.selectedTotal = selectedTotal;
        this.selectLatency = selectLatency;
        this.selections = selections;
        this.warnings = warnings;
    }

    void send(final long index, final long plannedNs, final double elapsedSeconds)
    {
        final SelectRequest request = client.selectRequest().k(1);
        if (0 == (index & 1))
        {
            request.pool(pools[(int) ((index >> 1) % pools.length)]);
        }
        else
        {
            for (int i = 0; i < LIST_SIZE; i++)
            {
                request.candidate(agentIds[random.nextInt(agentIds.length)]);
            }
        }
        final long correlationId = client.sendSelect(request);
        plannedNsByCorrelation[(int) (correlationId & (PLAN_CAPACITY - 1))] = plannedNs;
        lastSentCorrelationId = correlationId;
    }

    boolean isDrained()
    {
        return lastAnsweredCorrelationId >= lastSentCorrelationId;
    }

    /**
     * {@inheritDoc}
     */
    public void onAnswer(
        final int templateId, final long correlationId, final DirectBuffer buffer, final int offset, final int length)
    {
        if (SelectResultDecoder.TEMPLATE_ID != templateId)
        {
            return;
        }

        selectLatency.recordValue(Math.max(0,
            System.nanoTime() - plannedNsByCorrelation[(int) (correlationId & (PLAN_CAPACITY - 1))]));
        lastAnsweredCorrelationId = Math.max(lastAnsweredCorrelationId, correlationId);
        selections.incrementAndGet();

        headerDecoder.wrap(buffer, offset);
        resultDecoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
            headerDecoder.version());
        for (final SelectResultDecoder.SelectedDecoder selected : resultDecoder.selected())
        {
            selected.wrapAgentId(idView);
            final int agent = parseIndex(idView);
            if (agent >= 0 && agent < agentIds.length)
            {
                assigned.incrementAndGet(agent);
                selectedTotal.incrementAndGet(agent);
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onError(final ErrorDecoder error)
    {
        errors.incrementAndGet();
        lastAnsweredCorrelationId = Math.max(lastAnsweredCorrelationId, error.correlationId());
    }

    /**
     * {@inheritDoc}
     */
    public void onOverloadWarning(final OverloadWarningDecoder warning)
    {
        warnings.incrementAndGet();
        final double predictedLoad = warning.predictedLoad();
        warnedAgents.put(warning.agentId(), predictedLoad);
    }

    /**
     * Agents the server warned about, with the load it predicted.
     *
     * @return agent id to predicted load.
     */
    public Map<String, Double> warnedAgents()
    {
        return warnedAgents;
    }

    /**
     * Correlation id of the last selection answered, for {@code ripple journal explain}.
     *
     * @return the correlation id.
     */
    public long lastAnsweredCorrelationId()
    {
        return lastAnsweredCorrelationId;
    }

    /**
     * Selections answered with an error.
     *
     * @return the count.
     */
    public long errors()
    {
        return errors.get();
    }

    private static int parseIndex(final DirectBuffer id)
    {
        int value = 0;
        boolean digits = false;
        for (int i = 0, length = id.capacity(); i < length; i++)
        {
            final byte b = id.getByte(i);
            if (b >= '0' && b <= '9')
            {
                value = value * 10 + (b - '0');
                digits = true;
            }
        }
        return digits ? value : -1;
    }
}
