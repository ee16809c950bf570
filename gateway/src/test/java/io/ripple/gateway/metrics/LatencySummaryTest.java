package io.ripple.gateway.metrics;

import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import org.HdrHistogram.SingleWriterRecorder;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencySummaryTest
{
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long FAST_NS = TimeUnit.MICROSECONDS.toNanos(10);
    private static final long SLOW_NS = TimeUnit.MILLISECONDS.toNanos(5);

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(60_000_000_000L, 2);
    private long nowNs = 1_000 * SECOND_NS;
    private final LatencySummary summary = new LatencySummary("test_seconds", "test", recorder, () -> nowNs);

    @Test
    void shouldGiveQuantilesOfTheRecentWindowAndCountsSinceStart()
    {
        record(1_000, SLOW_NS);
        summary.tick();
        nowNs += 30 * SECOND_NS;
        record(1_000, FAST_NS);
        summary.tick();

        nowNs += 35 * SECOND_NS;
        record(10, FAST_NS);
        final SummarySnapshot.SummaryDataPointSnapshot recent = dataPoint();

        assertEquals(2_010, recent.getCount());
        assertEquals(1_000 * SLOW_NS / 1e9 + 1_010 * FAST_NS / 1e9, recent.getSum(), 0.01 * recent.getSum());
        assertEquals(FAST_NS / 1e9, quantile(recent, 0.9999), 0.01 * FAST_NS / 1e9);
    }

    @Test
    void shouldIncludeEverySliceOfTheLastFiftySeconds()
    {
        record(100, SLOW_NS);
        summary.tick();
        nowNs += 49 * SECOND_NS;
        record(900, FAST_NS);

        final SummarySnapshot.SummaryDataPointSnapshot dataPoint = dataPoint();

        assertEquals(FAST_NS / 1e9, quantile(dataPoint, 0.5), 0.01 * FAST_NS / 1e9);
        assertEquals(SLOW_NS / 1e9, quantile(dataPoint, 0.99), 0.01 * SLOW_NS / 1e9);
    }

    @Test
    void shouldGiveNotANumberForAnEmptyWindowButKeepTheCount()
    {
        record(100, SLOW_NS);
        summary.tick();
        nowNs += 10 * LatencySummary.WINDOW_NS;

        final SummarySnapshot.SummaryDataPointSnapshot idle = dataPoint();

        assertEquals(100, idle.getCount());
        assertTrue(Double.isNaN(quantile(idle, 0.5)));
    }

    private void record(final int times, final long valueNs)
    {
        for (int i = 0; i < times; i++)
        {
            recorder.recordValue(valueNs);
        }
    }

    private SummarySnapshot.SummaryDataPointSnapshot dataPoint()
    {
        return summary.snapshot().getDataPoints().get(0);
    }

    private static double quantile(final SummarySnapshot.SummaryDataPointSnapshot dataPoint, final double quantile)
    {
        for (final Quantile candidate : dataPoint.getQuantiles())
        {
            if (candidate.getQuantile() == quantile)
            {
                return candidate.getValue();
            }
        }
        throw new AssertionError("no quantile " + quantile);
    }
}
