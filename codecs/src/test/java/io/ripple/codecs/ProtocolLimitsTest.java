package io.ripple.codecs;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageEncoderFlyweight;
import org.junit.jupiter.api.Test;

import static io.ripple.codecs.ProtocolLimits.MAX_AGENT_ID_LENGTH;
import static io.ripple.codecs.ProtocolLimits.MAX_BATCH_SIZE;
import static io.ripple.codecs.ProtocolLimits.MAX_CANDIDATES;
import static io.ripple.codecs.ProtocolLimits.MAX_CHANNEL_LENGTH;
import static io.ripple.codecs.ProtocolLimits.MAX_MESSAGE_LENGTH;
import static io.ripple.codecs.ProtocolLimits.MAX_NAME_LENGTH;
import static io.ripple.codecs.ProtocolLimits.MAX_POOLS_PER_AGENT;
import static io.ripple.codecs.ProtocolLimits.MAX_REASON_LENGTH;
import static io.ripple.codecs.ProtocolLimits.MAX_SECRET_LENGTH;
import static io.ripple.codecs.ProtocolLimits.MAX_WEIGHTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The largest message that the other limits allow, in each direction, still fits in {@link
 * ProtocolLimits#MAX_MESSAGE_LENGTH}; and the template classification that the gateway relies on.
 */
class ProtocolLimitsTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4 * MAX_MESSAGE_LENGTH]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();

    @Test
    void shouldFitLargestSelectInMaxMessageLength()
    {
        final SelectEncoder encoder = new SelectEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        final SelectEncoder.WeightsEncoder weights = encoder.weightsCount(MAX_WEIGHTS);
        for (int i = 0; i < MAX_WEIGHTS; i++)
        {
            weights.next().weight(1.0).signalType(SignalType.get((short) i));
        }
        final SelectEncoder.CandidatesEncoder candidates = encoder.candidatesCount(MAX_CANDIDATES);
        for (int i = 0; i < MAX_CANDIDATES; i++)
        {
            candidates.next().agentId(ascii(MAX_AGENT_ID_LENGTH));
        }
        encoder.poolName(ascii(MAX_NAME_LENGTH)).profileName(ascii(MAX_NAME_LENGTH));

        assertFits(encoder);
    }

    @Test
    void shouldFitLargestSelectResultInMaxMessageLength()
    {
        final SelectResultEncoder encoder = new SelectResultEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        final SelectResultEncoder.SelectedEncoder selected = encoder.selectedCount(MAX_CANDIDATES);
        for (int i = 0; i < MAX_CANDIDATES; i++)
        {
            selected.next().agentId(ascii(MAX_AGENT_ID_LENGTH));
        }

        assertFits(encoder);
    }

    @Test
    void shouldFitLargestSignalBatchInMaxMessageLength()
    {
        final SignalBatchEncoder encoder = new SignalBatchEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        final SignalBatchEncoder.SignalsEncoder signals = encoder.signalsCount(MAX_BATCH_SIZE);
        for (int i = 0; i < MAX_BATCH_SIZE; i++)
        {
            signals.next().agentId(ascii(MAX_AGENT_ID_LENGTH)).traceId(ascii(MAX_NAME_LENGTH));
        }

        assertFits(encoder);
    }

    @Test
    void shouldFitLargestScoresQueryAndResultInMaxMessageLength()
    {
        final ScoresQueryEncoder query = new ScoresQueryEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        final ScoresQueryEncoder.WeightsEncoder weights = query.weightsCount(MAX_WEIGHTS);
        for (int i = 0; i < MAX_WEIGHTS; i++)
        {
            weights.next().weight(1.0).signalType(SignalType.get((short) i));
        }
        final ScoresQueryEncoder.AgentsEncoder agents = query.agentsCount(MAX_CANDIDATES);
        for (int i = 0; i < MAX_CANDIDATES; i++)
        {
            agents.next().agentId(ascii(MAX_AGENT_ID_LENGTH));
        }
        query.profileName(ascii(MAX_NAME_LENGTH));
        assertFits(query);

        final ScoresResultEncoder result = new ScoresResultEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        final ScoresResultEncoder.ScoresEncoder scores = result.scoresCount(MAX_CANDIDATES);
        for (int i = 0; i < MAX_CANDIDATES; i++)
        {
            scores.next().agentId(ascii(MAX_AGENT_ID_LENGTH));
        }
        assertFits(result);
    }

    @Test
    void shouldFitLargestAgentStateInMaxMessageLength()
    {
        final AgentStateEncoder encoder = new AgentStateEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        final AgentStateEncoder.SignalsEncoder signals = encoder.signalsCount(MAX_WEIGHTS);
        for (int i = 0; i < MAX_WEIGHTS; i++)
        {
            signals.next().signalType(SignalType.get((short) i));
        }
        final AgentStateEncoder.PoolsEncoder pools = encoder.poolsCount(MAX_POOLS_PER_AGENT);
        for (int i = 0; i < MAX_POOLS_PER_AGENT; i++)
        {
            pools.next().poolName(ascii(MAX_NAME_LENGTH));
        }
        encoder.agentId(ascii(MAX_AGENT_ID_LENGTH));

        assertFits(encoder);
    }

    @Test
    void shouldFitLargestConnectAndErrorInMaxMessageLength()
    {
        final ConnectEncoder connect = new ConnectEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .principal(ascii(MAX_NAME_LENGTH))
            .secret(ascii(MAX_SECRET_LENGTH))
            .responseChannel(ascii(MAX_CHANNEL_LENGTH));
        assertFits(connect);

        final ErrorEncoder error = new ErrorEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .reason(ascii(MAX_REASON_LENGTH));
        assertFits(error);
    }

    @Test
    void shouldAllowClientsOnlyTheRequestTemplates()
    {
        final int[] requests =
        {
            ConnectEncoder.TEMPLATE_ID, HeartbeatEncoder.TEMPLATE_ID, DisconnectEncoder.TEMPLATE_ID,
            SignalEncoder.TEMPLATE_ID, SignalBatchEncoder.TEMPLATE_ID, SelectEncoder.TEMPLATE_ID,
            ScoresQueryEncoder.TEMPLATE_ID, AgentStateQueryEncoder.TEMPLATE_ID, MetricsQueryEncoder.TEMPLATE_ID,
            PredictOverloadEncoder.TEMPLATE_ID, SubscribeOverloadWarningsEncoder.TEMPLATE_ID,
            DefineProfileEncoder.TEMPLATE_ID, JoinPoolEncoder.TEMPLATE_ID, LeavePoolEncoder.TEMPLATE_ID,
            RegisterAgentEncoder.TEMPLATE_ID,
        };
        final int[] notRequests =
        {
            0, ConnectAcceptedEncoder.TEMPLATE_ID, ConnectRejectedEncoder.TEMPLATE_ID, SignalAckEncoder.TEMPLATE_ID,
            SelectResultEncoder.TEMPLATE_ID, ScoresResultEncoder.TEMPLATE_ID, AgentStateEncoder.TEMPLATE_ID,
            MetricsSnapshotEncoder.TEMPLATE_ID, OverloadPredictionEncoder.TEMPLATE_ID,
            OverloadWarningEncoder.TEMPLATE_ID, OperationAckEncoder.TEMPLATE_ID, ErrorEncoder.TEMPLATE_ID,
            TimerEventEncoder.TEMPLATE_ID, SessionOpenedEncoder.TEMPLATE_ID, SessionClosedEncoder.TEMPLATE_ID,
            SnapshotHeaderEncoder.TEMPLATE_ID, SnapshotChunkEncoder.TEMPLATE_ID, 99, 100, 65_535,
        };

        for (final int templateId : requests)
        {
            assertTrue(ProtocolLimits.isClientRequest(templateId), () -> "template " + templateId);
        }
        for (final int templateId : notRequests)
        {
            assertFalse(ProtocolLimits.isClientRequest(templateId), () -> "template " + templateId);
        }
    }

    @Test
    void shouldClassifyOnlyTemplates90To99AsInternal()
    {
        assertFalse(ProtocolLimits.isInternal(ErrorEncoder.TEMPLATE_ID));
        assertTrue(ProtocolLimits.isInternal(TimerEventEncoder.TEMPLATE_ID));
        assertTrue(ProtocolLimits.isInternal(99));
        assertFalse(ProtocolLimits.isInternal(100));
        assertEquals(90, TimerEventEncoder.TEMPLATE_ID);
    }

    private static String ascii(final int length)
    {
        return "x".repeat(length);
    }

    private static void assertFits(final MessageEncoderFlyweight encoder)
    {
        final int messageLength = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();

        assertTrue(
            messageLength <= MAX_MESSAGE_LENGTH,
            () -> encoder.getClass().getSimpleName() + " needs " + messageLength + " bytes");
    }
}
