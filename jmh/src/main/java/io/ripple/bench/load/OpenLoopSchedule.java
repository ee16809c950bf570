package io.ripple.bench.load;

/**
 * Planned send times of an open-loop stream: message {@code n} is due at {@code startNs + n * 1e9 / rate}, whatever
 * happened to the messages before it. A sender that falls behind sends every overdue message at once, and each
 * message's latency is measured from its planned time, so a stall is charged to every message it delayed (no
 * coordinated omission). Pure arithmetic: no clock is read here, the caller passes {@code nowNs}.
 */
public final class OpenLoopSchedule
{
    private final long startNs;
    private final double intervalNs;

    /**
     * A schedule of {@code ratePerSecond} messages per second from {@code startNs}.
     *
     * @param startNs       planned time of message 0, {@link System#nanoTime()} scale.
     * @param ratePerSecond messages per second, positive.
     */
    public OpenLoopSchedule(final long startNs, final double ratePerSecond)
    {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond))
        {
            throw new IllegalArgumentException("rate must be positive and finite: " + ratePerSecond);
        }
        this.startNs = startNs;
        this.intervalNs = 1e9 / ratePerSecond;
    }

    /**
     * Planned send time of one message.
     *
     * @param index of the message, from 0.
     * @return its planned time in nanoseconds.
     */
    public long plannedNs(final long index)
    {
        return startNs + (long) (index * intervalNs);
    }

    /**
     * How many messages are due by a time: those whose planned time is at or before it.
     *
     * @param nowNs the time.
     * @return count of messages due, 0 before the start.
     */
    public long dueCount(final long nowNs)
    {
        if (nowNs < startNs)
        {
            return 0;
        }
        return (long) ((nowNs - startNs) / intervalNs) + 1;
    }

    /**
     * Latency of a message answered at {@code nowNs}, measured from its planned send time, never negative.
     *
     * @param plannedNs its planned time.
     * @param nowNs     when the answer was seen.
     * @return latency in nanoseconds.
     */
    public static long latencyNs(final long plannedNs, final long nowNs)
    {
        return Math.max(0, nowNs - plannedNs);
    }

    /**
     * Planned time of message 0.
     *
     * @return nanoseconds.
     */
    public long startNs()
    {
        return startNs;
    }
}
