package io.ripple.gateway.cli;

import io.ripple.gateway.metrics.CncCounters;
import io.ripple.gateway.metrics.CncReader;
import io.ripple.gateway.metrics.GatewayMetric;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.CountersReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code ripple stat}: a terminal view of a running server's counters, read from its media driver's CnC file and
 * refreshed every interval, with the rate of each counter over the last interval, followed by the busiest agents:
 * those with the most signals journaled in the last interval, read from the server's journal (read-only, so the
 * server does no extra work for the view).
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    description = {
        "Show a running server's counters (read from the media driver's CnC file), refreshed each interval.",
        "Names the server by its Aeron directory or its journal directory.",
        "Below the counters, the busiest agents by signals journaled in the last interval, read from the journal."
    })
public final class StatCommand implements Callable<Integer>
{
    private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";
    private static final int MAX_RECORDS_PER_VIEW = 2_000_000;

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

    @Option(names = "--once", description = "Show one view and exit (the same as --count 1).")
    private boolean once;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
        description = "Show the N busiest agents of the last interval; 0 shows none (default: ${DEFAULT-VALUE}).")
    private int top;

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

        final int views = once ? 1 : count;
        try (CncReader cnc = CncReader.open(aeronDir); BusiestAgentsView agents = openAgentsView())
        {
            final CountersReader counters = cnc.counters();
            final long[] previous = new long[counters.maxCounterId() + 1];
            for (int view = 0; 0 == views || view < views; view++)
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
                agents.print(out);
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

    private BusiestAgentsView openAgentsView()
    {
        if (top <= 0)
        {
            return new BusiestAgentsView(null, null, 0, intervalMs);
        }

        try
        {
            return new BusiestAgentsView(
                BusiestAgents.open(target.journalDir(), BusiestAgents.DEFAULT_MAX_AGENTS), null, top, intervalMs);
        }
        catch (final RuntimeException ex)
        {
            return new BusiestAgentsView(null, "journal " + target.journalDir() + " not readable (" + ex.getMessage() +
                "); counters only", top, intervalMs);
        }
    }

    /**
     * The busiest-agents part of each view: the ranking, a note that the journal cannot be read, or nothing.
     */
    private static final class BusiestAgentsView implements AutoCloseable
    {
        private final BusiestAgents agents;
        private final String problem;
        private final int top;
        private final long intervalMs;
        private long windowStartMs = Long.MIN_VALUE;

        BusiestAgentsView(final BusiestAgents agents, final String problem, final int top, final long intervalMs)
        {
            this.agents = agents;
            this.problem = problem;
            this.top = top;
            this.intervalMs = intervalMs;
        }

        void print(final PrintWriter out)
        {
            if (null != problem)
            {
                out.println();
                out.println("Busiest agents: " + problem);
            }
            else if (null != agents)
            {
                if (Long.MIN_VALUE == windowStartMs)
                {
                    windowStartMs = System.currentTimeMillis() - intervalMs;
                }
                agents.catchUp(TimeUnit.MILLISECONDS.toNanos(windowStartMs), MAX_RECORDS_PER_VIEW);
                final long nowMs = System.currentTimeMillis();
                out.println();
                out.printf("Busiest agents: %d signals journaled in the last %d ms%s%n", agents.signalsInWindow(),
                    nowMs - windowStartMs, agents.untrackedInWindow() > 0 ?
                    " (" + agents.untrackedInWindow() + " from agents beyond the " + agents.agentsTracked() +
                    " tracked)" : "");
                out.printf("%4s  %-64s %14s %14s%n", "rank", "agent", "last interval", "total");
                int rank = 1;
                for (final BusiestAgents.Tally tally : agents.busiest(top))
                {
                    out.printf("%4d  %-64s %14d %14d%n", rank++, tally.agentId(), tally.inWindow(), tally.total());
                }
                agents.endWindow();
                windowStartMs = nowMs;
            }
        }

        public void close()
        {
            CloseHelper.close(agents);
        }
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
