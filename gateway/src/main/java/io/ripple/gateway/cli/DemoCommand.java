package io.ripple.gateway.cli;

import io.ripple.codecs.OverloadPredictionDecoder;
import io.ripple.codecs.Role;
import io.ripple.gateway.GatewayConfig;
import io.ripple.gateway.JournalBackend;
import io.ripple.gateway.RippleServer;
import io.ripple.gateway.client.RippleClient;
import io.ripple.gateway.client.RippleClientContext;
import io.ripple.gateway.client.RippleClientListener;
import io.ripple.gateway.client.RippleException;
import io.ripple.gateway.demo.DemoRouter;
import io.ripple.gateway.demo.FleetSimulator;
import io.ripple.gateway.session.CredentialStore;
import io.ripple.gateway.session.Principal;
import io.ripple.gateway.session.SecretHash;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.agrona.CloseHelper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ripple demo}: an embedded server, a simulated fleet reporting signals and a router making selections, with a
 * live line every second and a summary at the end.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Show Ripple working: an embedded server, a fleet of simulated agents reporting signals (some drifting " +
            "towards overload), and a router selecting agents from pools and candidate lists.",
        "Prints throughput and round trips every second, then latency percentiles, how evenly work spread, " +
            "which agents were predicted to overload, and where the journal is. Ctrl-C ends it early, cleanly."
    })
