package io.ripple.bench.load;

import io.ripple.codecs.Role;
import io.ripple.gateway.GatewayConfig;
import io.ripple.gateway.JournalBackend;
import io.ripple.gateway.RippleServer;
import io.ripple.gateway.client.RippleClient;
import io.ripple.gateway.client.RippleClientContext;
import io.ripple.gateway.client.RippleClientListener;
import io.ripple.gateway.config.ServerConfiguration;
import io.ripple.gateway.session.CredentialStore;
import io.ripple.gateway.session.Principal;
import io.ripple.gateway.session.SecretHash;
import org.agrona.CloseHelper;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The server a load run talks to: an embedded one started here (journaled, in a directory of its own, with its own
 * principals), or a running one named by its Aeron directory, channel and credentials.
 */
final class LoadTarget implements AutoCloseable
{
    static final String AGENTS_PRINCIPAL = "load-agents";
    static final String ROUTER_PRINCIPAL = "load-router";
    static final String ADMIN_PRINCIPAL = "load-admin";

    private final RippleServer server;
    private final String aeronDirectoryName;
    private final String ingressChannel;
    private final String udpChannel;
    private final String[] agentsCredentials;
    private final String[] routerCredentials;
    private final String[] adminCredentials;

    private LoadTarget(
        final RippleServer server,
        final String aeronDirectoryName,
        final String ingressChannel,
        final String udpChannel,
        final String[] agentsCredentials,
        final String[] routerCredentials,
        final String[] adminCredentials)
    {
        this.server = server;
        this.aeronDirectoryName = aeronDirectoryName;
        this.ingressChannel = ingressChannel;
        this.udpChannel = udpChannel;
        this.agentsCredentials = agentsCredentials;
        this.routerCredentials = routerCredentials;
        this.adminCredentials = adminCredentials;
    }

    /**
     * Start an embedded server journaling into {@code dir}, listening on IPC and, when asked, UDP on loopback.
     *
     * @param dir journal, snapshots and credentials.
     * @param udp true to also listen on a free loopback UDP port and have clients use it.
     * @return the target.
     * @throws Exception if the server does not start.
     */
    static LoadTarget embedded(final Path dir, final boolean udp) throws Exception
    {
        return embedded(dir, udp, "backoff");
    }

    /**
     * Start an embedded server with the given ingress idle strategy.
     *
     * @param dir         journal, snapshots and credentials.
     * @param udp         true to also listen on a free loopback UDP port.
     * @param idleName    value of {@code ingress.idle-strategy}: backoff, yielding or busy-spin.
     * @return the target.
     * @throws Exception if the server does not start.
     */
    static LoadTarget embedded(final Path dir, final boolean udp, final String idleName) throws Exception
    {
        Files.createDirectories(dir);
        final Path credentialsFile = dir.resolve("credentials.txt");
        final String[] agents = addPrincipal(credentialsFile, AGENTS_PRINCIPAL, Role.AGENT, List.of("*"));
        final String[] router = addPrincipal(credentialsFile, ROUTER_PRINCIPAL, Role.ROUTER, List.of());
        final String[] admin = addPrincipal(credentialsFile, ADMIN_PRINCIPAL, Role.ADMIN, List.of());

        final GatewayConfig config = new GatewayConfig()
            .credentialsFile(credentialsFile)
            .credentialStore(CredentialStore.load(credentialsFile))
            .journalDir(dir.resolve("journal"))
            .maxAgents(65_536)
            .snapshotIntervalMs(60_000);
        ServerConfiguration.key("ingress.idle-strategy").apply(config, idleName);
        String udpChannel = null;
        if (udp)
        {
            udpChannel = "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort();
            config.addUdpChannel(udpChannel);
        }

        final RippleServer server = RippleServer.start(config, new JournalBackend());
        return new LoadTarget(
            server, server.aeronDirectoryName(), GatewayConfig.DEFAULT_IPC_CHANNEL, udpChannel, agents, router, admin);
    }

    /**
     * A running server.
     *
     * @param aeronDirectoryName its media driver's directory.
     * @param ingressChannel     its ingress channel.
     * @param agents             principal and secret of an agent (owning every load agent id).
     * @param router             principal and secret of a router.
     * @param admin              principal and secret of an admin, or null (needed for pools).
     * @return the target.
     */
    static LoadTarget external(
        final String aeronDirectoryName,
        final String ingressChannel,
        final String[] agents,
        final String[] router,
        final String[] admin)
    {
        return new LoadTarget(null, aeronDirectoryName, ingressChannel, ingressChannel, agents, router, admin);
    }

    String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    boolean isEmbedded()
    {
        return null != server;
    }

    RippleClient connectAgents(final boolean udp, final RippleClientListener listener)
    {
        return connect(udp, agentsCredentials, listener);
    }

    RippleClient connectRouter(final boolean udp, final RippleClientListener listener)
    {
        return connect(udp, routerCredentials, listener);
    }

    RippleClient connectAdmin()
    {
        if (null == adminCredentials)
        {
            throw new IllegalStateException("pools need admin credentials (--admin-credentials)");
        }
        return connect(false, adminCredentials, null);
    }

    private RippleClient connect(final boolean udp, final String[] credentials, final RippleClientListener listener)
    {
        final String channel = udp ? udpChannel : ingressChannel;
        if (null == channel)
        {
            throw new IllegalStateException("the server was started without UDP");
        }
        final RippleClientContext context = new RippleClientContext()
            .aeronDirectoryName(aeronDirectoryName)
            .ingressChannel(channel)
            .responseChannel(channel.startsWith("aeron:udp") ? "aeron:udp?endpoint=127.0.0.1:0" : "aeron:ipc")
            .credentials(credentials[0], credentials[1])
            .requestTimeoutMs(10_000);
        if (null != listener)
        {
            context.listener(listener);
        }
        return RippleClient.connect(context);
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        CloseHelper.quietClose(server);
    }

    private static String[] addPrincipal(
        final Path file, final String name, final Role role, final List<String> agents) throws IOException
    {
        final String secret = SecretHash.generateSecret();
        CredentialStore.upsert(
            file, new Principal(name, role, SecretHash.create(SecretHash.SHA256, secret, 1), agents));
        return new String[]{ name, secret };
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
