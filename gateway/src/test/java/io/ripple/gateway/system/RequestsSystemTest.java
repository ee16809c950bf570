package io.ripple.gateway.system;

import io.ripple.codecs.AgentStateDecoder;
import io.ripple.codecs.BooleanType;
import io.ripple.codecs.ErrorCode;
import io.ripple.codecs.ErrorDecoder;
import io.ripple.codecs.MetricsSnapshotDecoder;
import io.ripple.codecs.OverloadPredictionDecoder;
import io.ripple.codecs.OverloadWarningDecoder;
import io.ripple.codecs.ScoresResultDecoder;
import io.ripple.codecs.ScoringModel;
import io.ripple.codecs.SelectResultDecoder;
import io.ripple.codecs.SignalType;
import io.ripple.gateway.client.RippleClient;
import io.ripple.gateway.client.RippleClientListener;
import io.ripple.gateway.client.RippleException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Test
    void shouldAcknowledgeBatchAndReportEachRejectedEntry()
    {
        final List<String> errors = new ArrayList<>();
        final RippleClient agent = cluster.connect("fleet-a", new RippleClientListener()
        {
            public void onError(final ErrorDecoder error)
            {
                errors.add(error.code() + "@" + error.itemIndex());
            }
        });

        final long correlationId = agent.beginBatch()
            .addToBatch("a-b1", SignalType.LOAD, 0.3, 1.0, 30_000)
            .addToBatch("a-b2", SignalType.QUALITY, 1.5, 1.0, 30_000)
            .addToBatch("a-b3", SignalType.COST, 0.7, 1.0, 30_000)
            .addToBatch("a-b4", SignalType.COST, 0.7, 1.0, -1)
            .sendBatch();
        final RippleException firstRejected = assertThrows(RippleException.class, () -> agent.awaitAck(correlationId));
        final long deadlineNs = System.nanoTime() + 5_000_000_000L;
        while ((errors.isEmpty() || agent.highestAckedCorrelationId() < correlationId) &&
            System.nanoTime() < deadlineNs)
        {
            agent.poll();
        }

        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, firstRejected.code());
        assertEquals(1, firstRejected.itemIndex());
        assertEquals(List.of("TTL_NOT_POSITIVE@3"), errors);
        assertEquals(correlationId, agent.highestAckedCorrelationId());
        final RippleClient router = cluster.connect("router");
        final AgentStateDecoder state = router.agentState("a-b3", "");
        assertEquals(1, state.signals().count());
    }

    @Test
    void shouldRejectEngineInvalidSignalWithItsCode()
    {
        final RippleClient agent = cluster.connect("fleet-a");

        final RippleException error = assertThrows(RippleException.class,
            () -> agent.signalAndAwaitAck("a-nan", SignalType.LOAD, Double.NaN, 1.0, 30_000));

        assertEquals(ErrorCode.VALUE_NAN, error.code());
    }

    @Test
    void shouldAnswerScoresForKnownAndUnknownAgents()
    {
        final RippleClient agent = cluster.connect("fleet-a");
        agent.signalAndAwaitAck("a-s1", SignalType.COST, 0.9, 1.0, 60_000);
        final RippleClient router = cluster.connect("router");

        final ScoresResultDecoder result = router.scores(router.selectRequest().candidate("a-s1").candidate("a-none"));

        final ScoresResultDecoder.ScoresDecoder scores = result.scores();
        assertEquals(2, scores.count());
        scores.next();
        assertEquals(BooleanType.TRUE, scores.known());
        assertTrue(scores.costScore() > 0.5);
        assertEquals("a-s1", scores.agentId());
        scores.next();
        assertEquals(BooleanType.FALSE, scores.known());
        assertEquals(0.5, scores.routingScore(), 1e-12);
    }

    @Test
    void shouldAnswerAgentStateWithCurrentSignals()
    {
        final RippleClient agent = cluster.connect("fleet-a");
        agent.signal("a-st", SignalType.LOAD, 0.25, 1.0, 60_000);
        agent.signalAndAwaitAck("a-st", SignalType.LATENCY, 0.75, 0.5, 60_000);
        final RippleClient router = cluster.connect("router");

        final AgentStateDecoder state = router.agentState("a-st", "");

        assertEquals(2, state.signals().count());
        final RippleException unknown = assertThrows(RippleException.class, () -> router.agentState("a-never", ""));
        assertEquals(ErrorCode.UNKNOWN_AGENT, unknown.code());
    }

    @Test
    void shouldAnswerMetricsWithSessionsAndSignals()
    {
        final RippleClient agent = cluster.connect("fleet-a");
        agent.signalAndAwaitAck("a-m", SignalType.AVAILABILITY, 1.0, 1.0, 60_000);
        final RippleClient router = cluster.connect("router");

        final MetricsSnapshotDecoder metrics = router.metrics();

        assertTrue(metrics.sessions() >= 2);
        assertTrue(metrics.agentsTracked() >= 1);
        long available = 0;
        for (final MetricsSnapshotDecoder.SignalsByTypeDecoder byType : metrics.signalsByType())
        {
            if (SignalType.AVAILABILITY == byType.signalType())
            {
                available = byType.signalCount();
            }
        }
        assertTrue(available >= 1);
    }

    @Test
    void shouldPredictOverloadAndWarnSubscribers() throws InterruptedException
    {
        final List<String> warnings = new ArrayList<>();
        final RippleClient router = cluster.connect("router", new RippleClientListener()
        {
            public void onOverloadWarning(final OverloadWarningDecoder warning)
            {
                warnings.add(warning.agentId());
            }
        });
        router.subscribeOverloadWarnings(true);
        final RippleClient agent = cluster.connect("fleet-a");

        for (int i = 0; i < 5; i++)
        {
            agent.signalAndAwaitAck("a-hot", SignalType.LOAD, 0.5 + 0.08 * i, 1.0, 300_000);
            Thread.sleep(5);
        }
        final OverloadPredictionDecoder prediction = router.predictOverload("a-hot", 60_000, 0.8);
        final long deadlineNs = System.nanoTime() + 5_000_000_000L;
        while (warnings.isEmpty() && System.nanoTime() < deadlineNs)
        {
            router.poll();
        }

        assertEquals(BooleanType.TRUE, prediction.willOverload());
        assertEquals(5, prediction.samplesUsed());
        assertEquals(List.of("a-hot"), warnings);
    }

    @Test
    void shouldApplyAdminOperationsAndSelectFromPool()
    {
        final RippleClient admin = cluster.connect("admin");
        final RippleClient agent = cluster.connect("fleet-a");
        admin.defineProfile("load-only", new double[]{ 1, 0, 0, 0, 0, 0 }, 0.0, ScoringModel.NEUTRAL);
        agent.registerAgent("a-p1");
        agent.joinPool("a-p1", "gpu");
        agent.joinPool("a-p2", "gpu");
        agent.signal("a-p1", SignalType.LOAD, 0.8, 1.0, 60_000);
        agent.signalAndAwaitAck("a-p2", SignalType.LOAD, 0.2, 1.0, 60_000);

        final SelectResultDecoder fromPool = admin.select(admin.selectRequest().pool("gpu").profile("load-only"));
        final SelectResultDecoder.SelectedDecoder selected = fromPool.selected();
        selected.next();
        assertEquals("a-p2", selected.agentId());

        agent.leavePool("a-p2", "gpu");
        final SelectResultDecoder afterLeave = admin.select(admin.selectRequest().pool("gpu").profile("load-only"));
        final SelectResultDecoder.SelectedDecoder remaining = afterLeave.selected();
        remaining.next();
        assertEquals("a-p1", remaining.agentId());
        final RippleException unknownPool = assertThrows(RippleException.class,
            () -> admin.select(admin.selectRequest().pool("nowhere")));
        assertEquals(ErrorCode.UNKNOWN_POOL, unknownPool.code());
    }

    @Test
    void shouldAcknowledgeDisconnectAndForgetTheSession()
    {
        final RippleClient router = cluster.connect("router");
        final int before = cluster.server().counters().openSessions();

        router.close();

        assertFalse(router.isConnected());
        assertEquals(before - 1, cluster.server().counters().openSessions());
    }
}
