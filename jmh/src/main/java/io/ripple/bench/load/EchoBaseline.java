package io.ripple.bench.load;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.HdrHistogram.Histogram;
import org.agrona.BitUtil;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The physical floor: a plain Aeron IPC echo through the same media driver, the same open-loop schedule and the
 * same client waiting as a load run, with no Ripple logic. The echo thread waits with the idle strategy of the
 * server's ingress it stands for; the sender stamps each message with its planned time and measures from it when
 * the echo comes back.
 */
final class EchoBaseline
{
    private static final int REQUEST_STREAM_ID = 0x7E01;
    private static final int ECHO_STREAM_ID = 0x7E02;
    private static final int MESSAGE_LENGTH = 64;

    private EchoBaseline()
    {
    }

    /**
     * Echo messages at a rate and return their round trips.
     *
     * @param aeronDirectoryName media driver to use.
     * @param ratePerSecond      messages per second.
     * @param warmupMs           not measured.
     * @param durationMs         measured.
     * @param idle               how the sender waits between sends.
     * @param echoIdle           how the echo thread waits: the idle strategy of the server it stands for.
     * @return round trips in nanoseconds, from the planned send time.
     * @throws InterruptedException if interrupted.
     */
    static Histogram run(
        final String aeronDirectoryName,
        final int ratePerSecond,
        final long warmupMs,
        final long durationMs,
        final LoadDriver.ClientIdle idle,
        final IdleStrategy echoIdle) throws InterruptedException
    {
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectoryName));
            ExclusivePublication requests = aeron.addExclusivePublication("aeron:ipc", REQUEST_STREAM_ID);
            Subscription requestSubscription = aeron.addSubscription("aeron:ipc", REQUEST_STREAM_ID);
            ExclusivePublication echoes = aeron.addExclusivePublication("aeron:ipc", ECHO_STREAM_ID);
            Subscription echoSubscription = aeron.addSubscription("aeron:ipc", ECHO_STREAM_ID))
        {
            while (!requests.isConnected() || !echoes.isConnected())
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }

            final Echo echo = new Echo(requestSubscription, echoes, echoIdle);
            final Thread echoThread = new Thread(echo, "load-echo");
            echoThread.setDaemon(true);
            echoThread.start();
            try
            {
                return send(requests, echoSubscription, ratePerSecond, warmupMs, durationMs, idle);
            }
            finally
            {
                echo.running = false;
                echoThread.join();
            }
        }
    }

    private static Histogram send(
        final ExclusivePublication requests,
        final Subscription echoSubscription,
        final int ratePerSecond,
        final long warmupMs,
        final long durationMs,
        final LoadDriver.ClientIdle idle)
    {
        final Histogram histogram = OpenLoopSchedule.newLatencyHistogram();
        final UnsafeBuffer message = new UnsafeBuffer(
            ByteBuffer.allocateDirect(BitUtil.align(MESSAGE_LENGTH, BitUtil.CACHE_LINE_LENGTH)));
        final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        final long measureFromNs = startNs + TimeUnit.MILLISECONDS.toNanos(warmupMs);
        final long endNs = measureFromNs + TimeUnit.MILLISECONDS.toNanos(durationMs);
        final OpenLoopSchedule schedule = new OpenLoopSchedule(startNs, ratePerSecond);
        final long[] received = new long[1];
        final FragmentHandler onEcho = (buffer, offset, length, header) ->
        {
            final long plannedNs = buffer.getLong(offset);
            if (plannedNs - measureFromNs >= 0)
            {
                histogram.recordValue(OpenLoopSchedule.latencyNs(plannedNs, System.nanoTime()));
            }
            received[0]++;
        };

        long index = 0;
        while (true)
        {
            final long nowNs = System.nanoTime();
            if (nowNs - endNs >= 0)
            {
                break;
            }
            final long due = schedule.dueCount(nowNs);
            while (index < due)
            {
                final long plannedNs = schedule.plannedNs(index);
                message.putLong(0, plannedNs);
                while (requests.offer(message, 0, MESSAGE_LENGTH) < 0)
                {
                    echoSubscription.poll(onEcho, 16);
                }
                index++;
            }
            if (0 == echoSubscription.poll(onEcho, 16))
            {
                LoadDriver.idle(idle, schedule.plannedNs(index) - System.nanoTime());
            }
        }

        final long drainEndNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (received[0] < index && System.nanoTime() - drainEndNs < 0)
        {
            if (0 == echoSubscription.poll(onEcho, 16))
            {
                LockSupport.parkNanos(LoadDriver.PARK_NS);
            }
        }
        return histogram;
    }

    private static final class Echo implements Runnable
    {
        private final Subscription requests;
        private final ExclusivePublication echoes;
        private final IdleStrategy idleStrategy;
        private volatile boolean running = true;

        Echo(final Subscription requests, final ExclusivePublication echoes, final IdleStrategy idleStrategy)
        {
            this.requests = requests;
            this.echoes = echoes;
            this.idleStrategy = idleStrategy;
        }

        public void run()
        {
            final FragmentHandler handler = (buffer, offset, length, header) ->
            {
                while (echoes.offer(buffer, offset, length) < 0 && running)
                {
                    Thread.onSpinWait();
                }
            };
            while (running)
            {
                idleStrategy.idle(requests.poll(handler, 16));
            }
        }
    }
}
