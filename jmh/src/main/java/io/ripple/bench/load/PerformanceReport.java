package io.ripple.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code docs/performance-report.md}: the machine and JVM, every figure beside its target and the reference
 * service's figure (SPEC section 10), the ratio of each round trip to the Aeron echo baseline, and a latency
 * percentile plot ({@code performance-latency.svg} beside the report) with the percentile axis in "nines" on a log
 * scale, as HdrHistogram's plotter draws it.
 */
final class PerformanceReport
{
    static final String PLOT_FILE = "performance-latency.svg";

    /**
     * Marks the start of the hand-written analysis at the end of a report: everything from this line on is kept
     * when {@code ripple bench} writes the report again.
     */
    static final String HAND_WRITTEN =
        "<!-- Hand-written below: ripple bench keeps everything from this line on when it rewrites the report. -->";

    private static final String[] COLOURS = { "#555555", "#1f77b4", "#2ca02c", "#d62728", "#9467bd" };

    /**
     * One row of the figure table: the key, what it is, the target and how it is checked, the reference figure.
     */
    private static final Object[][] ROWS = {
        { "engine.apply_signal.mean_ns", "signal apply, in engine, mean (ns)", "≤ 50", 50.0, false,
            "p95 19 µs, p99 60 µs" },
        { "engine.apply_signal.p99_ns", "signal apply, in engine, p99 (ns)", "≤ 200", 200.0, false, "60,000" },
        { "engine.apply_signal_wire.mean_ns", "… ids as the server passes them (bytes copied from the message), mean " +
            "(ns)", "≤ 50", 50.0, false, "" },
        { "engine.apply_signal_wire.p99_ns", "… ids as the server passes them, p99 (ns)", "≤ 200", 200.0, false, "" },
        { "engine.score.mean_ns", "score retrieval, in engine, mean (ns)", "≤ 30", 30.0, false, "p95 15,000" },
        { "engine.select_100.mean_ns", "select best of 100, in engine, same list each time, mean (ns)", "",
            Double.NaN, false, "" },
        { "engine.select_100.p99_ns", "select best of 100, in engine, same list each time, p99 (ns)", "≤ 2,000",
            2_000.0, false, "1,500,000 (1.8 ms, six types)" },
        { "engine.select_100_alternating.mean_ns", "… two lists alternating (every id looked up), mean (ns)", "",
            Double.NaN, false, "" },
        { "engine.select_100_alternating.p99_ns", "… two lists alternating (every id looked up), p99 (ns)", "≤ 2,000",
            2_000.0, false, "" },
        { "engine.alloc_bytes_per_op", "allocation, engine steady state (B/op, largest)", "0", 0.5, false, "n/a" },
        { "server_path.signal.mean_ns", "server path per signal: validate, journal, apply (ns, mean)", "", Double.NaN,
            false, "" },
        { "server_path.select_100.mean_ns", "server path per select of 100: validate, journal, select, encode (ns)",
            "", Double.NaN, false, "" },
        { "server_path.signal.alloc_bytes_per_op", "allocation, server path per signal (B/op)", "0", 0.5, false,
            "n/a" },
        { "baseline.ipc_echo.p50_us", "Aeron IPC echo baseline, p50 (µs)", "", Double.NaN, false, "" },
        { "baseline.ipc_echo.p99_us", "Aeron IPC echo baseline, p99 (µs)", "", Double.NaN, false, "" },
        { "ipc.signal_ack.p50_us", "signal → ack, IPC, journaled, 100 k/s, p50 (µs)", "", Double.NaN, false,
            "n/a" },
        { "ipc.signal_ack.p99_us", "signal → ack, IPC, journaled, 100 k/s, p99 (µs)", "≤ 30", 30.0, false, "n/a" },
        { "ipc.signal_ack.p9999_us", "signal → ack, IPC, p99.99 (µs)", "≤ 500", 500.0, false, "n/a" },
        { "ipc.signal_ack.max_us", "signal → ack, IPC, max (µs)", "", Double.NaN, false, "n/a" },
        { "ipc_disk.signal_ack.p50_us", "… the same, journal on the disk, p50 (µs)", "", Double.NaN, false, "n/a" },
        { "ipc_disk.signal_ack.p99_us", "… the same, journal on the disk, p99 (µs)", "", Double.NaN, false, "n/a" },
        { "ipc_disk.signal_ack.p9999_us", "… the same, journal on the disk, p99.99 (µs)", "", Double.NaN, false,
            "n/a" },
        { "ipc.select_100.p50_us", "select round trip, IPC, 100 candidates, p50 (µs)", "", Double.NaN, false,
            "n/a" },
        { "ipc.select_100.p99_us", "select round trip, IPC, 100 candidates, p99 (µs)", "≤ 40", 40.0, false, "n/a" },
        { "udp.signal_ack.p50_us", "signal → ack, UDP loopback, 100 k/s, p50 (µs)", "", Double.NaN, false, "n/a" },
        { "udp.signal_ack.p99_us", "signal → ack, UDP loopback, 100 k/s, p99 (µs)", "", Double.NaN, false, "n/a" },
        { "throughput.signals_per_s", "sustained signals/s, journaled, IPC, p99 < 1 ms", "≥ 1,000,000", 1e6, true,
            "≈ 4,700" },
        { "throughput.acked_signals_per_s", "… highest rate acknowledged in full, any p99 (signals/s)", "", Double.NaN,
            false, "" },
        { "load_1000x10000.cpu_pct", "1,000 agents × 10,000 signals/s: server CPU (% of one core)", "≤ 25", 25.0,
            false, "its own load test" },
        { "load_1000x10000.heap_used_mb", "1,000 agents × 10,000 signals/s: heap used at end (MB)", "flat",
            Double.NaN, false, "" },
        { "load_1000x10000.heap_after_gc_start_mb", "… heap after full GC, start of window (MB)", "", Double.NaN,
            false, "" },
        { "load_1000x10000.heap_after_gc_end_mb", "… heap after full GC, end of window (MB)", "flat", Double.NaN,
            false, "" },
        { "load_1000x10000.signal_ack_p99_us", "… signal → ack p99 (µs)", "", Double.NaN, false, "" },
        { "load_1000x10000.lost", "… signals lost", "0", 0.5, false, "" },
        { "replay.events_per_s", "journal replay on restart (events/s)", "≥ 5,000,000", 5e6, true, "n/a" },
    };

