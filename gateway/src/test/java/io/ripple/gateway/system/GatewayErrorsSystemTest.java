package io.ripple.gateway.system;

import io.ripple.codecs.ErrorCode;
import io.ripple.codecs.ErrorDecoder;
import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.MetricsSnapshotDecoder;
import io.ripple.codecs.ProtocolLimits;
import io.ripple.codecs.ScoringModel;
import io.ripple.codecs.SignalAckDecoder;
import io.ripple.codecs.SignalType;
import io.ripple.gateway.client.RippleClient;
import io.ripple.gateway.client.RippleClientContext;
import io.ripple.gateway.client.RippleException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error the gateway raises, provoked from the wire through a real server, whose ring runs its three stages on
 * three threads (other system tests use the default, one thread on small machines).
 */
class GatewayErrorsSystemTest
{
    @TempDir
    static Path journalDir;

    private static TestCluster cluster;
    private static final AtomicLong RAW_CORRELATION_IDS = new AtomicLong(1_000_000);

    private final Frames frames = new Frames();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final ErrorDecoder errorDecoder = new ErrorDecoder();

    @BeforeAll
    static void startServer() throws Exception
    {
        cluster = new TestCluster(journalDir).start((config) -> config.maxSessions(64).ringThreads(3));
    }

    @AfterAll
    static void stopServer()
    {
        cluster.close();
    }

    @Test
    void shouldAnswerMalformedFrameForBlockLengthBelowTheMessage()
    {
        final RippleClient router = cluster.connect("router");
        final long correlationId = RAW_CORRELATION_IDS.incrementAndGet();
        final int length = frames.select(router.sessionId(), correlationId, 0, 2);
        frames.blockLength(10);

        assertErrorAnswer(router, correlationId, length, ErrorCode.MALFORMED_FRAME);
    }

    @Test
    void shouldAnswerUnsupportedVersion()
    {
        final RippleClient router = cluster.connect("router");
        final long correlationId = RAW_CORRELATION_IDS.incrementAndGet();
        final int length = frames.select(router.sessionId(), correlationId, 0, 2);
        frames.version(2);

        assertErrorAnswer(router, correlationId, length, ErrorCode.UNSUPPORTED_VERSION);
    }

    @Test
    void shouldAnswerUnknownTemplate()
    {
        final RippleClient router = cluster.connect("router");
        final long correlationId = RAW_CORRELATION_IDS.incrementAndGet();
        final int length = frames.select(router.sessionId(), correlationId, 0, 2);
        frames.templateId(77);

        assertErrorAnswer(router, correlationId, length, ErrorCode.UNKNOWN_TEMPLATE);
    }

    @Test
    void shouldAnswerTemplateNotAllowedForAServerMessage()
    {
        final RippleClient router = cluster.connect("router");
        final long correlationId = RAW_CORRELATION_IDS.incrementAndGet();
        final int length = frames.select(router.sessionId(), correlationId, 0, 2);
        frames.templateId(SignalAckDecoder.TEMPLATE_ID);

        assertErrorAnswer(router, correlationId, length, ErrorCode.TEMPLATE_NOT_ALLOWED);
    }

    @Test
    void shouldAnswerTruncatedMessage()
    {
        final RippleClient agent = cluster.connect("fleet-a");
        final long correlationId = RAW_CORRELATION_IDS.incrementAndGet();
        final int length = frames.signal(agent.sessionId(), correlationId, "a-truncated");

        assertErrorAnswer(agent, correlationId, length - 5, ErrorCode.TRUNCATED_MESSAGE);
    }

    @Test
    void shouldAnswerGroupTooLargeForSevenWeights()
    {
        final RippleClient router = cluster.connect("router");
        final long correlationId = RAW_CORRELATION_IDS.incrementAndGet();
        final int length = frames.select(router.sessionId(), correlationId, ProtocolLimits.MAX_WEIGHTS + 1, 2);

        assertErrorAnswer(router, correlationId, length, ErrorCode.GROUP_TOO_LARGE);
    }

