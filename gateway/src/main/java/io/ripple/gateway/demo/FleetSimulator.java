package io.ripple.gateway.demo;

import io.ripple.codecs.SignalType;
import io.ripple.gateway.client.RippleClientListener;
import org.HdrHistogram.Recorder;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated fleet of agents reporting signals at a fixed total rate, open loop: each signal has a planned send
 * time, and its round trip (send to journaled ack) is measured from that plan, so a stall is charged to every
 * signal it delayed (no coordinated omission).
 * <p>
 * Each agent reports every {@code agents / rate} seconds: mostly {@code LOAD}, with {@code LATENCY},
 * {@code QUALITY} and {@code AVAILABILITY} in turn every fourth report. Load follows a base level, plus the work
 * the router sent it (which decays), plus noise; a few agents drift steadily towards saturation, which is what the
 * engine's overload prediction should notice. Runs on its own thread; it parks between ticks, never spins.
 */
public final class FleetSimulator extends OpenLoopDriver implements RippleClientListener
{
    private static final long TTL_MS = 5_000;
    private static final int PLAN_CAPACITY = 1 << 16;

    private final String[] agentIds;
    private final double[] baseLoad;
    private final double[] driftPerSecond;
    private final double[] work;
    private final int[] reports;
    private final AtomicIntegerArray assigned;
    private final Recorder ackLatency;
    private final AtomicLong signalsSent;
    private final long[] plannedNsByCorrelation = new long[PLAN_CAPACITY];
    private final SplittableRandom random = new SplittableRandom(7301);
    private long lastAcked;
    private long firstCorrelationId = -1;
    private long lastSentCorrelationId;

    /**
     * Build a fleet.
     *
     * @param agentIds      the agents.
     * @param driftingCount how many agents (the last ones) drift towards overload.
     * @param assigned      selections per agent, written by the router.
     * @param ratePerSecond signals per second for the whole fleet.
     * @param durationNs    how long to run.
     * @param ackLatency    records send-to-ack round trips in nanoseconds.
     * @param signalsSent   counts signals sent.
     */
    public FleetSimulator(
        final String[] agentIds,
        final int driftingCount,
        final AtomicIntegerArray assigned,
        final int ratePerSecond,
        final long durationNs,
        final Recorder ackLatency,
        final AtomicLong signalsSent)
    {
        super(ratePerSecond, durationNs);
        this.agentIds = agentIds;
        this.assigned = assigned;
        this.ackLatency = ackLatency;
        this.signalsSent = signalsSent;
        baseLoad = new double[agentIds.length];
        driftPerSecond = new double[agentIds.length];
        work = new double[agentIds.length];
        reports = new int[agentIds.length];
        for (int i = 0; i < agentIds.length; i++)
        {
            baseLoad[i] = 0.1 + 0.4 * random.nextDouble();
            if (i >= agentIds.length - driftingCount)
            {
                driftPerSecond[i] = 0.03 + 0.03 * random.nextDouble();
            }
        }
    }

    void send(final long index, final long plannedNs, final double elapsedSeconds)
    {
        final int agent = (int) (index % agentIds.length);
        final int turn = reports[agent]++;
        final SignalType type;
        final double value;
        if (0 != turn % 4 || 0 == turn)
        {
            type = SignalType.LOAD;
            work[agent] = work[agent] * 0.95 + assigned.getAndSet(agent, 0) * 0.0005;
            final double load = baseLoad[agent] + driftPerSecond[agent] * elapsedSeconds + work[agent] +
                0.002 * (random.nextDouble() - 0.5);
            value = Math.max(0.0, Math.min(1.0, load));
        }
        else
        {
            switch (turn / 4 % 3)
            {
                case 0:
                    type = SignalType.LATENCY;
                    value = 0.5 + 0.4 * random.nextDouble();
                    break;
                case 1:
                    type = SignalType.QUALITY;
                    value = 0.6 + 0.4 * random.nextDouble();
                    break;
                default:
                    type = SignalType.AVAILABILITY;
                    value = random.nextDouble() < 0.02 ? 0.2 : 1.0;
                    break;
            }
        }

        final long correlationId = client.signal(agentIds[agent], type, value, 1.0, TTL_MS);
        if (firstCorrelationId < 0)
        {
            firstCorrelationId = correlationId;
            lastAcked = correlationId - 1;
        }
        plannedNsByCorrelation[(int) (correlationId & (PLAN_CAPACITY - 1))] = plannedNs;
        lastSentCorrelationId = correlationId;
        signalsSent.incrementAndGet();
    }

    boolean isDrained()
    {
        return client.highestAckedCorrelationId() >= lastSentCorrelationId;
    }

    /**
     * {@inheritDoc}
     */
    public void onSignalAck(final long correlationId, final long messagesJournaled)
    {
        if (firstCorrelationId < 0)
        {
            return;
        }

        final long nowNs = System.nanoTime();
        final long from = Math.max(lastAcked + 1, correlationId - PLAN_CAPACITY + 1);
        for (long id = from; id <= correlationId; id++)
        {
            ackLatency.recordValue(Math.max(0, nowNs - plannedNsByCorrelation[(int) (id & (PLAN_CAPACITY - 1))]));
        }
        lastAcked = Math.max(lastAcked, correlationId);
    }

    /**
     * The load an agent reports when it has no work and does not drift.
     *
     * @param agent index of the agent.
     * @return its base load in [0, 1].
     */
    public double baseLoad(final int agent)
    {
        return baseLoad[agent];
    }
}
