package io.ripple.bench.load;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a load run measured over its measured window (the warm-up excluded): round-trip histograms in nanoseconds,
 * counts, achieved rates, and the server's CPU and heap.
 */
public final class LoadResult
{
    /**
     * Percentiles reported for every latency, with their JSON suffix.
     */
    static final double[] PERCENTILES = { 50, 90, 95, 99, 99.9, 99.99 };
    static final String[] PERCENTILE_KEYS = { "p50", "p90", "p95", "p99", "p999", "p9999" };

    final Histogram signalAck = OpenLoopSchedule.newLatencyHistogram();
    final Histogram selectRoundTrip = OpenLoopSchedule.newLatencyHistogram();
    final Histogram signalAckFirstMinute = OpenLoopSchedule.newLatencyHistogram();
    final Histogram signalAckLastMinute = OpenLoopSchedule.newLatencyHistogram();
    long signalsSent;
    long signalsAcked;
    long signalErrors;
    long selectionsSent;
    long selectionsAnswered;
    long selectErrors;
    String signalErrorCodes = "";
    String selectErrorCodes = "";
    double measuredSeconds;
    int signalsPerMessage = 1;
    double serverCpuPercent = Double.NaN;
    double heapUsedMb;
    final java.util.Map<String, Double> threadCpuPercent = new java.util.TreeMap<>();
    double heapAfterGcStartMb = Double.NaN;
    double heapAfterGcEndMb;

    /**
     * Signals sent but neither acknowledged nor rejected by the end of the run.
     *
     * @return the count.
     */
    public long signalsLost()
    {
        return Math.max(0, signalsSent - signalsAcked - signalErrors);
    }

    /**
     * Selections sent but neither answered nor rejected by the end of the run.
     *
     * @return the count.
     */
    public long selectionsLost()
    {
        return Math.max(0, selectionsSent - selectionsAnswered - selectErrors);
    }

    /**
     * Signals acknowledged over the whole run, warm-up included.
     *
     * @return the count.
     */
    public long signalsAcked()
    {
        return signalsAcked;
    }

    /**
     * Selections answered over the whole run, warm-up included.
     *
     * @return the count.
     */
    public long selectionsAnswered()
    {
        return selectionsAnswered;
    }

    /**
     * Signal-to-acknowledgement latencies of the measured window, nanoseconds.
     *
     * @return the histogram.
     */
    public Histogram signalAck()
    {
        return signalAck;
    }

    /**
     * Selection round trips of the measured window, nanoseconds.
     *
     * @return the histogram.
     */
    public Histogram selectRoundTrip()
    {
        return selectRoundTrip;
    }

    /**
     * The figures, named as in {@code ripple load --json}.
     *
     * @return the figures.
     */
    public JsonFigures figures()
    {
        final JsonFigures figures = new JsonFigures();
        latencies(figures, "signal_ack", signalAck);
        latencies(figures, "select", selectRoundTrip);
        figures.put("signals.sent", signalsSent)
            .put("signals.acked", signalsAcked)
            .put("signals.errors", signalErrors)
            .put("signals.lost", signalsLost())
            .put("signals.per_s", signalAck.getTotalCount() * (double) signalsPerMessage / measuredSeconds)
            .put("signals.messages_per_s", signalAck.getTotalCount() / measuredSeconds)
            .put("selections.sent", selectionsSent)
            .put("selections.answered", selectionsAnswered)
            .put("selections.errors", selectErrors)
            .put("selections.lost", selectionsLost())
            .put("selections.per_s", selectRoundTrip.getTotalCount() / measuredSeconds)
            .put("lost", signalsLost() + selectionsLost())
            .put("measured_s", measuredSeconds)
            .put("server.cpu_pct", serverCpuPercent)
            .put("heap.used_mb", heapUsedMb)
            .put("heap.after_gc_start_mb", heapAfterGcStartMb)
            .put("heap.after_gc_end_mb", heapAfterGcEndMb);
        if (signalAckFirstMinute.getTotalCount() > 0 && signalAckLastMinute.getTotalCount() > 0)
        {
            latencies(figures, "signal_ack.first_minute", signalAckFirstMinute);
            latencies(figures, "signal_ack.last_minute", signalAckLastMinute);
        }
        return figures;
    }

