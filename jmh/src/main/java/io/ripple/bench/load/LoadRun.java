package io.ripple.bench.load;

import io.ripple.gateway.client.RippleClient;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.agrona.CloseHelper;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One open-loop load run against a {@link LoadTarget}: a thread sending signals and one sending selections, each
 * with its own client, for the warm-up and then the measured window; a live line every second; a
 * {@link LoadResult} at the end.
 * <p>
 * The server's CPU share is the process's CPU time less that of the load threads and this one, so it counts the
 * server's threads, the media driver, the JIT and the GC (an upper bound); it is known only for an embedded server.
 */
public final class LoadRun
{
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int SOAK_WINDOW_SECONDS = 60;

    private LoadRun()
    {
    }

    /**
     * Run the load and return what was measured.
     *
     * @param target   the server.
     * @param settings rates, durations, channel.
     * @param out      where the live lines go.
     * @return the measured figures.
     * @throws InterruptedException if interrupted while waiting.
     */
    static LoadResult run(final LoadTarget target, final LoadSettings settings, final PrintWriter out)
        throws InterruptedException
    {
        final String[] agentIds = new String[settings.agents];
        for (int i = 0; i < agentIds.length; i++)
        {
            agentIds[i] = String.format(Locale.ROOT, "load-%06d", i);
        }

        final List<RippleClient> clients = new ArrayList<>();
        try
        {
            if (null != settings.pool)
            {
                final RippleClient admin = target.connectAdmin();
                clients.add(admin);
                for (final String agentId : agentIds)
                {
                    admin.joinPool(agentId, settings.pool);
                }
            }
            return measure(target, settings, agentIds, clients, out);
        }
        finally
        {
            clients.forEach(CloseHelper::quietClose);
        }
    }

    private static LoadResult measure(
        final LoadTarget target,
        final LoadSettings settings,
        final String[] agentIds,
        final List<RippleClient> clients,
        final PrintWriter out) throws InterruptedException
    {
        final Recorder ackRecorder = OpenLoopSchedule.newLatencyRecorder();
        final Recorder selectRecorder = OpenLoopSchedule.newLatencyRecorder();
        final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        final long measureStartNs = startNs + TimeUnit.MILLISECONDS.toNanos(settings.warmupMs);
        final long endNs = measureStartNs + TimeUnit.MILLISECONDS.toNanos(settings.durationMs);

        final List<LoadDriver> drivers = new ArrayList<>();
        final SignalDriver signals = settings.signalRate > 0 ? new SignalDriver(
            new OpenLoopSchedule(startNs, settings.signalRate / (double) settings.batchSize), endNs, settings.idle,
            agentIds, settings.batchSize, ackRecorder) : null;
        final SelectDriver selects = settings.selectRate > 0 ? new SelectDriver(
            new OpenLoopSchedule(startNs, settings.selectRate), endNs, settings.idle, agentIds, settings.candidates,
            settings.pool, selectRecorder) : null;
        if (null != signals)
        {
            final RippleClient client = target.connectAgents(settings.udp, signals);
            clients.add(client);
            signals.client(client);
            drivers.add(signals);
        }
        if (null != selects)
        {
            final RippleClient client = target.connectRouter(settings.udp, selects);
            clients.add(client);
            selects.client(client);
            drivers.add(selects);
        }

        final List<Thread> threads = new ArrayList<>();
        for (final LoadDriver driver : drivers)
        {
            final Thread thread = new Thread(driver, driver == signals ? "load-signals" : "load-selects");
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }

        final LoadResult result = new LoadResult();
        result.signalsPerMessage = settings.batchSize;
        // Soak runs only: the last minute's per-second histograms, reused in turn so that a long run allocates
        // nothing per second (an allocation here would read as server heap growth and GC in the soak's GC log).
        final Histogram[] lastMinute = new Histogram[
            settings.durationMs >= 2_000L * SOAK_WINDOW_SECONDS ? SOAK_WINDOW_SECONDS : 0];
        for (int i = 0; i < lastMinute.length; i++)
        {
            lastMinute[i] = OpenLoopSchedule.newLatencyHistogram();
        }
        Histogram ackInterval = null;
        Histogram selectInterval = null;
        long cpuStartNs = 0;
        long cpuEndNs = -1;
        Map<String, Long> threadCpuStart = Map.of();
        Map<String, Long> threadCpuEnd = null;
        long lastSignals = 0;
        long lastSelections = 0;
        int second = 0;
        boolean measuring = false;
        boolean heapMeasured = false;
        int measuredSeconds = 0;
        if (!settings.quiet)
        {
            out.println("   time  phase   signals/s  acked/s  selects/s  signal->ack p50/p99/max us   " +
                "select p50/p99/max us");
        }

        while (anyAlive(threads))
        {
            final long tickNs = startNs + (second + 1) * SECOND_NS;
            final long sleepNs = tickNs - System.nanoTime();
            if (sleepNs > 0)
            {
                TimeUnit.NANOSECONDS.sleep(sleepNs);
            }
            second++;
            ackInterval = ackRecorder.getIntervalHistogram(ackInterval);
            selectInterval = selectRecorder.getIntervalHistogram(selectInterval);

            final long sinceWindowOpensNs = System.nanoTime() - measureStartNs;
            if (!measuring && sinceWindowOpensNs >= -SECOND_NS / 2)
            {
                // Checked first: the window opens on time even when the warm-up was too short (under about two
                // seconds) to take the heap figure a second before it; that figure is then not measured.
                measuring = true;
                heapMeasured = true;
                cpuStartNs = serverCpuNs(threads, drivers);
                threadCpuStart = threadCpuByName();
            }
            else if (!heapMeasured && sinceWindowOpensNs >= -SECOND_NS * 3 / 2)
            {
                // The full GC pauses every thread of this JVM, the server's too: its wake (messages planned during
                // the pause, answered late) falls in the warm-up, a second before the measured window opens.
                heapMeasured = true;
                result.heapAfterGcStartMb = heapAfterGcMb();
            }
            else if (measuring && cpuEndNs < 0 && System.nanoTime() - endNs < SECOND_NS / 2)
            {
                measuredSeconds++;
                result.signalAck.add(ackInterval);
                result.selectRoundTrip.add(selectInterval);
                if (measuredSeconds <= SOAK_WINDOW_SECONDS)
                {
                    result.signalAckFirstMinute.add(ackInterval);
                }
                if (lastMinute.length > 0)
                {
                    ackInterval.copyInto(lastMinute[measuredSeconds % lastMinute.length]);
                }
            }
            else if (measuring)
            {
                // Answers to messages of the measured window that arrive while the drivers drain.
                result.signalAck.add(ackInterval);
                result.selectRoundTrip.add(selectInterval);
                if (cpuEndNs < 0)
                {
                    cpuEndNs = serverCpuNs(threads, drivers);
                    threadCpuEnd = threadCpuByName();
                }
            }

            final long signalsNow = null == signals ? 0 : signals.unitsSent();
            final long selectionsNow = null == selects ? 0 : selects.unitsSent();
            if (!settings.quiet)
            {
                out.printf(Locale.ROOT, "  %4ds  %-6s %10d %8d %10d   %22s   %20s%n", second,
                    measuring ? "run" : "warmup", signalsNow - lastSignals, ackInterval.getTotalCount(),
                    selectionsNow - lastSelections, triple(ackInterval), triple(selectInterval));
                out.flush();
            }
            lastSignals = signalsNow;
            lastSelections = selectionsNow;
        }

        for (final Thread thread : threads)
        {
            thread.join();
        }
        final long serverCpuNs = (cpuEndNs < 0 ? serverCpuNs(threads, drivers) : cpuEndNs) - cpuStartNs;
        final Map<String, Long> cpuEnd = null == threadCpuEnd ? threadCpuByName() : threadCpuEnd;
        for (final Map.Entry<String, Long> entry : cpuEnd.entrySet())
        {
            final long ns = entry.getValue() - threadCpuStart.getOrDefault(entry.getKey(), 0L);
            if (ns > 0)
            {
                result.threadCpuPercent.put(entry.getKey(), 100.0 * ns / (settings.durationMs * 1e6));
            }
        }
        result.measuredSeconds = settings.durationMs / 1000.0;
        result.signalAck.add(ackRecorder.getIntervalHistogram());
        result.selectRoundTrip.add(selectRecorder.getIntervalHistogram());
        if (measuredSeconds > 2 * SOAK_WINDOW_SECONDS - 1)
        {
            for (final Histogram oneSecond : lastMinute)
            {
                result.signalAckLastMinute.add(oneSecond);
            }
        }
        else
        {
            result.signalAckFirstMinute.reset();
        }

        if (null != signals)
        {
            result.signalsSent = signals.unitsSent();
            result.signalsAcked = signals.answered();
            result.signalErrors = signals.errors;
            result.signalErrorCodes = signals.errorSummary();
        }
        if (null != selects)
        {
            result.selectionsSent = selects.unitsSent();
            result.selectionsAnswered = selects.answered();
            result.selectErrors = selects.errors;
            result.selectErrorCodes = selects.errorSummary();
        }
        if (target.isEmbedded())
        {
            result.serverCpuPercent = 100.0 * serverCpuNs / (result.measuredSeconds * 1e9);
        }
        result.heapUsedMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
        result.heapAfterGcEndMb = heapAfterGcMb();
        return result;
    }

