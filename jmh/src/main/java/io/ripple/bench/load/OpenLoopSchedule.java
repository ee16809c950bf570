package io.ripple.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;

/**
 * Planned send times of an open-loop stream: message {@code n} is due at {@code startNs + n * 1e9 / rate}, whatever
 * happened to the messages before it. A sender that falls behind sends every overdue message at once, and each
 * message's latency is measured from its planned time, so a stall is charged to every message it delayed (no
 * coordinated omission). Pure arithmetic: no clock is read here, the caller passes {@code nowNs}.
 */
public final class OpenLoopSchedule
{
    /**
     * Longest latency recorded: longer ones are recorded as this. The histograms cover it from the start, so that
     * they never grow during a run (an auto-resizing histogram grows its counts array whenever a larger value
     * arrives, which a soak would read as heap growth).
     */
    public static final long MAX_LATENCY_NS = TimeUnit.MINUTES.toNanos(10);

    private static final int SIGNIFICANT_DIGITS = 3;

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
     * Latency of a message answered at {@code nowNs}, measured from its planned send time, never negative and at
     * most {@link #MAX_LATENCY_NS}.
     *
     * @param plannedNs its planned time.
     * @param nowNs     when the answer was seen.
     * @return latency in nanoseconds.
     */
    public static long latencyNs(final long plannedNs, final long nowNs)
    {
        return Math.min(MAX_LATENCY_NS, Math.max(0, nowNs - plannedNs));
    }

    /**
     * A histogram of latencies in nanoseconds up to {@link #MAX_LATENCY_NS}, three significant digits, its counts
     * allocated in full now.
     *
     * @return a new histogram.
     */
    public static Histogram newLatencyHistogram()
    {
        return new Histogram(MAX_LATENCY_NS, SIGNIFICANT_DIGITS);
    }

    /**
     * A recorder of latencies in nanoseconds up to {@link #MAX_LATENCY_NS}, like {@link #newLatencyHistogram()}.
     *
     * @return a new recorder.
     */
    public static Recorder newLatencyRecorder()
    {
        return new Recorder(MAX_LATENCY_NS, SIGNIFICANT_DIGITS);
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
