package io.ripple.bench.load;

import io.ripple.bench.engine.ScoreBenchmark;
import io.ripple.bench.engine.SelectBenchmark;
import io.ripple.bench.engine.ServerPathBenchmark;
import io.ripple.bench.engine.SignalApplyBenchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.Map;

/**
 * The engine's JMH benchmarks, run in this process through JMH's Runner API with the GC profiler: signal apply (all
 * six types), score retrieval, and best of 100 candidates (agents with all six types), with the same list in every
 * request and with two lists alternating.
 */
final class EngineBenchmarks
{
    private EngineBenchmarks()
    {
    }

    /**
     * Run them and put {@code engine.*} figures.
     *
     * @param quick   one short iteration in this JVM instead of a fork with several.
     * @param figures where the figures go.
     * @throws RunnerException if JMH fails.
     */
    static void run(final boolean quick, final JsonFigures figures, final PrintWriter out)
        throws RunnerException, InterruptedException
    {
        awaitJmhLock(quick ? 3 : 120, out);
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include(SignalApplyBenchmark.class.getName() + ".applySignal$")
            .include(ScoreBenchmark.class.getName() + ".scoreOneAgent$")
            .include(SelectBenchmark.class.getName() + ".selectBest(FromAlternatingLists)?$")
            .include(ServerPathBenchmark.class.getName() + ".(signal|select100)$")
            .param("typeMix", "all")
            .param("ids", quick ? new String[]{ "string" } : new String[]{ "string", "wire" })
            .param("candidates", "100")
            .param("signalTypes", "6")
            .mode(Mode.AverageTime)
            .mode(Mode.SampleTime)
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .warmupIterations(quick ? 1 : 3)
            .warmupTime(TimeValue.milliseconds(quick ? 500 : 1000))
            .measurementIterations(quick ? 1 : 5)
            .measurementTime(TimeValue.seconds(1))
            .forks(quick ? 0 : 1);
        final Collection<RunResult> results = new Runner(options.build()).run();

        double allocBytesPerOp = 0;
        for (final RunResult result : results)
        {
            final String benchmark = result.getParams().getBenchmark();
            final boolean wireIds = "wire".equals(result.getParams().getParam("ids"));
            final String name = keyOf(benchmark) + (wireIds ? "_wire" : "");
            final Result<?> primary = result.getPrimaryResult();
            if (Mode.AverageTime == result.getParams().getMode())
            {
                figures.put(name + ".mean_ns", primary.getScore());
            }
            else
            {
                figures.put(name + ".p99_ns", primary.getStatistics().getPercentile(99.0));
                figures.put(name + ".p50_ns", primary.getStatistics().getPercentile(50.0));
            }
            for (final Map.Entry<String, Result> secondary : result.getSecondaryResults().entrySet())
            {
                // Sample-time mode allocates its own sample buffers per iteration, which the profiler charges to
                // the benchmark: the allocation figure comes from average-time mode alone.
                if (Mode.AverageTime == result.getParams().getMode() &&
                    secondary.getKey().endsWith("gc.alloc.rate.norm"))
                {
                    final double bytes = secondary.getValue().getScore();
                    figures.put(name + ".alloc_bytes_per_op", bytes);
                    if (name.startsWith("engine."))
                    {
                        allocBytesPerOp = Math.max(allocBytesPerOp, bytes);
                    }
                }
            }
        }
        figures.put("engine.alloc_bytes_per_op", allocBytesPerOp);
    }

    /**
     * The figure prefix of a benchmark: {@code engine.*} for the engine alone, {@code server_path.*} for the
     * validate, journal and dispatch path of {@link ServerPathBenchmark}.
     */
    private static String keyOf(final String benchmark)
    {
        if (benchmark.startsWith(ServerPathBenchmark.class.getName()))
        {
            return benchmark.endsWith("signal") ? "server_path.signal" : "server_path.select_100";
        }
        return benchmark.endsWith("applySignal") ? "engine.apply_signal" :
            benchmark.endsWith("scoreOneAgent") ? "engine.score" :
            benchmark.endsWith("AlternatingLists") ? "engine.select_100_alternating" : "engine.select_100";
    }

    /**
     * JMH refuses to start while another JMH run on the machine holds its lock file. Wait for that run to finish,
     * up to a limit, then run anyway (and say so): the figures are then measured beside the other run.
     */
    private static void awaitJmhLock(final int limitSeconds, final PrintWriter out) throws InterruptedException
    {
        final Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
        for (int second = 0; second < limitSeconds; second++)
        {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock())
            {
                if (null != lock)
                {
                    return;
                }
            }
            catch (final IOException | OverlappingFileLockException ex)
            {
                break;
            }
            if (0 == second)
            {
                out.println("   another JMH run holds " + lockFile + "; waiting up to " + limitSeconds + " s");
                out.flush();
            }
            TimeUnit.SECONDS.sleep(1);
        }
        out.println("   running beside the other JMH run (jmh.ignoreLock): engine figures are disturbed");
        out.flush();
        System.setProperty("jmh.ignoreLock", "true");
    }
}
