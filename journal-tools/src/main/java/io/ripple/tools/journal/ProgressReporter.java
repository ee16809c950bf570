package io.ripple.tools.journal;

import java.io.PrintWriter;
import java.util.function.LongConsumer;

/**
 * Prints progress of a long run to standard error about once a second: records so far and the rate.
 */
final class ProgressReporter implements LongConsumer
{
    private static final long INTERVAL_NS = 1_000_000_000L;

    private final PrintWriter err;
    private final String what;
    private final boolean enabled;
    private final long startNs = System.nanoTime();
    private long nextReportNs = startNs + INTERVAL_NS;

    ProgressReporter(final PrintWriter err, final String what, final boolean enabled)
    {
        this.err = err;
        this.what = what;
        this.enabled = enabled;
    }

    /**
     * Report if a second has passed since the last report.
     *
     * @param records processed so far.
     */
    public void accept(final long records)
    {
        if (!enabled)
        {
            return;
        }

        final long nowNs = System.nanoTime();
        if (nowNs >= nextReportNs)
        {
            nextReportNs = nowNs + INTERVAL_NS;
            final double seconds = (nowNs - startNs) / 1e9;
            err.printf("%s: %,d records, %.1f s, %,.0f records/s%n", what, records, seconds, records / seconds);
            err.flush();
        }
    }
}