    @Test
    void shouldAnswerTooManyCandidates()
    {
        final RippleClient router = cluster.connect("router");
        final long correlationId = RAW_CORRELATION_IDS.incrementAndGet();
        final int length = frames.select(router.sessionId(), correlationId, 0, ProtocolLimits.MAX_CANDIDATES + 1);

        assertErrorAnswer(router, correlationId, length, ErrorCode.TOO_MANY_CANDIDATES);
    }

    @Test
    void shouldAnswerBatchTooLarge()
    {
        final RippleClient agent = cluster.connect("fleet-a");
        final long correlationId = RAW_CORRELATION_IDS.incrementAndGet();
        final String[] ids = new String[ProtocolLimits.MAX_BATCH_SIZE + 1];
        java.util.Arrays.fill(ids, "a-1");
        final int length = frames.batch(agent.sessionId(), correlationId, ids);

        assertErrorAnswer(agent, correlationId, length, ErrorCode.BATCH_TOO_LARGE);
    }

    @Test
    void shouldAnswerMessageTooLarge()
    {
        final RippleClient agent = cluster.connect("fleet-a");
        final long correlationId = RAW_CORRELATION_IDS.incrementAndGet();
        frames.signal(agent.sessionId(), correlationId, "a-1");
        final int length = ProtocolLimits.MAX_MESSAGE_LENGTH + 1024;
        frames.buffer.setMemory(80, length - 80, (byte) 0);

        assertErrorAnswer(agent, correlationId, length, ErrorCode.MESSAGE_TOO_LARGE);
    }

    @Test
    void shouldAnswerNotAuthenticatedForSessionIdZero()
    {
        final RippleClient router = cluster.connect("router");
        final long correlationId = RAW_CORRELATION_IDS.incrementAndGet();
        final int length = frames.select(0, correlationId, 0, 2);

        assertErrorAnswer(router, correlationId, length, ErrorCode.NOT_AUTHENTICATED);
    }

    @Test
    void shouldAnswerUnknownSession()
    {
        final RippleClient router = cluster.connect("router");
        final long correlationId = RAW_CORRELATION_IDS.incrementAndGet();
        final int length = frames.select(router.sessionId() + 1, correlationId, 0, 2);

        assertErrorAnswer(router, correlationId, length, ErrorCode.UNKNOWN_SESSION);
    }

    @Test
    void shouldRefuseRequestThatSpoofsAnotherClientsSession()
    {
        final RippleClient victim = cluster.connect("fleet-a");
        final RippleClient spoofer = cluster.connect("fleet-b");
        final long correlationId = RAW_CORRELATION_IDS.incrementAndGet();
        final int length = frames.signal(victim.sessionId(), correlationId, "a-victim");

        assertErrorAnswer(spoofer, correlationId, length, ErrorCode.UNKNOWN_SESSION);
        final long victimAck = victim.signalAndAwaitAck("a-victim", SignalType.LOAD, 0.2, 1.0, 30_000);
        assertEquals(victimAck, victim.highestAckedCorrelationId());
        assertEquals(1, victim.messagesJournaled());
    }

    @Test
    void shouldRefuseWrongSecretAndUnknownPrincipal()
    {
        final RippleClientContext wrongSecret = cluster.context("router").credentials("router", "not-the-secret");
        final RippleClientContext unknown = cluster.context("router").credentials("nobody", "whatever");

        final RippleException wrongSecretError = assertThrows(RippleException.class,
            () -> RippleClient.connect(wrongSecret).close());
        final RippleException unknownError = assertThrows(RippleException.class,
            () -> RippleClient.connect(unknown).close());

        assertEquals(ErrorCode.AUTHENTICATION_FAILED, wrongSecretError.code());
        assertEquals(ErrorCode.AUTHENTICATION_FAILED, unknownError.code());
    }

