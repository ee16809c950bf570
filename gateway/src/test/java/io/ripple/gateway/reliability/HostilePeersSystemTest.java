package io.ripple.gateway.reliability;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.ripple.codecs.ErrorCode;
import io.ripple.codecs.MetricsSnapshotDecoder;
import io.ripple.codecs.Role;
import io.ripple.codecs.SignalType;
import io.ripple.gateway.GatewayConfig;
import io.ripple.gateway.JournalBackend;
import io.ripple.gateway.RippleServer;
import io.ripple.gateway.client.RippleClient;
import io.ripple.gateway.client.RippleClientContext;
import io.ripple.gateway.fuzz.FrameFuzzer;
import io.ripple.gateway.session.CredentialStore;
import io.ripple.gateway.session.Principal;
import io.ripple.gateway.session.SecretHash;
import org.agrona.CloseHelper;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Peers that never authenticate, flood, or vanish mid-session: each gets nothing but refusals, changes nothing, and
 * the server keeps serving everyone else.
 */
class HostilePeersSystemTest
{
    private static final int FLOOD_FRAMES = 20_000;

    @TempDir
    Path journalDir;

    private final String adminSecret = SecretHash.generateSecret();
    private final String agentSecret = SecretHash.generateSecret();
    private RippleServer server;

    @BeforeEach
    void startServer() throws Exception
    {
        final CredentialStore credentials = CredentialStore.of(List.of(
            new Principal("ops", Role.ADMIN, SecretHash.create(SecretHash.SHA256, adminSecret, 1), List.of()),
            new Principal("fleet", Role.AGENT, SecretHash.create(SecretHash.SHA256, agentSecret, 1),
                List.of("f-*"))));
        server = RippleServer.start(new GatewayConfig()
            .credentialStore(credentials)
            .journalDir(journalDir)
            .snapshotIntervalMs(0)
            .heartbeatIntervalMs(100)
            .sessionTimeoutMs(1_000), new JournalBackend());
    }

    @AfterEach
    void stopServer()
    {
        CloseHelper.quietClose(server);
    }

    @Test
    void shouldGiveAnUnauthenticatedPeerNothingAndLetItChangeNothing()
    {
        // given
        final RippleClient admin = connect("ops", adminSecret);
        final long signalsBefore = signals(admin.metrics());
        final long framesBefore = server.counters().framesReceived();
        final long unansweredBefore = server.counters().unansweredRejections();

        // when a peer that never sent Connect floods the ingress with well-formed and mutated requests
        final FrameFuzzer fuzzer = new FrameFuzzer(99L);
        final SplittableRandom random = new SplittableRandom(99L);
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(server.aeronDirectoryName()));
            Publication publication = aeron.addExclusivePublication(
                server.ingressChannels().get(0), server.config().ingressStreamId()))
        {
            while (!publication.isConnected())
            {
                LockSupport.parkNanos(1_000_000);
            }
            for (int i = 0; i < FLOOD_FRAMES; i++)
            {
                final int length = fuzzer.next(random.nextLong(), i);
                while (publication.offer(fuzzer.buffer(), 0, length) < 0)
                {
                    LockSupport.parkNanos(100_000);
                }
            }
            awaitFramesReceived(framesBefore + FLOOD_FRAMES);
        }

        // then every frame was refused unanswered, and the engine applied none of them
        assertEquals(FLOOD_FRAMES, server.counters().unansweredRejections() - unansweredBefore);
        assertEquals(signalsBefore, signals(admin.metrics()));
        assertEquals(1, server.counters().openSessions());
    }

    @Test
    void shouldServeOthersWhileAClientFloodsAndAnotherVanishes()
    {
        // given
        final RippleClient agent = connect("fleet", agentSecret);
        final RippleClient vanishing = connect("fleet", agentSecret);
        final RippleClient flooder = connect("ops", adminSecret);
        vanishing.signalAndAwaitAck("f-vanish", SignalType.LOAD, 0.5, 1.0, 60_000);

        // when one client vanishes without a Disconnect and another floods hostile frames without reading
        CloseHelper.quietClose(vanishing);
        final FrameFuzzer fuzzer = new FrameFuzzer(7L);
        long acks = 0;
        for (int round = 0; round < 20; round++)
        {
            for (int i = 0; i < 500; i++)
            {
                final int length = fuzzer.next(flooder.sessionId(), 1_000_000L + round * 500L + i);
                flooder.sendRaw(fuzzer.buffer(), 0, length);
            }
            agent.signalAndAwaitAck("f-1", SignalType.LOAD, 0.25, 1.0, 60_000);
            acks++;
        }

        // then the well-behaved agent was served throughout, and the vanished session was timed out
        assertEquals(20, acks);
        final long deadlineNs = System.nanoTime() + 10_000_000_000L;
        while (server.counters().sessionsTimedOut() < 1 && System.nanoTime() < deadlineNs)
        {
            agent.poll();
            LockSupport.parkNanos(10_000_000);
        }
        assertTrue(server.counters().sessionsTimedOut() >= 1, "vanished session not timed out");
        final RippleClient admin = connect("ops", adminSecret);
        assertTrue(rejections(admin.metrics(), ErrorCode.TRUNCATED_MESSAGE) > 0);
        assertEquals(0, server.counters().stageErrors());
    }

    private RippleClient connect(final String principal, final String secret)
    {
        return RippleClient.connect(new RippleClientContext()
            .aeronDirectoryName(server.aeronDirectoryName())
            .credentials(principal, secret)
            .idleStrategy(() -> new SleepingMillisIdleStrategy(1))
            .requestTimeoutMs(10_000));
    }

    private void awaitFramesReceived(final long count)
    {
        final long deadlineNs = System.nanoTime() + 20_000_000_000L;
        while (server.counters().framesReceived() < count && System.nanoTime() < deadlineNs)
        {
            LockSupport.parkNanos(1_000_000);
        }
        LockSupport.parkNanos(100_000_000);
    }

    private static long signals(final MetricsSnapshotDecoder metrics)
    {
        long total = 0;
        for (final MetricsSnapshotDecoder.SignalsByTypeDecoder entry : metrics.signalsByType())
        {
            total += entry.signalCount();
        }
        metrics.rejectionsByCode().forEach((entry) -> { });
        return total;
    }

    private static long rejections(final MetricsSnapshotDecoder metrics, final ErrorCode code)
    {
        metrics.signalsByType().forEach((entry) -> { });
        long count = 0;
        for (final MetricsSnapshotDecoder.RejectionsByCodeDecoder entry : metrics.rejectionsByCode())
        {
            if (entry.code() == code)
            {
                count = entry.rejectionCount();
            }
        }
        return count;
    }
}