    /**
     * Print the summary: percentiles, counts, rates, CPU and heap.
     *
     * @param out where to print.
     */
    public void print(final PrintWriter out)
    {
        out.printf(Locale.ROOT, "%n  latency (us, from planned send time)     p50     p90     p95     p99   p99.9  " +
            "p99.99      max   count%n");
        printLine(out, "signal -> journaled ack", signalAck);
        printLine(out, "select -> result", selectRoundTrip);
        if (signalAckFirstMinute.getTotalCount() > 0 && signalAckLastMinute.getTotalCount() > 0)
        {
            printLine(out, "signal -> ack, first minute", signalAckFirstMinute);
            printLine(out, "signal -> ack, last minute", signalAckLastMinute);
        }
        out.printf(Locale.ROOT, "%n  signals:    %,d sent, %,d acknowledged, %,d rejected, %,d lost; %,.0f/s " +
            "measured (%,.0f messages/s of %d)%n", signalsSent, signalsAcked, signalErrors, signalsLost(),
            signalAck.getTotalCount() * (double) signalsPerMessage / measuredSeconds,
            signalAck.getTotalCount() / measuredSeconds, signalsPerMessage);
        out.printf(Locale.ROOT, "  selections: %,d sent, %,d answered, %,d rejected, %,d lost; %,.0f/s measured%n",
            selectionsSent, selectionsAnswered, selectErrors, selectionsLost(),
            selectRoundTrip.getTotalCount() / measuredSeconds);
        if (!signalErrorCodes.isEmpty() || !selectErrorCodes.isEmpty())
        {
            out.println("  errors: signals [" + signalErrorCodes + "], selections [" + selectErrorCodes + "]");
        }
        out.printf(Locale.ROOT, "  server CPU: %s of one core; heap used %.1f MB, after full GC %s at the " +
            "start of the measured window and %.1f MB at its end%n",
            Double.isNaN(serverCpuPercent) ? "n/a (external server)" :
            String.format(Locale.ROOT, "%.1f %%", serverCpuPercent),
            heapUsedMb, Double.isNaN(heapAfterGcStartMb) ? "not measured (warm-up under 2 s)" :
            String.format(Locale.ROOT, "%.1f MB", heapAfterGcStartMb), heapAfterGcEndMb);
        final StringBuilder busiest = new StringBuilder();
        threadCpuPercent.entrySet().stream()
            .filter((entry) -> entry.getValue() >= 0.5)
            .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
            .forEach((entry) -> busiest.append(String.format(Locale.ROOT, " %s %.1f%%;", entry.getKey(),
            entry.getValue())));
        out.println("  CPU by thread (% of one core, measured window; JVM threads outside the server too):" +
            busiest);
        out.flush();
    }

    /**
     * Write HdrHistogram percentile distributions ({@code .hgrm}, microseconds) of the round trips.
     *
     * @param dir    where to write.
     * @param prefix of the file names.
     * @throws IOException if they cannot be written.
     */
    public void writeHgrm(final Path dir, final String prefix) throws IOException
    {
        Files.createDirectories(dir);
        writeHgrm(dir.resolve(prefix + "signal_ack.hgrm"), signalAck);
        writeHgrm(dir.resolve(prefix + "select.hgrm"), selectRoundTrip);
    }

    static void writeHgrm(final Path file, final Histogram histogram) throws IOException
    {
        if (0 == histogram.getTotalCount())
        {
            return;
        }
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8"))
        {
            histogram.outputPercentileDistribution(out, 1000.0);
        }
    }

    static void latencies(final JsonFigures figures, final String name, final Histogram histogram)
    {
        final boolean empty = 0 == histogram.getTotalCount();
        for (int i = 0; i < PERCENTILES.length; i++)
        {
            figures.put(name + "." + PERCENTILE_KEYS[i] + "_us",
                empty ? Double.NaN : histogram.getValueAtPercentile(PERCENTILES[i]) / 1000.0);
        }
        figures.put(name + ".max_us", empty ? Double.NaN : histogram.getMaxValue() / 1000.0);
        figures.put(name + ".count", histogram.getTotalCount());
    }

    private static void printLine(final PrintWriter out, final String label, final Histogram histogram)
    {
        out.printf(Locale.ROOT, "  %-36s", label);
        for (final double percentile : PERCENTILES)
        {
            out.printf(Locale.ROOT, " %7s", micros(histogram, percentile));
        }
        out.printf(Locale.ROOT, " %8s %7d%n",
            0 == histogram.getTotalCount() ? "-" : String.format(Locale.ROOT, "%.0f", histogram.getMaxValue() / 1e3),
            histogram.getTotalCount());
    }

    static String micros(final Histogram histogram, final double percentile)
    {
        if (null == histogram || 0 == histogram.getTotalCount())
        {
            return "-";
        }
        final double us = histogram.getValueAtPercentile(percentile) / 1000.0;
        return us < 100 ? String.format(Locale.ROOT, "%.1f", us) : String.format(Locale.ROOT, "%.0f", us);
    }
}
