package io.ripple.gateway.system;

import io.ripple.codecs.SelectResultDecoder;
import io.ripple.codecs.SignalType;
import io.ripple.gateway.client.RippleClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestsSystemTest
{
    @TempDir
    static Path journalDir;

    private static TestCluster cluster;

    @BeforeAll
    static void startServer() throws Exception
    {
        cluster = new TestCluster(journalDir).start((config) -> { });
    }

    @AfterAll
    static void stopServer()
    {
        cluster.close();
    }

    @Test
    void shouldAcknowledgeSignalOnceJournaled()
    {
        final RippleClient agent = cluster.connect("fleet-a");

        final long correlationId = agent.signalAndAwaitAck("a-1", SignalType.LOAD, 0.4, 1.0, 30_000);

        assertTrue(agent.highestAckedCorrelationId() >= correlationId);
        assertEquals(1, agent.messagesJournaled());
    }

    @Test
    void shouldSelectTheLeastLoadedCandidate()
    {
        final RippleClient agent = cluster.connect("fleet-a");
        agent.signal("a-busy", SignalType.LOAD, 0.9, 1.0, 30_000);
        agent.signalAndAwaitAck("a-idle", SignalType.LOAD, 0.1, 1.0, 30_000);
        final RippleClient router = cluster.connect("router");

        final SelectResultDecoder result = router.select(router.selectRequest()
            .candidate("a-busy").candidate("a-idle").k(1));

        final SelectResultDecoder.SelectedDecoder selected = result.selected();
        assertEquals(1, selected.count());
        selected.next();
        assertEquals(1, selected.candidateIndex());
        assertEquals("a-idle", selected.agentId());
    }
}