public final class DemoCommand implements Callable<Integer>
{
    private static final String[] POOLS = { "gpu", "cpu", "eu-west", "us-east" };
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "20",
        description = "How long the fleet and the router run (default: ${DEFAULT-VALUE}).")
    private int durationSeconds;

    @Option(names = "--journal-dir", paramLabel = "DIR",
        description = "Journal, snapshots and credentials (default: ripple-data/demo-<timestamp>).")
    private Path journalDir;

    @Option(names = "--agents", paramLabel = "N", defaultValue = "1000",
        description = "Agents in the fleet (default: ${DEFAULT-VALUE}).")
    private int agentCount;

    @Option(names = "--signal-rate", paramLabel = "PER_SECOND", defaultValue = "10000",
        description = "Signals per second from the whole fleet (default: ${DEFAULT-VALUE}).")
    private int signalRate;

    @Option(names = "--select-rate", paramLabel = "PER_SECOND", defaultValue = "2000",
        description = "Selections per second from the router (default: ${DEFAULT-VALUE}).")
    private int selectRate;

    @Option(names = "--drifting", paramLabel = "N", defaultValue = "20",
        description = "Agents whose load drifts towards overload (default: ${DEFAULT-VALUE}).")
    private int driftingCount;

    private volatile boolean stopRequested;

    /**
     * {@inheritDoc}
     */
    public Integer call() throws Exception
    {
        // The demo prints its own report; the server's start-up and session lines would only interleave with it.
        System.setProperty("org.slf4j.simpleLogger.log.io.ripple", "warn");
        final PrintWriter out = spec.commandLine().getOut();
        if (durationSeconds < 1 || agentCount < 10 || signalRate < 1 || selectRate < 1 ||
            driftingCount < 0 || driftingCount > agentCount)
        {
            spec.commandLine().getErr().println("ripple demo: durations, counts and rates must be positive, " +
                "with at least 10 agents and no more drifting agents than agents");
            return 2;
        }

        final Path dir = null != journalDir ? journalDir :
            Path.of("ripple-data", "demo-" + LocalDateTime.now().format(TIMESTAMP));
        Files.createDirectories(dir);
        final Path credentialsFile = dir.resolve("credentials.txt");
        final Map<String, String> secrets = writeCredentials(credentialsFile);

        final GatewayConfig config = new GatewayConfig()
            .credentialsFile(credentialsFile)
            .credentialStore(CredentialStore.load(credentialsFile))
            .journalDir(dir.resolve("journal"))
            .maxAgents(Math.max(65_536, agentCount * 2))
            .snapshotIntervalMs(5_000);

        final CountDownLatch finished = new CountDownLatch(1);
        final Thread hook = new Thread(() ->
        {
            stopRequested = true;
            awaitQuietly(finished, 20);
        }, "ripple-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        final RippleServer server = RippleServer.start(config, new JournalBackend());
        final List<RippleClient> clients = new ArrayList<>();
        try
        {
            out.println("Ripple demo: " + agentCount + " agents, " + signalRate + " signals/s, " + selectRate +
                " selections/s for " + durationSeconds + " s (Ctrl-C to stop early)");
            for (final String line : server.describe())
            {
                out.println("  " + line);
            }
            out.flush();

            return run(out, server, secrets, clients, dir);
        }
        finally
        {
            clients.forEach(CloseHelper::quietClose);
            server.close();
            final boolean driverGone = !Files.exists(Path.of(server.aeronDirectoryName()));
            out.println("stopped: server closed, snapshot written" +
                (driverGone ? ", media driver directory removed" : "; media driver directory left at " +
                server.aeronDirectoryName()));
            out.flush();
            finished.countDown();
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ignore)
            {
                // Already shutting down: the hook is running and waits for us.
            }
        }
    }

    private int run(
        final PrintWriter out,
        final RippleServer server,
        final Map<String, String> secrets,
        final List<RippleClient> clients,
        final Path dir) throws InterruptedException
    {
        final String[] agentIds = new String[agentCount];
        for (int i = 0; i < agentCount; i++)
        {
            agentIds[i] = String.format(Locale.ROOT, "agent-%04d", i);
        }

        final RippleClient admin = connect(server, "admin", secrets, null);
        clients.add(admin);
        for (int i = 0; i < agentCount; i++)
        {
            admin.joinPool(agentIds[i], POOLS[i % POOLS.length]);
        }

        final AtomicIntegerArray assigned = new AtomicIntegerArray(agentCount);
        final AtomicIntegerArray selectedTotal = new AtomicIntegerArray(agentCount);
        final Recorder ackRecorder = new Recorder(3);
        final Recorder selectRecorder = new Recorder(3);
        final AtomicLong signalsSent = new AtomicLong();
        final AtomicLong selections = new AtomicLong();
        final AtomicLong warnings = new AtomicLong();
        final long durationNs = TimeUnit.SECONDS.toNanos(durationSeconds);

        final FleetSimulator fleet = new FleetSimulator(
            agentIds, driftingCount, assigned, signalRate, durationNs, ackRecorder, signalsSent);
        final DemoRouter router = new DemoRouter(
            agentIds, POOLS, assigned, selectedTotal, selectRate, durationNs, selectRecorder, selections, warnings);
        final RippleClient fleetClient = connect(server, "fleet", secrets, fleet);
        final RippleClient routerClient = connect(server, "router", secrets, router);
        clients.add(fleetClient);
        clients.add(routerClient);
        fleet.client(fleetClient);
        router.client(routerClient);
        routerClient.subscribeOverloadWarnings(true);

        final Thread fleetThread = new Thread(fleet, "ripple-demo-fleet");
        final Thread routerThread = new Thread(router, "ripple-demo-router");
        final long cpuStartNs = processCpuNs();
        final long serverCpuStartNs = serverThreadsCpuNs();
        final long startNs = System.nanoTime();
        fleetThread.start();
        routerThread.start();

        final Histogram ackTotal = new Histogram(3);
        final Histogram selectTotal = new Histogram(3);
        Histogram ackInterval = null;
        Histogram selectInterval = null;
        out.println();
        out.println("  time  signals/s  selections/s   signal->ack p50/p99 us   select p50/p99 us   warnings");
        long lastSignals = 0;
        long lastSelections = 0;
        int second = 0;
        while (!stopRequested && (fleetThread.isAlive() || routerThread.isAlive()))
        {
            Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(startNs + (second + 1) * 1_000_000_000L -
                System.nanoTime())));
            second++;
            ackInterval = ackRecorder.getIntervalHistogram(ackInterval);
            selectInterval = selectRecorder.getIntervalHistogram(selectInterval);
            ackTotal.add(ackInterval);
            selectTotal.add(selectInterval);
            final long signalsNow = signalsSent.get();
            final long selectionsNow = selections.get();
            out.printf(Locale.ROOT, "  %3ds  %9d  %12d   %9s / %-9s   %7s / %-8s  %8d%n",
                second, signalsNow - lastSignals, selectionsNow - lastSelections,
                micros(ackInterval, 50), micros(ackInterval, 99),
                micros(selectInterval, 50), micros(selectInterval, 99), warnings.get());
            out.flush();
            lastSignals = signalsNow;
            lastSelections = selectionsNow;
        }

        fleet.stop();
        router.stop();
        fleetThread.join();
        routerThread.join();
        ackTotal.add(ackRecorder.getIntervalHistogram());
        selectTotal.add(selectRecorder.getIntervalHistogram());
        final double elapsedSeconds = (System.nanoTime() - startNs) / 1e9;
        final long cpuNs = processCpuNs() - cpuStartNs;
        final long serverCpuNs = serverThreadsCpuNs() - serverCpuStartNs;

        out.println();
        out.println("Summary over " + String.format(Locale.ROOT, "%.1f", elapsedSeconds) + " s" +
            (stopRequested ? " (stopped early)" : ""));
        out.printf(Locale.ROOT, "  signals:    %,d sent, %,d journaled and acknowledged (%.0f/s)%n",
            signalsSent.get(), fleetClient.messagesJournaled(), signalsSent.get() / elapsedSeconds);
        out.printf(Locale.ROOT, "  selections: %,d answered (%.0f/s), %d errors%n",
            selections.get(), selections.get() / elapsedSeconds, router.errors());
        out.println();
        out.println("  round trip (us, open loop from planned send time)   p50     p90     p99   p99.9  p99.99" +
            "     max");
        printLatencies(out, "signal -> journaled ack", ackTotal);
        printLatencies(out, "select -> result", selectTotal);
        out.printf(Locale.ROOT, "  CPU: server threads (ingress, ring, media driver) %.0f%% of one core; " +
            "whole process with the simulated fleet and router %.0f%%%n",
            100.0 * serverCpuNs / (elapsedSeconds * 1e9), 100.0 * cpuNs / (elapsedSeconds * 1e9));

        printSpread(out, selectedTotal, agentIds, fleet);
        printPredictions(out, router, routerClient);
        printJournal(out, dir, server, routerClient.sessionId(), router.lastAnsweredCorrelationId());
        return 0;
    }

    private static void printLatencies(final PrintWriter out, final String label, final Histogram histogram)
    {
        out.printf(Locale.ROOT, "  %-50s %6s  %6s  %6s  %6s  %6s  %6s%n", label,
            micros(histogram, 50), micros(histogram, 90), micros(histogram, 99), micros(histogram, 99.9),
            micros(histogram, 99.99), 0 == histogram.getTotalCount() ? "-" :
            String.valueOf(histogram.getMaxValue() / 1000));
    }

    private void printSpread(
        final PrintWriter out,
        final AtomicIntegerArray selectedTotal,
        final String[] agentIds,
        final FleetSimulator fleet)
    {
        final int[] counts = new int[agentIds.length];
        long total = 0;
        final double[] bandUpper = { 0.2, 0.3, 0.4, 0.5 };
        final long[] bandSelections = new long[bandUpper.length + 1];
        final int[] bandAgents = new int[bandUpper.length + 1];
        for (int i = 0; i < agentIds.length; i++)
        {
            counts[i] = selectedTotal.get(i);
            total += counts[i];
            int band = bandUpper.length;
            if (i < agentIds.length - driftingCount)
            {
                band = 0;
                while (band < bandUpper.length - 1 && fleet.baseLoad(i) >= bandUpper[band])
                {
                    band++;
                }
            }
            bandSelections[band] += counts[i];
            bandAgents[band]++;
        }
        java.util.Arrays.sort(counts);
        long top = 0;
        for (int i = counts.length - counts.length / 10; i < counts.length; i++)
        {
            top += counts[i];
        }

        out.println();
        out.println("  how work spread over the " + agentIds.length + " agents (selections per agent, by the load " +
            "they report when idle):");
        final String[] labels = { "base load 0.10-0.20", "base load 0.20-0.30", "base load 0.30-0.40",
            "base load 0.40-0.50", "drifting to overload" };
        for (int band = 0; band < labels.length; band++)
        {
            if (bandAgents[band] > 0)
            {
                out.printf(Locale.ROOT, "    %-22s %4d agents  %7.1f each%n", labels[band], bandAgents[band],
                    (double) bandSelections[band] / bandAgents[band]);
            }
        }
        out.printf(Locale.ROOT, "    median %d, max %d; the busiest 10%% of agents took %.0f%% of the work " +
            "(in-flight accounting spreads bursts between load reports)%n",
            counts[counts.length / 2], counts[counts.length - 1], total > 0 ? 100.0 * top / total : 0.0);
    }

    private void printPredictions(
        final PrintWriter out, final DemoRouter router, final RippleClient routerClient)
    {
        final Map<String, Double> warned = new TreeMap<>(router.warnedAgents());
        final String[] drifting = driftingAgents();
        int caught = 0;
        for (final String id : drifting)
        {
            caught += warned.containsKey(id) ? 1 : 0;
        }

        out.println();
        out.println("  overload prediction (warnings pushed to the router, threshold 0.8, horizon 60 s):");
        out.printf(Locale.ROOT, "    %d agents warned about: %d of the %d drifting agents, and %d whose load " +
            "rose with the work routed to them%n", warned.size(), caught, drifting.length, warned.size() - caught);
        final StringBuilder line = new StringBuilder("    warned:");
        int shown = 0;
        for (final Map.Entry<String, Double> entry : warned.entrySet())
        {
            if (shown++ == 12)
            {
                line.append(" ...");
                break;
            }
            line.append(String.format(Locale.ROOT, " %s (%.2f)", entry.getKey(), entry.getValue()));
        }
        if (!warned.isEmpty())
        {
            out.println(line);
        }

        if (drifting.length > 0 && routerClient.isConnected())
        {
            try
            {
                final OverloadPredictionDecoder prediction =
                    routerClient.predictOverload(drifting[drifting.length - 1], 60_000, 0.8);
                out.printf(Locale.ROOT, "    PredictOverload(%s, 60 s, 0.8) now: predicted load %.2f from %d " +
                    "samples, will overload: %s%n", drifting[drifting.length - 1], prediction.predictedLoad(),
                    prediction.samplesUsed(), prediction.willOverload());
            }
            catch (final RippleException ex)
            {
                out.println("    PredictOverload failed: " + ex.getMessage());
            }
        }
    }

    private String[] driftingAgents()
    {
        final String[] ids = new String[driftingCount];
        for (int i = 0; i < driftingCount; i++)
        {
            ids[i] = String.format(Locale.ROOT, "agent-%04d", agentCount - driftingCount + i);
        }
        return ids;
    }

    private static void printJournal(
        final PrintWriter out,
        final Path dir,
        final RippleServer server,
        final long sessionId,
        final long correlationId)
    {
        final Path journal = server.config().journalDir().toAbsolutePath();
        out.println();
        out.println("  the journal holds every event and every selection answer: " + journal);
        out.println("    ./ripple journal stats " + journal);
        out.println("    ./ripple journal replay " + journal + " --verify");
        out.println("        (replays every event into a fresh engine and checks every journaled answer)");
        out.println("    ./ripple journal explain " + journal + " " + sessionId + "/" + correlationId);
        out.println("        (why the router's last selection chose its agent)");
        out.println("    ./ripple server --journal-dir " + journal + " --credentials " +
            dir.toAbsolutePath().resolve("credentials.txt"));
        out.println("        (recovers this state and serves it)");
    }

    private static RippleClient connect(
        final RippleServer server, final String principal, final Map<String, String> secrets,
        final RippleClientListener listener)
    {
        return RippleClient.connect(new RippleClientContext()
            .aeronDirectoryName(server.aeronDirectoryName())
            .credentials(principal, secrets.get(principal))
            .listener(listener));
    }

    private static Map<String, String> writeCredentials(final Path file) throws IOException
    {
        final Map<String, String> secrets = new HashMap<>();
        final Object[][] principals = {
            { "fleet", Role.AGENT, List.of("agent-*") },
            { "router", Role.ROUTER, List.of() },
            { "admin", Role.ADMIN, List.of() } };
        for (final Object[] entry : principals)
        {
            final String name = (String) entry[0];
            final String secret = SecretHash.generateSecret();
            secrets.put(name, secret);
            @SuppressWarnings("unchecked") final List<String> agents = (List<String>) entry[2];
            CredentialStore.upsert(file, new Principal(
                name, (Role) entry[1], SecretHash.create(SecretHash.SHA256, secret, 1), agents));
        }
        return secrets;
    }

    private static String micros(final Histogram histogram, final double percentile)
    {
        if (null == histogram || 0 == histogram.getTotalCount())
        {
            return "-";
        }
        return String.valueOf(histogram.getValueAtPercentile(percentile) / 1000);
    }

    private static long processCpuNs()
    {
        final java.lang.management.OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        if (bean instanceof com.sun.management.OperatingSystemMXBean)
        {
            return ((com.sun.management.OperatingSystemMXBean) bean).getProcessCpuTime();
        }
        return 0;
    }

    private static long serverThreadsCpuNs()
    {
        final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (final java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds()))
        {
            final String name = null == info ? "" : info.getThreadName();
            if ((name.startsWith("ripple-") && !name.startsWith("ripple-demo")) || name.contains("driver"))
            {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static void awaitQuietly(final CountDownLatch latch, final long seconds)
    {
        try
        {
            latch.await(seconds, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
