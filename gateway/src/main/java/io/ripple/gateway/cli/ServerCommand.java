package io.ripple.gateway.cli;

import io.ripple.gateway.GatewayConfig;
import io.ripple.gateway.JournalBackend;
import io.ripple.gateway.RippleServer;
import io.ripple.gateway.session.CredentialStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ripple server}: run a Ripple server until SIGINT or SIGTERM, then shut down gracefully.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
        "Run a Ripple server: Aeron ingress (IPC, and UDP if asked), journal, engine, egress.",
        "Recovers from the journal directory before it accepts traffic; Ctrl-C shuts it down gracefully " +
            "(drain, snapshot, close sessions)."
    })
public final class ServerCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--credentials", required = true, paramLabel = "FILE",
        description = "Credentials file (principal role hash [agents]); see `ripple credentials add`.")
    private Path credentialsFile;

    @Option(names = "--journal-dir", paramLabel = "DIR", defaultValue = "ripple-data",
        description = "Journal and snapshots (default: ${DEFAULT-VALUE}).")
    private Path journalDir;

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Use the external media driver with this Aeron directory instead of an embedded one.")
    private String aeronDir;

    @Option(names = "--udp", paramLabel = "HOST:PORT",
        description = "Also listen on UDP at this endpoint (repeatable), e.g. localhost:40123.")
    private List<String> udpEndpoints = new ArrayList<>();

    @Option(names = "--no-ipc", description = "Do not listen on aeron:ipc.")
    private boolean noIpc;

    @Option(names = "--ingress-stream", paramLabel = "ID", defaultValue = "7301",
        description = "Ingress stream id (default: ${DEFAULT-VALUE}).")
    private int ingressStreamId;

    @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "256",
        description = "Most open sessions (default: ${DEFAULT-VALUE}).")
    private int maxSessions;

    @Option(names = "--max-agents", paramLabel = "N", defaultValue = "65536",
        description = "Most agents tracked (default: ${DEFAULT-VALUE}).")
    private int maxAgents;

    @Option(names = "--max-candidates", paramLabel = "N", defaultValue = "1024",
        description = "Most candidates per request (default: ${DEFAULT-VALUE}).")
    private int maxCandidates;

    @Option(names = "--max-batch", paramLabel = "N", defaultValue = "512",
        description = "Most signals per batch (default: ${DEFAULT-VALUE}).")
    private int maxBatch;

    @Option(names = "--ring-size", paramLabel = "N", defaultValue = "8192",
        description = "Ring slots, a power of two (default: ${DEFAULT-VALUE}).")
    private int ringSize;

    @Option(names = "--session-timeout-ms", paramLabel = "MS", defaultValue = "10000",
        description = "Silence after which a session closes (default: ${DEFAULT-VALUE}).")
    private long sessionTimeoutMs;

    @Option(names = "--snapshot-interval-ms", paramLabel = "MS", defaultValue = "60000",
        description = "Snapshot interval, 0 for shutdown only (default: ${DEFAULT-VALUE}).")
    private long snapshotIntervalMs;

    /**
     * {@inheritDoc}
     */
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        if (!Files.isReadable(credentialsFile))
        {
            spec.commandLine().getErr().println("ripple server: cannot read credentials file " + credentialsFile +
                "; create one with: ripple credentials add --file " + credentialsFile + " ...");
            return 2;
        }

        final GatewayConfig config = new GatewayConfig()
            .credentialsFile(credentialsFile)
            .credentialStore(CredentialStore.load(credentialsFile))
            .journalDir(journalDir)
            .aeronDirectoryName(aeronDir)
            .ipcEnabled(!noIpc)
            .ingressStreamId(ingressStreamId)
            .maxSessions(maxSessions)
            .maxAgents(maxAgents)
            .maxCandidates(maxCandidates)
            .maxBatchSize(maxBatch)
            .ringSize(ringSize)
            .sessionTimeoutMs(sessionTimeoutMs)
            .snapshotIntervalMs(snapshotIntervalMs);
        for (final String endpoint : udpEndpoints)
        {
            config.addUdpChannel("aeron:udp?endpoint=" + endpoint);
        }

        final RippleServer server;
        try
        {
            server = RippleServer.start(config, new JournalBackend());
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            spec.commandLine().getErr().println("ripple server: " + ex.getMessage());
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
}
