package io.ripple.gateway.demo;

import io.ripple.gateway.client.RippleClient;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends requests at a fixed rate for a fixed time, open loop: request {@code n} is planned for
 * {@code start + n / rate}, sent as soon as it is due whatever happened to earlier ones, and its round trip is
 * measured from that plan. Between ticks it polls its client and parks up to {@link #POLL_INTERVAL_NS} (never
 * spins); at the end it waits up to two seconds for the last answers.
 */
abstract class OpenLoopDriver implements Runnable
{
    /**
     * Longest park between polls: answers are noticed within this, which the measured round trips include.
     */
    static final long POLL_INTERVAL_NS = 100_000;

    private final int ratePerSecond;
    private final long durationNs;
    private volatile boolean running = true;
    RippleClient client;

    OpenLoopDriver(final int ratePerSecond, final long durationNs)
    {
        this.ratePerSecond = ratePerSecond;
        this.durationNs = durationNs;
    }

    /**
     * The client to send with, connected with this driver as its listener, before {@link #run()}.
     *
     * @param client the connected client.
     */
    public void client(final RippleClient client)
    {
        this.client = client;
    }

    /**
     * Ask the driver to stop; it finishes its current tick.
     */
    public void stop()
    {
        running = false;
    }

    /**
     * {@inheritDoc}
     */
    public void run()
    {
        final long intervalNs = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        final long startNs = System.nanoTime();
        final long endNs = startNs + durationNs;
        long sent = 0;

        while (running && client.isConnected())
        {
            final long nowNs = System.nanoTime();
            if (nowNs - endNs >= 0)
            {
                break;
            }

            while (startNs + sent * intervalNs - nowNs <= 0)
            {
                send(sent, startNs + sent * intervalNs, (sent * intervalNs) / 1e9);
                sent++;
            }

            client.poll();
            final long waitNs = startNs + sent * intervalNs - System.nanoTime();
            if (waitNs > 0)
            {
                LockSupport.parkNanos(Math.min(waitNs, POLL_INTERVAL_NS));
            }
        }

        final long drainEndNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (client.isConnected() && !isDrained() && System.nanoTime() - drainEndNs < 0)
        {
            if (0 == client.poll())
            {
                LockSupport.parkNanos(100_000);
            }
        }
    }

    /**
     * Send request number {@code index}.
     *
     * @param index          of the request, from 0.
     * @param plannedNs      its planned send time, {@link System#nanoTime()}.
     * @param elapsedSeconds its planned time since the start.
     */
    abstract void send(long index, long plannedNs, double elapsedSeconds);

    /**
     * Has every request sent been answered?
     *
     * @return true once nothing is outstanding.
     */
    abstract boolean isDrained();
}