    @Test
    void shouldRefuseRequestsTheRoleMayNotSend()
    {
        final RippleClient router = cluster.connect("router");
        final RippleClient agent = cluster.connect("fleet-a");

        final RippleException routerSignal = assertThrows(RippleException.class,
            () -> router.signalAndAwaitAck("a-1", SignalType.LOAD, 0.5, 1.0, 1_000));
        final RippleException agentSelect = assertThrows(RippleException.class,
            () -> agent.select(agent.selectRequest().candidate("a-1")));
        final RippleException routerProfile = assertThrows(RippleException.class,
            () -> router.defineProfile("mine", new double[]{ 1, 1, 1, 1, 1, 1 }, 0.0, ScoringModel.NEUTRAL));

        assertEquals(ErrorCode.NOT_AUTHORISED, routerSignal.code());
        assertEquals(ErrorCode.NOT_AUTHORISED, agentSelect.code());
        assertEquals(ErrorCode.NOT_AUTHORISED, routerProfile.code());
    }

    @Test
    void shouldRefuseSignalForAnotherAgentsId()
    {
        final RippleClient agent = cluster.connect("fleet-a");

        final RippleException single = assertThrows(RippleException.class,
            () -> agent.signalAndAwaitAck("b-1", SignalType.LOAD, 0.5, 1.0, 1_000));
        final long batchCorrelationId = agent.beginBatch()
            .addToBatch("a-1", SignalType.LOAD, 0.5, 1.0, 1_000)
            .addToBatch("b-2", SignalType.LOAD, 0.5, 1.0, 1_000)
            .sendBatch();
        final RippleException batch = assertThrows(RippleException.class, () -> agent.awaitAck(batchCorrelationId));

        assertEquals(ErrorCode.AGENT_NOT_PERMITTED, single.code());
        assertEquals(ErrorCode.AGENT_NOT_PERMITTED, batch.code());
        assertEquals(1, batch.itemIndex());
        assertEquals(0, agent.messagesJournaled());
    }

    @Test
    void shouldCountUnansweredUnknownSchemaInMetrics()
    {
        final RippleClient router = cluster.connect("router");
        final long correlationId = RAW_CORRELATION_IDS.incrementAndGet();
        final int length = frames.select(router.sessionId(), correlationId, 0, 2);
        frames.schemaId(999);
        final long before = rejections(router, ErrorCode.UNKNOWN_SCHEMA);

        router.sendRaw(frames.buffer, 0, length);

        long after = before;
        final long deadlineNs = System.nanoTime() + 5_000_000_000L;
        while (after == before && System.nanoTime() < deadlineNs)
        {
            after = rejections(router, ErrorCode.UNKNOWN_SCHEMA);
        }
        assertEquals(before + 1, after);
    }

    private long rejections(final RippleClient client, final ErrorCode code)
    {
        final MetricsSnapshotDecoder metrics = client.metrics();
        metrics.signalsByType().forEach((entry) -> { });
        for (final MetricsSnapshotDecoder.RejectionsByCodeDecoder entry : metrics.rejectionsByCode())
        {
            if (entry.code() == code)
            {
                return entry.rejectionCount();
            }
        }
        return 0;
    }

    private void assertErrorAnswer(
        final RippleClient client, final long correlationId, final int length, final ErrorCode expected)
    {
        client.sendRaw(frames.buffer, 0, length);

        final int templateId = client.awaitAnyAnswer(correlationId);

        assertEquals(ErrorDecoder.TEMPLATE_ID, templateId);
        headerDecoder.wrap(client.answerBuffer(), 0);
        errorDecoder.wrap(client.answerBuffer(), MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
            headerDecoder.version());
        assertEquals(expected, errorDecoder.code());
        assertEquals(correlationId, errorDecoder.correlationId());
        assertTrue(errorDecoder.reasonLength() > 0);
    }
}
