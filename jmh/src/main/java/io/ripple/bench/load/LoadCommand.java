package io.ripple.bench.load;

import io.ripple.gateway.cli.RippleCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.management.ObjectName;

/**
 * {@code ripple load}: an open-loop load generator over the client library, against an embedded server (default)
 * or a running one.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
        "Open-loop load: signals and selections sent at planned times, latency measured from the planned time " +
            "(no coordinated omission) into HdrHistogram.",
        "Prints a line each second, then p50 to max for signal -> ack and select round trips, rates, counts, " +
            "losses, and the server's CPU and heap. Soak: --duration 10m --signal-rate 50000 --select-rate 1000 " +
            "--gc-log gc.log (first-minute and last-minute percentiles, heap after full GC)."
    })
public final class LoadCommand implements Callable<Integer>, RippleCommand
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--agents", paramLabel = "N", defaultValue = "1000",
        description = "Agent ids the signals cycle over (default: ${DEFAULT-VALUE}).")
    private int agents;

    @Option(names = "--signal-rate", paramLabel = "PER_S", defaultValue = "10000",
        description = "Signals per second offered, 0 for none (default: ${DEFAULT-VALUE}).")
    private int signalRate;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1",
        description = "Signals per message: 1 sends Signal, more sends SignalBatch (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--select-rate", paramLabel = "PER_S", defaultValue = "0",
        description = "Selections per second offered, 0 for none (default: ${DEFAULT-VALUE}).")
    private int selectRate;

    @Option(names = "--candidates", paramLabel = "N", defaultValue = "100",
        description = "Candidates per selection (default: ${DEFAULT-VALUE}).")
    private int candidates;

    @Option(names = "--pool", paramLabel = "NAME",
        description = "Every agent joins this pool and selections name it instead of candidates.")
    private String pool;

    @Option(names = "--channel", paramLabel = "ipc|udp", defaultValue = "ipc",
        description = "Aeron IPC, or UDP on loopback (default: ${DEFAULT-VALUE}).")
    private String channel;

    @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "5s",
        description = "Sent at full rate, not measured: 500ms, 5s, 2m (default: ${DEFAULT-VALUE}).")
    private String warmup;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "30s",
        description = "Measured after the warm-up (default: ${DEFAULT-VALUE}).")
    private String duration;

    @Option(names = "--client-idle", paramLabel = "park|yield|spin", defaultValue = "yield",
        description = "How the load clients wait between sends; park adds up to 50 us to each round trip " +
            "(default: ${DEFAULT-VALUE}).")
    private String clientIdle;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the figures as JSON.")
    private Path jsonFile;

    @Option(names = "--hgrm", paramLabel = "DIR", description = "Write HdrHistogram percentile files (us).")
    private Path hgrmDir;

    @Option(names = "--gc-log", paramLabel = "FILE", description = "Log every GC of this JVM to a file.")
    private Path gcLog;

    @Option(names = "--dir", paramLabel = "DIR",
        description = "Journal of the embedded server (default: a new temporary directory, deleted after).")
    private Path dir;

    @Option(names = "--server-idle", paramLabel = "backoff|yielding|busy-spin", defaultValue = "backoff",
        description = "Embedded server only: its ingress.idle-strategy (default: ${DEFAULT-VALUE}); busy-spin keeps " +
            "a core busy and answers soonest.")
    private String serverIdle;

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Target a running server through this media driver directory instead of embedding one.")
    private String aeronDir;

    @Option(names = "--ingress-channel", paramLabel = "CHANNEL", defaultValue = "aeron:ipc",
        description = "Running server's ingress channel (default: ${DEFAULT-VALUE}).")
    private String ingressChannel;

    @Option(names = "--agent-credentials", paramLabel = "PRINCIPAL:SECRET",
        description = "Running server: an agent principal owning the ids load-000000 and up.")
    private String agentCredentials;

    @Option(names = "--router-credentials", paramLabel = "PRINCIPAL:SECRET",
        description = "Running server: a router principal.")
    private String routerCredentials;

    @Option(names = "--admin-credentials", paramLabel = "PRINCIPAL:SECRET",
        description = "Running server: an admin principal (needed with --pool).")
    private String adminCredentials;

    /**
     * {@inheritDoc}
     */
    public Integer call() throws Exception
    {
        System.setProperty("org.slf4j.simpleLogger.log.io.ripple", "warn");
        final PrintWriter out = spec.commandLine().getOut();
        final LoadSettings settings;
        try
        {
            settings = new LoadSettings()
                .agents(agents)
                .signalRate(signalRate)
                .batchSize(batchSize)
                .selectRate(selectRate)
                .candidates(candidates)
                .pool(pool)
                .udp(parseChannel(channel))
                .warmupMs(parseDurationMs(warmup))
                .durationMs(parseDurationMs(duration))
                .idle(LoadDriver.ClientIdle.valueOf(clientIdle.toUpperCase(Locale.ROOT)));
            settings.validate();
            if (!List.of("backoff", "yielding", "busy-spin").contains(serverIdle))
            {
                throw new IllegalArgumentException("--server-idle: must be backoff, yielding or busy-spin, not '" +
                    serverIdle + "'");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            spec.commandLine().getErr().println("ripple load: " + ex.getMessage());
            return 2;
        }
        if (null != gcLog)
        {
            enableGcLog(gcLog);
        }

        out.println("ripple load: " + settings.describe());
        out.flush();
        final LoadResult result;
        if (null == aeronDir)
        {
            final boolean temporary = null == dir;
            final Path journalDir = temporary ? Files.createTempDirectory("ripple-load") : dir;
            try (LoadTarget target = LoadTarget.embedded(journalDir, settings.udp, serverIdle))
            {
                result = LoadRun.run(target, settings, out);
            }
            finally
            {
                if (temporary)
                {
                    BenchFiles.deleteRecursively(journalDir);
                }
            }
        }
        else
        {
            final LoadTarget target = LoadTarget.external(aeronDir, ingressChannel, credentials(agentCredentials),
                credentials(routerCredentials), null == adminCredentials ? null : credentials(adminCredentials));
            result = LoadRun.run(target, settings, out);
        }

        result.print(out);
        if (null != jsonFile)
        {
            result.figures().write(jsonFile);
            out.println("  figures written to " + jsonFile);
        }
        if (null != hgrmDir)
        {
            result.writeHgrm(hgrmDir, "");
            out.println("  percentile files written to " + hgrmDir);
        }
        out.flush();
        return result.signalsLost() + result.selectionsLost() == 0 ? 0 : 1;
    }

    /**
     * Parse a duration: a number with {@code ms}, {@code s}, {@code m} or {@code h}; a bare number is seconds.
     *
     * @param text such as {@code 500ms}, {@code 30s}, {@code 10m}.
     * @return milliseconds.
     */
    static long parseDurationMs(final String text)
    {
        final String trimmed = text.trim().toLowerCase(Locale.ROOT);
        try
        {
            if (trimmed.endsWith("ms"))
            {
                return Long.parseLong(trimmed.substring(0, trimmed.length() - 2));
            }
            final char unit = trimmed.charAt(trimmed.length() - 1);
            final String number = Character.isDigit(unit) ? trimmed : trimmed.substring(0, trimmed.length() - 1);
            final double value = Double.parseDouble(number);
            switch (unit)
            {
                case 'h':
                    return Math.round(value * 3_600_000);
                case 'm':
                    return Math.round(value * 60_000);
                default:
                    if (Character.isDigit(unit) || 's' == unit)
                    {
                        return Math.round(value * 1_000);
                    }
                    throw new IllegalArgumentException("unknown unit in duration " + text);
            }
        }
        catch (final NumberFormatException | StringIndexOutOfBoundsException ex)
        {
            throw new IllegalArgumentException("not a duration: " + text);
        }
    }

    private static boolean parseChannel(final String channel)
    {
        if ("udp".equalsIgnoreCase(channel))
        {
            return true;
        }
        if ("ipc".equalsIgnoreCase(channel))
        {
            return false;
        }
        throw new IllegalArgumentException("channel must be ipc or udp: " + channel);
    }

    private static String[] credentials(final String text)
    {
        final int colon = null == text ? -1 : text.indexOf(':');
        if (colon <= 0)
        {
            throw new IllegalArgumentException("credentials must be PRINCIPAL:SECRET");
        }
        return new String[]{ text.substring(0, colon), text.substring(colon + 1) };
    }

    /**
     * Start logging GCs to a file from now on, through the JVM's diagnostic command (as {@code -Xlog:gc*} would).
     */
    private static void enableGcLog(final Path file) throws Exception
    {
        ManagementFactory.getPlatformMBeanServer().invoke(
            new ObjectName("com.sun.management:type=DiagnosticCommand"),
            "vmLog",
            new Object[]{ new String[]{ "output=file=" + file.toAbsolutePath(), "what=gc*,safepoint=info",
                "decorators=uptime,level,tags" } },
            new String[]{ String[].class.getName() });
    }
}
