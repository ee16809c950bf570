package io.ripple.gateway.reliability;

import io.ripple.codecs.Role;
import io.ripple.gateway.GatewayConfig;
import io.ripple.gateway.JournalBackend;
import io.ripple.gateway.RippleServer;
import io.ripple.gateway.session.CredentialStore;
import io.ripple.gateway.session.Principal;
import io.ripple.gateway.session.SecretHash;

import java.nio.file.Path;
import java.util.List;

/**
 * A server in its own JVM for {@link KillRecoverySystemTest}: recovers from the journal directory given, prints its
 * Aeron directory on a line of its own, and runs until it is killed.
 */
public final class KillableServerMain
{
    private KillableServerMain()
    {
    }

    /**
     * Start the server.
     *
     * @param args journal directory, then the secret of the agent principal {@code fleet} (agent ids {@code f-*})
     *             and of the admin {@code ops}.
     * @throws Exception if the server cannot start.
     */
    public static void main(final String[] args) throws Exception
    {
        final CredentialStore credentials = CredentialStore.of(List.of(
            new Principal("fleet", Role.AGENT, SecretHash.create(SecretHash.SHA256, args[1], 1), List.of("f-*")),
            new Principal("ops", Role.ADMIN, SecretHash.create(SecretHash.SHA256, args[1], 1), List.of())));
        final RippleServer server = RippleServer.start(new GatewayConfig()
            .credentialStore(credentials)
            .journalDir(Path.of(args[0]))
            .snapshotIntervalMs(0), new JournalBackend());

        System.out.println("AERON_DIR " + server.aeronDirectoryName());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
