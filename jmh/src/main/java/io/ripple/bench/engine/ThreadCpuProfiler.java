package io.ripple.bench.engine;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports the CPU time the benchmark's worker threads used per operation, as {@code cpu.time.norm} in ns/op.
 * <p>
 * On a shared machine the wall-clock figures include the time the worker spent descheduled while other processes
 * ran; CPU time does not, so it shows what an operation costs when it has the core to itself. It does include the
 * cache and branch-predictor damage that preemption causes, and JMH's own loop around the benchmark method.
 * Use with {@code -prof io.ripple.bench.engine.ThreadCpuProfiler}.
 */
public final class ThreadCpuProfiler implements InternalProfiler
{
    private static final String WORKER_NAME_PART = "-jmh-worker-";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> cpuNsAtStart = new HashMap<>();

    /**
     * Profiler as JMH builds it from the command line.
     */
    public ThreadCpuProfiler()
    {
        threads.setThreadCpuTimeEnabled(true);
    }

    /**
     * {@inheritDoc}
     */
    public String getDescription()
    {
        return "CPU time of the benchmark threads per operation";
    }

    /**
     * {@inheritDoc}
     */
    public void beforeIteration(final BenchmarkParams benchmarkParams, final IterationParams iterationParams)
    {
        cpuNsAtStart.clear();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().contains(WORKER_NAME_PART))
            {
                cpuNsAtStart.put(thread.getId(), threads.getThreadCpuTime(thread.getId()));
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public Collection<? extends Result> afterIteration(
        final BenchmarkParams benchmarkParams, final IterationParams iterationParams, final IterationResult result)
    {
        long cpuNs = 0;
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().contains(WORKER_NAME_PART))
            {
                final long nowNs = threads.getThreadCpuTime(thread.getId());
                cpuNs += nowNs - cpuNsAtStart.getOrDefault(thread.getId(), 0L);
            }
        }

        final long ops = result.getMetadata().getAllOps();
        final double cpuNsPerOp = ops > 0 ? (double) cpuNs / ops : Double.NaN;

        return List.of(new ScalarResult("cpu.time.norm", cpuNsPerOp, "ns/op", AggregationPolicy.AVG));
    }
}
