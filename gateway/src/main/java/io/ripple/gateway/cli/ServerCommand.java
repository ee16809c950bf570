package io.ripple.gateway.cli;

import io.ripple.gateway.GatewayConfig;
import io.ripple.gateway.JournalBackend;
import io.ripple.gateway.RippleServer;
import io.ripple.gateway.config.ServerConfiguration;
import io.ripple.gateway.session.CredentialStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ripple server}: run a Ripple server until SIGINT or SIGTERM, then shut down gracefully.
 * <p>
 * Settings come from the built-in defaults, then the configuration file ({@code --config}), then {@code RIPPLE_*}
 * environment variables, then the flags; see {@link ServerConfiguration} and docs/operations.md.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
        "Run a Ripple server: Aeron ingress (IPC, and UDP if asked), journal, engine, egress.",
        "Recovers from the journal directory before it accepts traffic; Ctrl-C shuts it down gracefully " +
            "(drain, snapshot, close sessions).",
        "Settings: defaults < --config file < RIPPLE_* environment variables < flags (see docs/operations.md)."
    })
public final class ServerCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (Java properties).")
    private Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
        description = "Set any configuration key (repeatable), e.g. --set ring.threads=3.")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--credentials", paramLabel = "FILE",
        description = "Credentials file (principal role hash [agents]); see `ripple credentials add`.")
    private String credentialsFile;

    @Option(names = "--journal-dir", paramLabel = "DIR", description = "Journal and snapshots (journal.dir).")
    private String journalDir;

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Use the external media driver with this Aeron directory instead of an embedded one.")
    private String aeronDir;

    @Option(names = "--udp", paramLabel = "HOST:PORT",
        description = "Also listen on UDP at this endpoint (repeatable), e.g. localhost:40123.")
    private List<String> udpEndpoints = new ArrayList<>();

    @Option(names = "--no-ipc", description = "Do not listen on aeron:ipc.")
    private boolean noIpc;

    @Option(names = "--ingress-stream", paramLabel = "ID", description = "Ingress stream id (ingress.stream-id).")
    private String ingressStreamId;

    @Option(names = "--max-sessions", paramLabel = "N", description = "Most open sessions (limits.max-sessions).")
    private String maxSessions;

    @Option(names = "--max-sessions-per-principal", paramLabel = "N",
        description = "Most open sessions of one principal, 0 for no limit (limits.max-sessions-per-principal).")
    private String maxSessionsPerPrincipal;

    @Option(names = "--max-agents", paramLabel = "N", description = "Most agents tracked (limits.max-agents).")
    private String maxAgents;

    @Option(names = "--max-candidates", paramLabel = "N",
        description = "Most candidates per request (limits.max-candidates).")
    private String maxCandidates;

    @Option(names = "--max-batch", paramLabel = "N", description = "Most signals per batch (limits.max-batch).")
    private String maxBatch;

    @Option(names = "--ring-size", paramLabel = "N", description = "Ring slots, a power of two (ring.size).")
    private String ringSize;

    @Option(names = "--session-timeout-ms", paramLabel = "MS",
        description = "Silence after which a session closes (session.timeout-ms).")
    private String sessionTimeoutMs;

    @Option(names = "--snapshot-interval-ms", paramLabel = "MS",
        description = "Snapshot interval, 0 for shutdown only (snapshot.interval-ms).")
    private String snapshotIntervalMs;

    @Option(names = "--metrics-port", paramLabel = "PORT",
        description = "Port of /metrics and /health on localhost; 0 any, -1 none (metrics.port, default 9464).")
    private String metricsPort;

    /**
     * {@inheritDoc}
     */
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();

        final GatewayConfig config;
        try
        {
            config = ServerConfiguration.resolve(configFile, System.getenv(), flags());
            if (null == config.credentialsFile())
            {
                throw new IllegalArgumentException("credentials.file: a credentials file is required (--credentials)");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("ripple server: bad configuration: " + ex.getMessage());
            return 2;
        }
        catch (final IOException ex)
        {
            err.println("ripple server: cannot read the configuration file " + configFile + ": " + ex);
            return 2;
        }

        final Path credentials = config.credentialsFile();
        if (!Files.isReadable(credentials))
        {
            err.println("ripple server: cannot read credentials file " + credentials +
                "; create one with: ripple credentials add --file " + credentials + " ...");
            return 2;
        }
        config.credentialStore(CredentialStore.load(credentials));

        final RippleServer server;
        try
        {
            server = RippleServer.start(config, new JournalBackend());
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            err.println("ripple server: " + ex.getMessage());
            return 2;
        }

        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread hook = new Thread(() ->
        {
            server.close();
            stopped.countDown();
        }, "ripple-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        out.println("Ripple server running (Ctrl-C to stop)");
        for (final String line : server.describe())
        {
            out.println("  " + line);
        }
        out.flush();

        stopped.await();
        return 0;
    }

    private Map<String, String> flags()
    {
        final Map<String, String> flags = new LinkedHashMap<>(settings);
        put(flags, "credentials.file", credentialsFile);
        put(flags, "journal.dir", journalDir);
        put(flags, "aeron.dir", aeronDir);
        if (noIpc)
        {
            flags.put("ingress.ipc", "false");
        }
        if (!udpEndpoints.isEmpty())
        {
            flags.put("ingress.udp", String.join(",", udpEndpoints));
        }
        put(flags, "ingress.stream-id", ingressStreamId);
        put(flags, "limits.max-sessions", maxSessions);
        put(flags, "limits.max-sessions-per-principal", maxSessionsPerPrincipal);
        put(flags, "limits.max-agents", maxAgents);
        put(flags, "limits.max-candidates", maxCandidates);
        put(flags, "limits.max-batch", maxBatch);
        put(flags, "ring.size", ringSize);
        put(flags, "session.timeout-ms", sessionTimeoutMs);
        put(flags, "snapshot.interval-ms", snapshotIntervalMs);
        put(flags, "metrics.port", metricsPort);
        return flags;
    }

    private static void put(final Map<String, String> flags, final String key, final String value)
    {
        if (null != value)
        {
            flags.put(key, value);
        }
    }
}
