package io.ripple.gateway.metrics;

import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A latency recorded on the hot path into an HdrHistogram recorder, exposed as a Prometheus summary in seconds: count
 * and sum since start, and the 0.5 to 0.9999 quantiles over a sliding recent window, so that a regression shows in
 * the quantiles within a minute rather than being diluted by everything since start.
 * <p>
 * The window is {@value #SLICE_COUNT} slices of {@link #SLICE_NS} each; the quantiles cover the current slice and the
 * previous ones, that is the last {@link #WINDOW_NS} less at most one slice (50 to 60 seconds). Values are placed in
 * the slice current when they are taken from the recorder, which {@link #tick()} does every metrics interval. An empty
 * window gives NaN quantiles.
 * <p>
 * Metrics and scrape threads only; synchronised, off the hot path; does not allocate after the first tick.
 */
final class LatencySummary
{
    /**
     * Span of the sliding window of the quantiles.
     */
    static final long WINDOW_NS = TimeUnit.SECONDS.toNanos(60);

    private static final int SLICE_COUNT = 6;
    private static final long SLICE_NS = WINDOW_NS / SLICE_COUNT;
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999, 0.9999};
    private static final double NANOS_PER_SECOND = 1e9;

    private final String name;
    private final String help;
    private final SingleWriterRecorder recorder;
    private final LongSupplier nanoClock;
    private final Histogram[] slices = new Histogram[SLICE_COUNT];
    private final Histogram window;
    private Histogram interval;
    private int currentSlice;
    private long currentSliceStartNs;
    private long count;
    private double sumNs;

    LatencySummary(final String name, final String help, final SingleWriterRecorder recorder)
    {
        this(name, help, recorder, System::nanoTime);
    }

    LatencySummary(
        final String name, final String help, final SingleWriterRecorder recorder, final LongSupplier nanoClock)
    {
        this.name = name;
        this.help = help;
        this.recorder = recorder;
        this.nanoClock = nanoClock;
        this.window = recorder.getIntervalHistogram();
        this.window.reset();
        for (int i = 0; i < SLICE_COUNT; i++)
        {
            slices[i] = window.copy();
        }
        this.currentSliceStartNs = nanoClock.getAsLong();
    }

    /**
     * Take what was recorded since the last tick into the current slice, after moving the window on to now.
     */
    synchronized void tick()
    {
        interval = recorder.getIntervalHistogram(interval);
        final long intervalCount = interval.getTotalCount();
        if (intervalCount > 0)
        {
            count += intervalCount;
            sumNs += interval.getMean() * intervalCount;
        }

        final long nowNs = nanoClock.getAsLong();
        final long slicesPassed = (nowNs - currentSliceStartNs) / SLICE_NS;
        if (slicesPassed > 0)
        {
            for (long i = Math.min(slicesPassed, SLICE_COUNT); i > 0; i--)
            {
                currentSlice = (currentSlice + 1) % SLICE_COUNT;
                slices[currentSlice].reset();
            }
            currentSliceStartNs += slicesPassed * SLICE_NS;
        }

        slices[currentSlice].add(interval);
    }

    synchronized SummarySnapshot snapshot()
    {
        tick();
        window.reset();
        for (final Histogram slice : slices)
        {
            window.add(slice);
        }

        final Quantiles.Builder quantiles = Quantiles.builder();
        for (final double quantile : QUANTILES)
        {
            final double valueNs = 0 == window.getTotalCount() ?
                Double.NaN : window.getValueAtPercentile(quantile * 100);
            quantiles.quantile(new Quantile(quantile, valueNs / NANOS_PER_SECOND));
        }

        return SummarySnapshot.builder()
            .name(name)
            .help(help)
            .dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder()
                .count(count)
                .sum(sumNs / NANOS_PER_SECOND)
                .quantiles(quantiles.build())
                .build())
            .build();
    }
}
