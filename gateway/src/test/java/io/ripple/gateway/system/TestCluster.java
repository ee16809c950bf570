package io.ripple.gateway.system;

import io.ripple.codecs.Role;
import io.ripple.gateway.GatewayConfig;
import io.ripple.gateway.JournalBackend;
import io.ripple.gateway.RippleServer;
import io.ripple.gateway.client.RippleClient;
import io.ripple.gateway.client.RippleClientContext;
import io.ripple.gateway.client.RippleClientListener;
import io.ripple.gateway.session.CredentialStore;
import io.ripple.gateway.session.Principal;
import io.ripple.gateway.session.SecretHash;
import org.agrona.CloseHelper;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A real server (embedded media driver, Chronicle journal in a temporary directory) and clients for system tests,
 * with principals generated for the test: {@code fleet-a} (agent ids {@code a-*} and {@code solo}), {@code fleet-b}
 * ({@code b-*}), {@code router} and {@code admin}.
 */
final class TestCluster implements AutoCloseable
{
    private final Map<String, String> secretByPrincipal = new HashMap<>();
    private final List<RippleClient> clients = new ArrayList<>();
    private final CredentialStore credentials;
    private final Path journalDir;
    private RippleServer server;

    TestCluster(final Path journalDir)
    {
        this.journalDir = journalDir;
        final List<Principal> principals = new ArrayList<>();
        principals.add(principal("fleet-a", Role.AGENT, List.of("a-*", "solo")));
        principals.add(principal("fleet-b", Role.AGENT, List.of("b-*")));
        principals.add(principal("router", Role.ROUTER, List.of()));
        principals.add(principal("admin", Role.ADMIN, List.of()));
        credentials = CredentialStore.of(principals);
    }

    private Principal principal(final String name, final Role role, final List<String> agents)
    {
        final String secret = SecretHash.generateSecret();
        secretByPrincipal.put(name, secret);
        return new Principal(name, role, SecretHash.create(SecretHash.SHA256, secret, 1), agents);
    }

    GatewayConfig config()
    {
        return new GatewayConfig()
            .credentialStore(credentials)
            .journalDir(journalDir)
            .heartbeatIntervalMs(200)
            .sessionTimeoutMs(5_000)
            .snapshotIntervalMs(0);
    }

    TestCluster start(final Consumer<GatewayConfig> customise) throws Exception
    {
        final GatewayConfig config = config();
        customise.accept(config);
        server = RippleServer.start(config, new JournalBackend());
        return this;
    }

    RippleServer server()
    {
        return server;
    }

    String secret(final String principal)
    {
        return secretByPrincipal.get(principal);
    }

    RippleClientContext context(final String principal)
    {
        return new RippleClientContext()
            .aeronDirectoryName(server.aeronDirectoryName())
            .credentials(principal, secret(principal))
            .idleStrategy(() -> new SleepingMillisIdleStrategy(1))
            .requestTimeoutMs(5_000);
    }

    RippleClient connect(final String principal)
    {
        return connect(context(principal));
    }

    RippleClient connect(final String principal, final RippleClientListener listener)
    {
        return connect(context(principal).listener(listener));
    }

    RippleClient connect(final RippleClientContext context)
    {
        final RippleClient client = RippleClient.connect(context);
        clients.add(client);
        return client;
    }

    void stopServer()
    {
        CloseHelper.quietClose(server);
    }

    public void close()
    {
        clients.forEach(CloseHelper::quietClose);
        clients.clear();
        CloseHelper.quietClose(server);
    }
}
