package io.ripple.gateway.system;

import io.ripple.codecs.ErrorCode;
import io.ripple.codecs.SelectResultDecoder;
import io.ripple.codecs.SessionCloseReason;
import io.ripple.codecs.SignalType;
import io.ripple.gateway.client.RippleClient;
import io.ripple.gateway.client.RippleException;
import io.ripple.gateway.client.SelectRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions over time: limits, timeouts, slow clients, UDP. Each test runs its own server.
 */
@Tag("slow")
class SessionLifecycleSystemTest
{
    @TempDir
    Path journalDir;

    private TestCluster cluster;

    @AfterEach
    void stop()
    {
        if (null != cluster)
        {
            cluster.close();
        }
    }

    @Test
    void shouldRefuseConnectBeyondSessionLimit() throws Exception
    {
        cluster = new TestCluster(journalDir).start((config) -> config.maxSessions(1));
        cluster.connect("router");

        final RippleException error = assertThrows(RippleException.class, () -> cluster.connect("fleet-a"));

        assertEquals(ErrorCode.SESSION_LIMIT_REACHED, error.code());
    }

    @Test
    void shouldRefuseConnectBeyondThePrincipalsSessionLimitWhileOthersConnect() throws Exception
    {
        cluster = new TestCluster(journalDir).start((config) -> config.maxSessionsPerPrincipal(2));
        final RippleClient first = cluster.connect("router");
        final RippleClient second = cluster.connect("router");

        final RippleException third = assertThrows(RippleException.class, () -> cluster.connect("router"));
        final RippleClient agent = cluster.connect("fleet-a");

        assertEquals(ErrorCode.SESSION_LIMIT_REACHED, third.code());
        assertTrue(third.getMessage().contains("principal router"), third.getMessage());
        assertEquals(3, cluster.server().counters().openSessions());
        agent.signalAndAwaitAck("a-1", SignalType.LOAD, 0.5, 1.0, 10_000);
        assertEquals(1, second.select(second.selectRequest().candidate("a-1")).selected().count());

        first.close();
        final RippleClient again = cluster.connect("router");
        assertEquals(1, again.select(again.selectRequest().candidate("a-1")).selected().count());
        assertThrows(RippleException.class, () -> cluster.connect("router"));
    }

    @Test
    void shouldTimeOutSilentSession() throws Exception
    {
        cluster = new TestCluster(journalDir).start((config) -> config.heartbeatIntervalMs(100).sessionTimeoutMs(500));
        final RippleClient silent = cluster.connect("router");
        final RippleClient chatty = cluster.connect("fleet-a");

        final long deadlineNs = System.nanoTime() + 5_000_000_000L;
        while (cluster.server().counters().sessionsTimedOut() == 0 && System.nanoTime() < deadlineNs)
        {
            chatty.poll();
            Thread.sleep(10);
        }
        while (silent.isConnected() && System.nanoTime() < deadlineNs)
        {
            silent.poll();
            Thread.sleep(10);
        }

        assertEquals(1, cluster.server().counters().sessionsTimedOut());
        assertFalse(silent.isConnected());
        assertEquals(SessionCloseReason.TIMEOUT, silent.disconnectReason());
        assertTrue(chatty.isConnected());
        chatty.signalAndAwaitAck("a-1", SignalType.LOAD, 0.5, 1.0, 10_000);
    }

    @Test
    void shouldDisconnectSlowClientWithoutSlowingAnother() throws Exception
    {
        cluster = new TestCluster(journalDir).start((config) -> config.slowClientTimeoutMs(300));
        final RippleClient slow = cluster.connect("router");
        final RippleClient healthy = cluster.connect("admin");
        final SelectRequest wide = slow.selectRequest().k(100);
        for (int i = 0; i < 100; i++)
        {
            wide.candidate("agent-with-a-rather-long-identifier-" + i);
        }

        int answered = 0;
        final long deadlineNs = System.nanoTime() + 20_000_000_000L;
        while (cluster.server().counters().slowClientsDisconnected() == 0 && System.nanoTime() < deadlineNs)
        {
            for (int i = 0; i < 50; i++)
            {
                slow.sendSelect(wide);
            }
            final SelectResultDecoder result =
                healthy.select(healthy.selectRequest().candidate("a-1").candidate("a-2"));
            answered += result.selected().count();
        }

        assertEquals(1, cluster.server().counters().slowClientsDisconnected());
        assertTrue(answered > 0);
        final SelectResultDecoder after = healthy.select(healthy.selectRequest().candidate("a-1"));
        assertEquals(1, after.selected().count());
        assertEquals(1, cluster.server().counters().openSessions());
    }

    @Test
    void shouldServeClientOverUdpOnLocalhost() throws Exception
    {
        final int port;
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            port = socket.getLocalPort();
        }
        final String ingress = "aeron:udp?endpoint=localhost:" + port;
        cluster = new TestCluster(journalDir).start((config) -> config.ipcEnabled(false).addUdpChannel(ingress));

        final RippleClient agent = cluster.connect(cluster.context("fleet-a")
            .ingressChannel(ingress)
            .responseChannel("aeron:udp?endpoint=localhost:0"));
        final RippleClient router = cluster.connect(cluster.context("router")
            .ingressChannel(ingress)
            .responseChannel("aeron:udp?endpoint=localhost:0"));
        agent.signal("a-udp-1", SignalType.LOAD, 0.7, 1.0, 30_000);
        agent.signalAndAwaitAck("a-udp-2", SignalType.LOAD, 0.1, 1.0, 30_000);
        final SelectResultDecoder result =
            router.select(router.selectRequest().candidate("a-udp-1").candidate("a-udp-2"));

        final SelectResultDecoder.SelectedDecoder selected = result.selected();
        selected.next();
        assertEquals("a-udp-2", selected.agentId());
        assertEquals(2, agent.messagesJournaled());
    }
}