    private static boolean anyAlive(final List<Thread> threads)
    {
        for (final Thread thread : threads)
        {
            if (thread.isAlive())
            {
                return true;
            }
        }
        return false;
    }

    private static String triple(final Histogram histogram)
    {
        if (0 == histogram.getTotalCount())
        {
            return "-";
        }
        return LoadResult.micros(histogram, 50) + " / " + LoadResult.micros(histogram, 99) + " / " +
            String.format(Locale.ROOT, "%.0f", histogram.getMaxValue() / 1e3);
    }

    /**
     * CPU of this process less the load drivers' and this thread's: the server's, with the media driver, GC and JIT.
     * A driver whose thread has ended counts with the CPU it recorded on its way out.
     */
    private static long serverCpuNs(final List<Thread> loadThreads, final List<LoadDriver> drivers)
    {
        final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof com.sun.management.OperatingSystemMXBean))
        {
            return 0;
        }
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuNs = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        for (int i = 0; i < loadThreads.size(); i++)
        {
            final long threadCpuNs = threads.getThreadCpuTime(loadThreads.get(i).getId());
            cpuNs -= Math.max(0, threadCpuNs >= 0 ? threadCpuNs : drivers.get(i).cpuNsAtExit());
        }
        return cpuNs - Math.max(0, threads.getCurrentThreadCpuTime());
    }

    /**
     * CPU time of the live threads, summed by name with digits dropped (so a pool of threads reads as one).
     */
    private static Map<String, Long> threadCpuByName()
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Map<String, Long> cpuByName = new TreeMap<>();
        for (final java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds()))
        {
            if (null != info)
            {
                final long cpuNs = threads.getThreadCpuTime(info.getThreadId());
                if (cpuNs > 0)
                {
                    final String name = info.getThreadName();
                    cpuByName.merge(name.startsWith("/") ? "media-driver" : name.replaceAll("[0-9]+", "#"), cpuNs,
                        Long::sum);
                }
            }
        }
        return cpuByName;
    }

    private static double heapAfterGcMb()
    {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }
}
