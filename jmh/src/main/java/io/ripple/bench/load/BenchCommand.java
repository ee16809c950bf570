package io.ripple.bench.load;

import io.ripple.gateway.GatewayConfig;
import io.ripple.gateway.cli.RippleCommand;
import io.ripple.gateway.config.ServerConfiguration;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.IdleStrategy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ripple bench}: the whole performance suite (engine JMH benchmarks, Aeron echo baseline, IPC and UDP round
 * trips, sustained throughput, 1,000 agents at 10,000 signals/s, journal replay), its figures as JSON and the
 * performance report with a latency percentile plot.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Run the performance suite: a few minutes by default, under one minute with --quick.",
        "Writes the figures (--json), the report (--report) with a latency percentile plot beside it, and the " +
            "HdrHistogram percentile files (--hgrm)."
    })
public final class BenchCommand implements Callable<Integer>, RippleCommand
{
    /**
     * Offered rate of the signal round-trip runs, signals per second.
     */
    static final int SIGNAL_RATE = 100_000;
    /**
     * Unmeasured load on the round trips' server before the first measured run, in a full run.
     */
    static final long SERVER_WARMUP_MS = 30_000;

    /**
     * Keys that every {@code --json} file holds (null when a step was skipped or failed to measure).
     */
    static final List<String> REQUIRED_KEYS = List.of(
        "engine.apply_signal.mean_ns", "engine.apply_signal.p99_ns", "engine.score.mean_ns",
        "engine.select_100.mean_ns", "engine.select_100.p99_ns", "engine.alloc_bytes_per_op",
        "baseline.ipc_echo.p50_us", "baseline.ipc_echo.p99_us",
        "ipc.signal_ack.p50_us", "ipc.signal_ack.p99_us", "ipc.signal_ack.p9999_us", "ipc.signal_ack.max_us",
        "ipc.select_100.p50_us", "ipc.select_100.p99_us",
        "udp.signal_ack.p50_us", "udp.signal_ack.p99_us",
        "throughput.signals_per_s",
        "load_1000x10000.cpu_pct", "load_1000x10000.heap_used_mb", "load_1000x10000.signal_ack_p99_us",
        "load_1000x10000.lost",
        "replay.events_per_s");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "Short runs: the suite in under a minute, figures noisier.")
    private boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the figures as JSON.")
    private Path jsonFile;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "docs/performance-report.md",
        description = "Write the report here, its plot beside it (default: ${DEFAULT-VALUE}).")
    private Path reportFile;

    @Option(names = "--no-report", description = "Write no report.")
    private boolean noReport;

    @Option(names = "--hgrm", paramLabel = "DIR", description = "Write HdrHistogram percentile files (us).")
    private Path hgrmDir;

    @Option(names = "--skip-engine", description = "Skip the JMH engine benchmarks.")
    private boolean skipEngine;

    @Option(names = "--journal-parent", paramLabel = "DIR",
        description = "Where the round-trip and throughput runs journal (default: /dev/shm when writable, else the " +
            "temporary directory). The journal is a memory-mapped file either way; on tmpfs its pages cost no disk " +
            "block allocation or writeback. A second signal -> ack run always journals in the temporary directory " +
            "(keys ipc_disk.*), to show what the disk adds.")
    private Path journalParent;

    private String journalStorage = "";

    @Option(names = "--server-idle", paramLabel = "backoff|yielding|busy-spin", defaultValue = "yielding",
        description = "ingress.idle-strategy of the server in the round-trip and throughput runs, and of the echo " +
            "baseline's echo thread (default: ${DEFAULT-VALUE}). The 1,000 x 10,000 load always runs the default.")
    private String serverIdle;

    @Option(names = "--median-of", paramLabel = "FILE", arity = "1..*",
        description = "Run nothing: write the report from the medians of these JSON files of earlier runs.")
    private List<Path> medianOf;

    /**
     * {@inheritDoc}
     */
    public Integer call() throws Exception
    {
        System.setProperty("org.slf4j.simpleLogger.log.io.ripple", "warn");
        final PrintWriter out = spec.commandLine().getOut();
        if (null != medianOf)
        {
            final JsonFigures medians = JsonFigures.medianOf(medianOf);
            PerformanceReport.write(reportFile, medians, Map.of(), "medians of " + medianOf.size() + " runs: " +
                medianOf, null);
            out.println("report written to " + reportFile);
            out.flush();
            return 0;
        }

        try
        {
            echoIdleStrategy();
        }
        catch (final IllegalArgumentException ex)
        {
            spec.commandLine().getErr().println("ripple bench: --server-idle: " + ex.getMessage());
            return 2;
        }

        final long startNs = System.nanoTime();
        final String machineLoad = PerformanceReport.loadAverage();
        final JsonFigures figures = new JsonFigures();
        final Map<String, Histogram> curves = new LinkedHashMap<>();
        final Path workDir = Files.createTempDirectory("ripple-bench");
        final String workDirParent = workDir.getParent().toString();
        try
        {
            if (!skipEngine)
            {
                step(out, "engine benchmarks (JMH, gc profiler)");
                EngineBenchmarks.run(quick, figures, out);
            }
            final Path fastDir = Files.createTempDirectory(fastJournalParent(), "ripple-bench");
            journalStorage = fastDir.getParent().toString();
            try (LoadTarget target = LoadTarget.embedded(fastDir.resolve("server"), true, serverIdle))
            {
                roundTrips(out, target, figures, curves);
                throughput(out, target, figures);
            }
            finally
            {
                BenchFiles.deleteRecursively(fastDir);
            }
            step(out, "IPC signal -> ack at " + SIGNAL_RATE + " signals/s, journal in " + workDir);
            try (LoadTarget target = LoadTarget.embedded(workDir.resolve("disk"), false, serverIdle))
            {
                final LoadResult disk = LoadRun.run(target, new LoadSettings().signalRate(SIGNAL_RATE)
                    .warmupMs(quick ? 1_000 : 5_000).durationMs(quick ? 2_000 : 20_000).quiet(true), out);
                curves.put("ipc_signal_ack_disk_journal", disk.signalAck);
                LoadResult.latencies(figures, "ipc_disk.signal_ack", disk.signalAck);
                figures.put("ipc_disk.signal_ack.lost", disk.signalsLost())
                    .put("ipc_disk.signal_ack.rejected", disk.signalErrors);
            }
            step(out, "1,000 agents at 10,000 signals/s for " + (quick ? 10 : 60) + " s");
            try (LoadTarget target = LoadTarget.embedded(workDir.resolve("load"), false))
            {
                final LoadResult load = LoadRun.run(target, new LoadSettings().agents(1000).signalRate(10_000)
                    .warmupMs(quick ? 2_000 : 5_000).durationMs(quick ? 10_000 : 60_000)
                    .idle(LoadDriver.ClientIdle.PARK).quiet(true), out);
                figures.put("load_1000x10000.cpu_pct", load.serverCpuPercent)
                    .put("load_1000x10000.heap_used_mb", load.heapUsedMb)
                    .put("load_1000x10000.heap_after_gc_start_mb", load.heapAfterGcStartMb)
                    .put("load_1000x10000.heap_after_gc_end_mb", load.heapAfterGcEndMb)
                    .put("load_1000x10000.signal_ack_p99_us", load.signalAck.getValueAtPercentile(99) / 1e3)
                    .put("load_1000x10000.lost", load.signalsLost())
                    .put("load_1000x10000.signals_per_s", load.signalAck.getTotalCount() / load.measuredSeconds);
                for (final Map.Entry<String, Double> thread : load.threadCpuPercent.entrySet())
                {
                    if (thread.getValue() >= 0.5)
                    {
                        figures.put("load_1000x10000.thread_cpu_pct." + thread.getKey(), thread.getValue());
                    }
                }
            }
            step(out, "journal replay");
            figures.put("replay.events_per_s",
                ReplayMeasure.eventsPerSecond(workDir.resolve("replay"), quick ? 1_000_000 : 5_000_000, 3));
        }
        finally
        {
            BenchFiles.deleteRecursively(workDir);
        }

        final double elapsedSeconds = (System.nanoTime() - startNs) / 1e9;
        withRequiredKeys(figures);
        figures.put("bench.elapsed_s", elapsedSeconds).put("bench.quick", quick ? 1 : 0);
        out.println();
        out.println(figures.toJson());
        if (null != jsonFile)
        {
            figures.write(jsonFile);
            out.println("figures written to " + jsonFile);
        }
        if (null != hgrmDir)
        {
            Files.createDirectories(hgrmDir);
            for (final Map.Entry<String, Histogram> curve : curves.entrySet())
            {
                LoadResult.writeHgrm(hgrmDir.resolve(curve.getKey() + ".hgrm"), curve.getValue());
            }
        }
        if (!noReport)
        {
            PerformanceReport.write(reportFile, figures, curves, (quick ? "ripple bench --quick" : "ripple bench") +
                String.format(Locale.ROOT, ", %.0f s; round trips and throughput journaled under %s, ipc_disk.* " +
                "under %s; server ingress idle strategy %s", elapsedSeconds, journalStorage, workDirParent,
                serverIdle), machineLoad);
            out.println("report written to " + reportFile);
        }
        out.flush();
        return 0;
    }

    private IdleStrategy echoIdleStrategy()
    {
        final GatewayConfig config = new GatewayConfig();
        ServerConfiguration.key("ingress.idle-strategy").apply(config, serverIdle);
        return config.ingressIdleStrategy().get();
    }

    private Path fastJournalParent()
    {
        if (null != journalParent)
        {
            return journalParent;
        }
        final Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private void roundTrips(
        final PrintWriter out, final LoadTarget target, final JsonFigures figures, final Map<String, Histogram> curves)
        throws InterruptedException
    {
        final long warmupMs = quick ? 1_000 : 5_000;
        final long durationMs = quick ? 2_000 : 20_000;

        if (!quick)
        {
            // The server's and the clients' code paths, the rarely run ones too, compiled before anything is
            // measured: after 5 s the JIT is still compiling, and on two cores its slices stall the ingress thread.
            step(out, "warm-up: " + SERVER_WARMUP_MS / 1000 + " s of signals at " + SIGNAL_RATE +
                "/s and selections of 100 at 1,000/s, not measured");
            LoadRun.run(target, new LoadSettings().signalRate(SIGNAL_RATE).selectRate(1_000).candidates(100)
                .warmupMs(SERVER_WARMUP_MS - 1_000).durationMs(1_000).quiet(true), out);
        }

        step(out, "baseline: plain Aeron IPC echo at " + SIGNAL_RATE + " messages/s");
        final Histogram echo = EchoBaseline.run(
            target.aeronDirectoryName(), SIGNAL_RATE, warmupMs, durationMs, LoadDriver.ClientIdle.YIELD,
            echoIdleStrategy());
        curves.put("baseline_ipc_echo", echo);
        figures.put("baseline.ipc_echo.p50_us", echo.getValueAtPercentile(50) / 1e3)
            .put("baseline.ipc_echo.p99_us", echo.getValueAtPercentile(99) / 1e3)
            .put("baseline.ipc_echo.p9999_us", echo.getValueAtPercentile(99.99) / 1e3)
            .put("baseline.ipc_echo.max_us", echo.getMaxValue() / 1e3);

        step(out, "IPC signal -> ack at " + SIGNAL_RATE + " signals/s");
        final LoadResult ipcSignals = LoadRun.run(target, new LoadSettings().signalRate(SIGNAL_RATE)
            .warmupMs(warmupMs).durationMs(durationMs).quiet(true), out);
        curves.put("ipc_signal_ack", ipcSignals.signalAck);
        LoadResult.latencies(figures, "ipc.signal_ack", ipcSignals.signalAck);
        figures.put("ipc.signal_ack.lost", ipcSignals.signalsLost())
            .put("ipc.signal_ack.rejected", ipcSignals.signalErrors)
            .put("ipc.signal_ack.signals_per_s", ipcSignals.signalAck.getTotalCount() / ipcSignals.measuredSeconds);

        step(out, "IPC select of 100 candidates, 1,000/s, beside 1,000 signals/s");
        final LoadResult ipcSelects = LoadRun.run(target, new LoadSettings().signalRate(1_000).selectRate(1_000)
            .candidates(100).warmupMs(warmupMs).durationMs(durationMs).quiet(true), out);
        curves.put("ipc_select_100", ipcSelects.selectRoundTrip);
        LoadResult.latencies(figures, "ipc.select_100", ipcSelects.selectRoundTrip);
        figures.put("ipc.select_100.lost", ipcSelects.selectionsLost());

        step(out, "UDP (loopback) signal -> ack at " + SIGNAL_RATE + " signals/s");
        final LoadResult udpSignals = LoadRun.run(target, new LoadSettings().signalRate(SIGNAL_RATE).udp(true)
            .warmupMs(warmupMs).durationMs(durationMs).quiet(true), out);
        curves.put("udp_signal_ack", udpSignals.signalAck);
        LoadResult.latencies(figures, "udp.signal_ack", udpSignals.signalAck);
        figures.put("udp.signal_ack.lost", udpSignals.signalsLost())
            .put("udp.signal_ack.rejected", udpSignals.signalErrors);
    }

    /**
     * Rates offered in batches of 100 over IPC, upwards. {@code throughput.signals_per_s} is the highest rate whose
     * acks came back with p99 under 1 ms, with nothing lost or rejected; {@code throughput.acked_signals_per_s} the
     * highest that was acknowledged in full whatever its p99. The search goes on past a rate that misses the p99 (one
     * bad second on a shared machine is enough for that) and stops at the first rate not acknowledged in full.
     */
    private void throughput(final PrintWriter out, final LoadTarget target, final JsonFigures figures)
        throws InterruptedException
    {
        final int[] rates = quick ? new int[]{ 250_000, 500_000, 1_000_000 } :
            new int[]{ 250_000, 500_000, 1_000_000, 1_500_000, 2_000_000, 3_000_000 };
        double sustained = 0;
        double acknowledged = 0;
        for (final int rate : rates)
        {
            step(out, "throughput: " + rate + " signals/s offered in batches of 100");
            final LoadResult result = LoadRun.run(target, new LoadSettings().signalRate(rate).batchSize(100)
                .warmupMs(quick ? 1_000 : 2_000).durationMs(quick ? 1_000 : 5_000).quiet(true), out);
            final double p99Us = result.signalAck.getValueAtPercentile(99) / 1e3;
            final double achieved = result.signalAck.getTotalCount() * 100.0 / result.measuredSeconds;
            out.printf(Locale.ROOT, "    p99 %.0f us, %,.0f signals/s acknowledged, %d lost, %d rejected, " +
                "server CPU %.0f %%%n", p99Us, achieved, result.signalsLost(), result.signalErrors,
                result.serverCpuPercent);
            figures.put("throughput." + rate + ".p99_us", p99Us)
                .put("throughput." + rate + ".server_cpu_pct", result.serverCpuPercent);
            if (result.signalsLost() > 0 || result.signalErrors > 0 || achieved < 0.95 * rate)
            {
                break;
            }
            acknowledged = rate;
            if (p99Us < 1_000)
            {
                sustained = rate;
            }
        }
        figures.put("throughput.signals_per_s", sustained)
            .put("throughput.acked_signals_per_s", acknowledged);
    }

    /**
     * Put every required key that is missing, as not measured, so that a reader always finds it.
     *
     * @param figures the figures of a run.
     * @return the same figures.
     */
    static JsonFigures withRequiredKeys(final JsonFigures figures)
    {
        for (final String key : REQUIRED_KEYS)
        {
            if (!figures.contains(key))
            {
                figures.put(key, Double.NaN);
            }
        }
        return figures;
    }

    private static void step(final PrintWriter out, final String what)
    {
        out.println("-- " + what);
        out.flush();
    }
}
