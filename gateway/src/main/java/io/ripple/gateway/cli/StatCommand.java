package io.ripple.gateway.cli;

import io.ripple.gateway.metrics.CncCounters;
import io.ripple.gateway.metrics.CncReader;
import io.ripple.gateway.metrics.GatewayMetric;
import org.agrona.concurrent.status.CountersReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code ripple stat}: a terminal view of a running server's counters, read from its media driver's CnC file and
 * refreshed every interval, with the rate of each counter over the last interval.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    description = {
        "Show a running server's counters (read from the media driver's CnC file), refreshed each interval.",
        "Names the server by its Aeron directory or its journal directory."
    })
public final class StatCommand implements Callable<Integer>
{
    private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private CncTarget target = new CncTarget();

    @Option(names = "--interval-ms", paramLabel = "MS", defaultValue = "1000",
        description = "Refresh interval (default: ${DEFAULT-VALUE}).")
    private long intervalMs;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
        description = "Stop after N views; 0 runs until interrupted (default: ${DEFAULT-VALUE}).")
    private int count;

    @Option(names = "--all", description = "Show the driver's own counters too, as AeronStat does.")
    private boolean all;

    @Option(names = "--no-clear", description = "Do not clear the screen between views.")
    private boolean noClear;

    /**
     * {@inheritDoc}
     */
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final String aeronDir;
        try
        {
            aeronDir = target.aeronDirectoryName();
        }
        catch (final java.io.IOException ex)
        {
            spec.commandLine().getErr().println("ripple stat: " + ex.getMessage() + "; pass --aeron-dir");
            return 2;
        }

        try (CncReader cnc = CncReader.open(aeronDir))
        {
            final CountersReader counters = cnc.counters();
            final long[] previous = new long[counters.maxCounterId() + 1];
            for (int view = 0; 0 == count || view < count; view++)
            {
                if (view > 0)
                {
                    Thread.sleep(intervalMs);
                }
                if (!noClear && view > 0)
                {
                    out.print(CLEAR_SCREEN);
                }
                out.println("Ripple counters at " + Instant.now() + " (" + aeronDir + ")");
                out.printf("%-44s %20s %14s%n", "counter", "value", "per second");
                final boolean firstView = 0 == view;
                counters.forEach((counterId, typeId, keyBuffer, label) ->
                {
                    if (all || isRipple(typeId))
                    {
                        final long value = counters.getCounterValue(counterId);
                        final String rate = firstView ? "" :
                            Long.toString((value - previous[counterId]) * 1000 / Math.max(1, intervalMs));
                        previous[counterId] = value;
                        out.printf("%-44s %20d %14s%n", shortLabel(label), value, rate);
                    }
                });
                out.flush();
            }
        }
        catch (final IllegalStateException ex)
        {
            spec.commandLine().getErr().println("ripple stat: " + ex.getMessage());
            return 1;
        }
        return 0;
    }

    private static boolean isRipple(final int typeId)
    {
        return GatewayMetric.COUNTER_TYPE_ID == typeId || GatewayMetric.SIGNALS_TYPE_ID == typeId ||
            GatewayMetric.REJECTIONS_TYPE_ID == typeId || GatewayMetric.MESSAGES_IN_TYPE_ID == typeId;
    }

    private static String shortLabel(final String label)
    {
        return label.startsWith(CncCounters.LABEL_PREFIX) ? label.substring(CncCounters.LABEL_PREFIX.length()) : label;
    }
}