    private PerformanceReport()
    {
    }

    /**
     * Write the report, and the plot when there are curves.
     *
     * @param reportFile  where the Markdown goes.
     * @param figures     the figures.
     * @param curves      round-trip histograms (ns) by name, for the plot; empty for none.
     * @param run         what produced the figures.
     * @param machineLoad load average when the run started, or null.
     * @throws IOException if a file cannot be written.
     */
    static void write(
        final Path reportFile,
        final JsonFigures figures,
        final Map<String, Histogram> curves,
        final String run,
        final String machineLoad) throws IOException
    {
        final Path dir = reportFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (!curves.isEmpty())
        {
            Files.writeString(dir.resolve(PLOT_FILE), plot(curves), StandardCharsets.UTF_8);
        }

        final StringBuilder md = new StringBuilder();
        md.append("# Ripple performance report\n\n");
        md.append("Written by `ripple bench` (").append(run).append(") on ")
            .append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))).append(".\n\n");
        md.append("## Machine and JVM\n\n");
        for (final String line : machine(machineLoad))
        {
            md.append("- ").append(line).append('\n');
        }
        md.append("\n## Figures against the targets (SPEC section 10)\n\n");
        md.append("Latencies are open loop, from each message's planned send time (no coordinated omission). ")
            .append("\"× baseline\" divides a round trip by the plain Aeron IPC echo measured in the same run at ")
            .append("the same rate, the physical floor on this machine.\n\n");
        md.append("| figure | key | Ripple | target | met | reference service | × baseline |\n");
        md.append("|---|---|---:|---|---|---|---:|\n");
        for (final Object[] row : ROWS)
        {
            final String key = (String) row[0];
            final double value = figures.get(key);
            final double limit = (Double) row[3];
            final boolean atLeast = (Boolean) row[4];
            final String met = Double.isNaN(limit) || Double.isNaN(value) ? "" :
                (atLeast ? value >= limit : value <= limit) ? "yes" : "**no**";
            md.append("| ").append(row[1]).append(" | `").append(key).append("` | ").append(format(value))
                .append(" | ").append(row[2]).append(" | ").append(met).append(" | ").append(row[5]).append(" | ")
                .append(ratio(figures, key)).append(" |\n");
        }
        md.append("\n## Every figure of the run\n\n```json\n").append(figures.toJson()).append("```\n");
        if (Files.exists(dir.resolve(PLOT_FILE)))
        {
            md.append("\n## Latency by percentile\n\n![round trips by percentile](").append(PLOT_FILE)
                .append(")\n\nPercentile axis in nines (90 %, 99 %, 99.9 %, ...), log scale, as HdrHistogram's ")
                .append("plotter draws it; latency axis log scale, microseconds.\n");
        }
        md.append(handWritten(reportFile));
        Files.writeString(reportFile, md.toString(), StandardCharsets.UTF_8);
    }

    /**
     * What an earlier report holds from {@link #HAND_WRITTEN} on: the analysis people wrote below the figures, which
     * a new run must not wipe out.
     *
     * @param reportFile the report about to be rewritten.
     * @return the hand-written part with its marker, or an empty string.
     * @throws IOException if the report exists and cannot be read.
     */
    static String handWritten(final Path reportFile) throws IOException
    {
        if (!Files.exists(reportFile))
        {
            return "";
        }
        final String earlier = Files.readString(reportFile, StandardCharsets.UTF_8);
        final int start = earlier.indexOf(HAND_WRITTEN);
        return start < 0 ? "" : "\n" + earlier.substring(start);
    }

    /**
     * Load average of the machine now, from {@code /proc/loadavg}.
     *
     * @return the three averages, or "unknown".
     */
    static String loadAverage()
    {
        try
        {
            final String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        }
        catch (final IOException | RuntimeException ex)
        {
            return "unknown";
        }
    }

    private static String ratio(final JsonFigures figures, final String key)
    {
        if (!key.startsWith("ipc.") && !key.startsWith("udp."))
        {
            return "";
        }
        final String suffix = key.substring(key.lastIndexOf('.') + 1);
        final double baseline = figures.get("baseline.ipc_echo." + suffix);
        final double value = figures.get(key);
        if (Double.isNaN(baseline) || Double.isNaN(value) || baseline <= 0)
        {
            return "";
        }
        return String.format(Locale.ROOT, "%.1f", value / baseline);
    }

    private static String format(final double value)
    {
        if (Double.isNaN(value))
        {
            return "not measured";
        }
        if (Math.abs(value) >= 100)
        {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static List<String> machine(final String machineLoad)
    {
        final List<String> lines = new ArrayList<>();
        lines.add("CPU: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available");
        final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean)
        {
            lines.add(String.format(Locale.ROOT, "memory: %.1f GiB",
                ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize() / (1024.0 * 1024 * 1024)));
        }
        lines.add("OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
        lines.add("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") +
            ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        lines.add("JVM flags: `" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()) + "`");
        if (null != machineLoad)
        {
            lines.add("load average when the run started: " + machineLoad + " (the machine is shared)");
        }
        return lines;
    }

    private static String cpuModel()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/cpuinfo")))
            {
                if (line.startsWith("model name"))
                {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // Not Linux: the model stays unknown.
        }
        return "unknown";
    }

    /**
     * An SVG plot of latency against percentile, both axes log scale.
     *
     * @param curves histograms in nanoseconds by name.
     * @return the SVG text.
     */
    static String plot(final Map<String, Histogram> curves)
    {
        final int width = 860;
        final int height = 480;
        final int left = 70;
        final int right = 200;
        final int top = 30;
        final int bottom = 50;
        final double maxNines = 5;
        double minUs = Double.MAX_VALUE;
        double maxUs = 1;
        for (final Histogram histogram : curves.values())
        {
            if (histogram.getTotalCount() > 0)
            {
                minUs = Math.min(minUs, Math.max(1, histogram.getMinValue() / 1e3));
                maxUs = Math.max(maxUs, histogram.getMaxValue() / 1e3);
            }
        }
        final double lowDecade = Math.floor(Math.log10(Math.min(minUs, maxUs)));
        final double highDecade = Math.max(lowDecade + 1, Math.ceil(Math.log10(maxUs)));
        final double plotWidth = width - left - right;
        final double plotHeight = height - top - bottom;

        final StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" " +
            "height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\">Round trips by " +
            "percentile (open loop, µs, log scales)</text>%n", left));
        final String[] nineLabels = { "0%", "90%", "99%", "99.9%", "99.99%", "99.999%" };
        for (int nines = 0; nines <= maxNines; nines++)
        {
            final double x = left + plotWidth * nines / maxNines;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" " +
                "stroke=\"#dddddd\"/>%n", x, top, x, height - bottom));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                x, height - bottom + 18, nineLabels[nines]));
        }
        for (double decade = lowDecade; decade <= highDecade; decade++)
        {
            final double y = top + plotHeight * (1 - (decade - lowDecade) / (highDecade - lowDecade));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" " +
                "stroke=\"#dddddd\"/>%n", left, y, width - right, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                left - 6, y + 4, decadeLabel(decade)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">percentile" +
            "</text>%n", left + plotWidth / 2, height - 12));
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" transform=\"rotate(-90 16 %.1f)\" " +
            "text-anchor=\"middle\">latency (µs)</text>%n", top + plotHeight / 2, top + plotHeight / 2));

        int index = 0;
        for (final Map.Entry<String, Histogram> curve : curves.entrySet())
        {
            final Histogram histogram = curve.getValue();
            if (0 == histogram.getTotalCount())
            {
                continue;
            }
            final String colour = COLOURS[index % COLOURS.length];
            final StringBuilder points = new StringBuilder();
            for (final HistogramIterationValue value : histogram.percentiles(5))
            {
                final double fraction = value.getPercentileLevelIteratedTo() / 100.0;
                final double nines = fraction >= 1 ? maxNines : Math.min(maxNines, -Math.log10(1 - fraction));
                final double us = Math.max(Math.pow(10, lowDecade), value.getValueIteratedTo() / 1e3);
                final double x = left + plotWidth * nines / maxNines;
                final double y = top + plotHeight * (1 - (Math.log10(us) - lowDecade) / (highDecade - lowDecade));
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" " +
                "points=\"%s\"/>%n", colour, points.toString().trim()));
            final int legendY = top + 20 + 20 * index;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" " +
                "stroke-width=\"3\"/>%n", width - right + 12, legendY, width - right + 36, legendY, colour));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n",
                width - right + 42, legendY + 4, curve.getKey().replace('_', ' ')));
            index++;
        }
        return svg.append("</svg>\n").toString();
    }

    private static String decadeLabel(final double decade)
    {
        final double us = Math.pow(10, decade);
        if (us >= 1_000_000)
        {
            return String.format(Locale.ROOT, "%.0f s", us / 1e6);
        }
        if (us >= 1_000)
        {
            return String.format(Locale.ROOT, "%.0f ms", us / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f µs", us);
    }
}
