package io.ripple.gateway.metrics;

import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * A latency recorded on the hot path into an HdrHistogram recorder, exposed as a Prometheus summary in seconds
 * (count, sum and the 0.5 to 0.9999 quantiles since start). Scrape threads only; synchronised, off the hot path.
 */
final class LatencySummary
{
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999, 0.9999};
    private static final double NANOS_PER_SECOND = 1e9;

    private final String name;
    private final String help;
    private final SingleWriterRecorder recorder;
    private final Histogram total;
    private Histogram interval;

    LatencySummary(final String name, final String help, final SingleWriterRecorder recorder)
    {
        this.name = name;
        this.help = help;
        this.recorder = recorder;
        this.total = recorder.getIntervalHistogram();
        this.total.reset();
    }

    synchronized SummarySnapshot snapshot()
    {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);

        final Quantiles.Builder quantiles = Quantiles.builder();
        for (final double quantile : QUANTILES)
        {
            final double valueNs = total.getTotalCount() == 0 ? 0 : total.getValueAtPercentile(quantile * 100);
            quantiles.quantile(new Quantile(quantile, valueNs / NANOS_PER_SECOND));
        }

        return SummarySnapshot.builder()
            .name(name)
            .help(help)
            .dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder()
                .count(total.getTotalCount())
                .sum(total.getMean() * total.getTotalCount() / NANOS_PER_SECOND)
                .quantiles(quantiles.build())
                .build())
            .build();
    }
}
