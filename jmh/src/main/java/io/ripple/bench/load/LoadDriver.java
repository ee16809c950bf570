package io.ripple.bench.load;

import io.ripple.gateway.client.RippleClient;
import io.ripple.gateway.client.RippleClientListener;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One client sending on an {@link OpenLoopSchedule} until an end time, then waiting up to two seconds for the last
 * answers. Between sends it polls its client and waits with the chosen {@link ClientIdle}: parking adds up to the
 * park time to every measured round trip, yielding does not but keeps a core busy.
 */
abstract class LoadDriver implements Runnable, RippleClientListener
{
    /**
     * Longest park between polls with {@link ClientIdle#PARK}.
     */
    static final long PARK_NS = 50_000;

    /**
     * How a driver waits between sends.
     */
    enum ClientIdle
    {
        /**
         * Park up to {@link #PARK_NS}: least CPU, coarsest latency.
         */
        PARK,
        /**
         * {@link Thread#yield()}: answers are seen within a scheduler slice, other threads still run.
         */
        YIELD,
        /**
         * Busy spin: only with a core to spare.
         */
        SPIN
    }

    final OpenLoopSchedule schedule;
    private final long endNs;
    private final ClientIdle idle;
    RippleClient client;
    volatile long sent;
    volatile long errors;
    private final long[] errorsByCode = new long[256];
    private volatile boolean running = true;
    private volatile long cpuNsAtExit = -1;

    LoadDriver(final OpenLoopSchedule schedule, final long endNs, final ClientIdle idle)
    {
        this.schedule = schedule;
        this.endNs = endNs;
        this.idle = idle;
    }

    void client(final RippleClient client)
    {
        this.client = client;
    }

    void stop()
    {
        running = false;
    }

    /**
     * {@inheritDoc}
     */
    public void run()
    {
        long index = 0;
        while (running && client.isConnected())
        {
            final long nowNs = System.nanoTime();
            if (nowNs - endNs >= 0)
            {
                break;
            }

            final long due = schedule.dueCount(nowNs);
            while (index < due)
            {
                send(index, schedule.plannedNs(index));
                index++;
                sent = index;
            }

            if (0 == client.poll())
            {
                idle(idle, schedule.plannedNs(index) - System.nanoTime());
            }
        }

        final long drainEndNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (client.isConnected() && !isDrained() && System.nanoTime() - drainEndNs < 0)
        {
            if (0 == client.poll())
            {
                LockSupport.parkNanos(PARK_NS);
            }
        }
        cpuNsAtExit = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /**
     * CPU time of the driver's thread once it has finished, so that the load's own CPU can be told apart from the
     * server's after the thread is gone.
     *
     * @return nanoseconds, -1 while the driver runs.
     */
    long cpuNsAtExit()
    {
        return cpuNsAtExit;
    }

    /**
     * Wait before the next send is due, the way {@code idle} says.
     *
     * @param idle   how to wait.
     * @param waitNs time until the next send; nothing is done when it is due already.
     */
    static void idle(final ClientIdle idle, final long waitNs)
    {
        if (waitNs <= 0)
        {
            return;
        }
        switch (idle)
        {
            case PARK:
                LockSupport.parkNanos(Math.min(waitNs, PARK_NS));
                break;
            case YIELD:
                Thread.yield();
                break;
            default:
                Thread.onSpinWait();
                break;
        }
    }

    /**
     * Count an error by its code.
     *
     * @param error the error received.
     */
    void countError(final io.ripple.codecs.ErrorDecoder error)
    {
        errorsByCode[error.codeRaw() & 0xFF]++;
    }

    /**
     * Errors received so far, by code, as {@code CODE=count} pairs.
     *
     * @return the summary, empty when there were none.
     */
    String errorSummary()
    {
        final StringBuilder summary = new StringBuilder();
        for (int code = 0; code < errorsByCode.length; code++)
        {
            if (errorsByCode[code] > 0)
            {
                summary.append(summary.length() > 0 ? ", " : "")
                    .append(io.ripple.codecs.ErrorCode.get(code)).append('=').append(errorsByCode[code]);
            }
        }
        return summary.toString();
    }

    /**
     * Send message number {@code index}.
     *
     * @param index     of the message, from 0.
     * @param plannedNs its planned send time.
     */
    abstract void send(long index, long plannedNs);

    /**
     * Has every message sent been answered?
     *
     * @return true once nothing is outstanding.
     */
    abstract boolean isDrained();

    /**
     * Units of work answered so far (signals acknowledged, selections answered).
     *
     * @return the count.
     */
    abstract long answered();

    /**
     * Units of work sent so far.
     *
     * @return the count.
     */
    abstract long unitsSent();
}
