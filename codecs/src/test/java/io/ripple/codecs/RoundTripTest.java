package io.ripple.codecs;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;
import org.agrona.sbe.MessageEncoderFlyweight;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every message of the schema encoded with its header and decoded again: all fields, groups and var data come back
 * equal and the decoder consumes exactly the bytes the encoder wrote. {@code SchemaTest} checks that each message in
 * the schema has a test named {@code shouldRoundTrip<MessageName>} here.
 */
class RoundTripTest
{
    private static final int OFFSET = 16;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 * 1024]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    // Sessions

    @Test
    void shouldRoundTripConnect()
    {
        final ConnectEncoder encoder = new ConnectEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(0)
            .correlationId(1)
            .responseStreamId(1002)
            .principal("router-eu-1")
            .secret("correct-horse")
            .responseChannel("aeron:udp?endpoint=10.0.0.7:40124|mtu=8k");

        final ConnectDecoder decoder = new ConnectDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(0, decoder.sessionId());
        assertEquals(1, decoder.correlationId());
        assertEquals(1002, decoder.responseStreamId());
        assertEquals("router-eu-1", decoder.principal());
        assertEquals("correct-horse", decoder.secret());
        assertEquals("aeron:udp?endpoint=10.0.0.7:40124|mtu=8k", decoder.responseChannel());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripConnectAccepted()
    {
        final ConnectAcceptedEncoder encoder = new ConnectAcceptedEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(1)
            .sessionId(0x7E57_0000_0001L)
            .heartbeatIntervalMs(1_000)
            .sessionTimeoutMs(10_000)
            .maxMessageLength(ProtocolLimits.MAX_MESSAGE_LENGTH)
            .maxBatchSize(ProtocolLimits.MAX_BATCH_SIZE)
            .maxCandidates(ProtocolLimits.MAX_CANDIDATES)
            .maxAgentIdLength((short) ProtocolLimits.MAX_AGENT_ID_LENGTH)
            .role(Role.ROUTER);

        final ConnectAcceptedDecoder decoder = new ConnectAcceptedDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(1, decoder.correlationId());
        assertEquals(0x7E57_0000_0001L, decoder.sessionId());
        assertEquals(1_000, decoder.heartbeatIntervalMs());
        assertEquals(10_000, decoder.sessionTimeoutMs());
        assertEquals(ProtocolLimits.MAX_MESSAGE_LENGTH, decoder.maxMessageLength());
        assertEquals(ProtocolLimits.MAX_BATCH_SIZE, decoder.maxBatchSize());
        assertEquals(ProtocolLimits.MAX_CANDIDATES, decoder.maxCandidates());
        assertEquals(ProtocolLimits.MAX_AGENT_ID_LENGTH, decoder.maxAgentIdLength());
        assertEquals(Role.ROUTER, decoder.role());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripConnectRejected()
    {
        final ConnectRejectedEncoder encoder = new ConnectRejectedEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(1)
            .code(ErrorCode.AUTHENTICATION_FAILED)
            .reason("unknown principal or wrong secret");

        final ConnectRejectedDecoder decoder = new ConnectRejectedDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(1, decoder.correlationId());
        assertEquals(ErrorCode.AUTHENTICATION_FAILED, decoder.code());
        assertEquals("unknown principal or wrong secret", decoder.reason());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripHeartbeat()
    {
        final HeartbeatEncoder encoder = new HeartbeatEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(77)
            .correlationId(12)
            .timestampNs(1_700_000_000_123_456_789L);

        final HeartbeatDecoder decoder = new HeartbeatDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(77, decoder.sessionId());
        assertEquals(12, decoder.correlationId());
        assertEquals(1_700_000_000_123_456_789L, decoder.timestampNs());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripDisconnect()
    {
        final DisconnectEncoder encoder = new DisconnectEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(77)
            .correlationId(13)
            .reason(SessionCloseReason.CLIENT_REQUEST);

        final DisconnectDecoder decoder = new DisconnectDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(77, decoder.sessionId());
        assertEquals(13, decoder.correlationId());
        assertEquals(SessionCloseReason.CLIENT_REQUEST, decoder.reason());
        assertFullyDecoded(encoder, decoder);
    }

    // Signals

    @Test
    void shouldRoundTripSignal()
    {
        final SignalEncoder encoder = new SignalEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(77)
            .correlationId(100)
            .value(0.3125)
            .confidence(0.9)
            .ttlMs(86_400_000L)
            .signalType(SignalType.AVAILABILITY)
            .agentId("agent.eu-west/7:worker@pool-a")
            .traceId("4bf92f3577b34da6");

        final SignalDecoder decoder = new SignalDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(77, decoder.sessionId());
        assertEquals(100, decoder.correlationId());
        assertEquals(0.3125, decoder.value());
        assertEquals(0.9, decoder.confidence());
        assertEquals(86_400_000L, decoder.ttlMs());
        assertEquals(SignalType.AVAILABILITY, decoder.signalType());
        assertEquals("agent.eu-west/7:worker@pool-a", decoder.agentId());
        assertEquals("4bf92f3577b34da6", decoder.traceId());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripSignalBatch()
    {
        final SignalBatchEncoder encoder = new SignalBatchEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(77)
            .correlationId(101);
        final SignalBatchEncoder.SignalsEncoder signals = encoder.signalsCount(SignalType.values().length - 1);
        for (int i = 0; i < SignalType.values().length - 1; i++)
        {
            signals.next()
                .value(i / 8.0)
                .confidence(1.0 - i / 16.0)
                .ttlMs(1_000L * (i + 1))
                .signalType(SignalType.get((short) i))
                .agentId("agent-" + i)
                .traceId(i % 2 == 0 ? "" : "trace-" + i);
        }

        final SignalBatchDecoder decoder = new SignalBatchDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(77, decoder.sessionId());
        assertEquals(101, decoder.correlationId());
        final SignalBatchDecoder.SignalsDecoder entries = decoder.signals();
        assertEquals(6, entries.count());
        for (int i = 0; i < 6; i++)
        {
            entries.next();
            assertEquals(i / 8.0, entries.value());
            assertEquals(1.0 - i / 16.0, entries.confidence());
            assertEquals(1_000L * (i + 1), entries.ttlMs());
            assertEquals(SignalType.get((short) i), entries.signalType());
            assertEquals("agent-" + i, entries.agentId());
            assertEquals(i % 2 == 0 ? "" : "trace-" + i, entries.traceId());
        }
        assertFalse(entries.hasNext());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripSignalAck()
    {
        final SignalAckEncoder encoder = new SignalAckEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(101)
            .messagesJournaled(2);

        final SignalAckDecoder decoder = new SignalAckDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(101, decoder.correlationId());
        assertEquals(2, decoder.messagesJournaled());
        assertFullyDecoded(encoder, decoder);
    }

    // Selection

    @Test
    void shouldRoundTripSelect()
    {
        final SelectEncoder encoder = new SelectEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(77)
            .correlationId(200)
            .k(3);
        encoder.weightsCount(3)
            .next().weight(0.5).signalType(SignalType.LOAD)
            .next().weight(0.3).signalType(SignalType.COST)
            .next().weight(0.2).signalType(SignalType.LATENCY);
        final SelectEncoder.CandidatesEncoder candidates = encoder.candidatesCount(100);
        for (int i = 0; i < 100; i++)
        {
            candidates.next().agentId("candidate-" + i);
        }
        encoder.poolName("").profileName("");

        final SelectDecoder decoder = new SelectDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(77, decoder.sessionId());
        assertEquals(200, decoder.correlationId());
        assertEquals(3, decoder.k());
        final SelectDecoder.WeightsDecoder weights = decoder.weights();
        assertEquals(3, weights.count());
        assertEquals(0.5, weights.next().weight());
        assertEquals(SignalType.LOAD, weights.signalType());
        assertEquals(0.3, weights.next().weight());
        assertEquals(SignalType.COST, weights.signalType());
        assertEquals(0.2, weights.next().weight());
        assertEquals(SignalType.LATENCY, weights.signalType());
        final SelectDecoder.CandidatesDecoder decodedCandidates = decoder.candidates();
        assertEquals(100, decodedCandidates.count());
        for (int i = 0; i < 100; i++)
        {
            assertEquals("candidate-" + i, decodedCandidates.next().agentId());
        }
        assertEquals("", decoder.poolName());
        assertEquals("", decoder.profileName());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripSelectFromPoolWithProfile()
    {
        final SelectEncoder encoder = new SelectEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(77)
            .correlationId(201)
            .k(1);
        encoder.weightsCount(0);
        encoder.candidatesCount(0);
        encoder.poolName("gpu-inference").profileName("reference");

        final SelectDecoder decoder = new SelectDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(201, decoder.correlationId());
        assertEquals(1, decoder.k());
        assertEquals(0, decoder.weights().count());
        assertEquals(0, decoder.candidates().count());
        assertEquals("gpu-inference", decoder.poolName());
        assertEquals("reference", decoder.profileName());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripSelectResult()
    {
        final SelectResultEncoder encoder = new SelectResultEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(200);
        final SelectResultEncoder.SelectedEncoder selected = encoder.selectedCount(3);
        for (int i = 0; i < 3; i++)
        {
            selected.next()
                .routingScore(0.9 - i * 0.1)
                .loadScore(0.11 + i)
                .capacityScore(0.22 + i)
                .qualityScore(0.33 + i)
                .costScore(0.44 + i)
                .latencyScore(0.55 + i)
                .availabilityScore(0.66 + i)
                .inFlightCount(10 + i)
                .candidateIndex(99 - i)
                .agentId("candidate-" + (99 - i));
        }

        final SelectResultDecoder decoder = new SelectResultDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(200, decoder.correlationId());
        final SelectResultDecoder.SelectedDecoder entries = decoder.selected();
        assertEquals(3, entries.count());
        for (int i = 0; i < 3; i++)
        {
            entries.next();
            assertEquals(0.9 - i * 0.1, entries.routingScore());
            assertEquals(0.11 + i, entries.loadScore());
            assertEquals(0.22 + i, entries.capacityScore());
            assertEquals(0.33 + i, entries.qualityScore());
            assertEquals(0.44 + i, entries.costScore());
            assertEquals(0.55 + i, entries.latencyScore());
            assertEquals(0.66 + i, entries.availabilityScore());
            assertEquals(10 + i, entries.inFlightCount());
            assertEquals(99 - i, entries.candidateIndex());
            assertEquals("candidate-" + (99 - i), entries.agentId());
        }
        assertFullyDecoded(encoder, decoder);
    }

    // Queries

    @Test
    void shouldRoundTripScoresQuery()
    {
        final ScoresQueryEncoder encoder = new ScoresQueryEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(77)
            .correlationId(300);
        encoder.weightsCount(1).next().weight(1.0).signalType(SignalType.QUALITY);
        encoder.agentsCount(2)
            .next().agentId("a-7")
            .next().agentId("a-2");
        encoder.profileName("cheap-first");

        final ScoresQueryDecoder decoder = new ScoresQueryDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(77, decoder.sessionId());
        assertEquals(300, decoder.correlationId());
        final ScoresQueryDecoder.WeightsDecoder weights = decoder.weights();
        assertEquals(1, weights.count());
        assertEquals(1.0, weights.next().weight());
        assertEquals(SignalType.QUALITY, weights.signalType());
        final ScoresQueryDecoder.AgentsDecoder agents = decoder.agents();
        assertEquals(2, agents.count());
        assertEquals("a-7", agents.next().agentId());
        assertEquals("a-2", agents.next().agentId());
        assertEquals("cheap-first", decoder.profileName());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripScoresResult()
    {
        final ScoresResultEncoder encoder = new ScoresResultEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(300);
        encoder.scoresCount(2)
            .next()
            .routingScore(0.5556427627161951)
            .loadScore(0.5).capacityScore(0.5).qualityScore(0.5).costScore(0.87).latencyScore(0.5)
            .availabilityScore(0.5)
            .known(BooleanType.TRUE)
            .agentId("a-7")
            .next()
            .routingScore(0.5)
            .loadScore(0.5).capacityScore(0.5).qualityScore(0.5).costScore(0.5).latencyScore(0.5)
            .availabilityScore(0.5)
            .known(BooleanType.FALSE)
            .agentId("a-2");

        final ScoresResultDecoder decoder = new ScoresResultDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(300, decoder.correlationId());
        final ScoresResultDecoder.ScoresDecoder scores = decoder.scores();
        assertEquals(2, scores.count());
        scores.next();
        assertEquals(0.5556427627161951, scores.routingScore());
        assertEquals(0.5, scores.loadScore());
        assertEquals(0.5, scores.capacityScore());
        assertEquals(0.5, scores.qualityScore());
        assertEquals(0.87, scores.costScore());
        assertEquals(0.5, scores.latencyScore());
        assertEquals(0.5, scores.availabilityScore());
        assertEquals(BooleanType.TRUE, scores.known());
        assertEquals("a-7", scores.agentId());
        scores.next();
        assertEquals(0.5, scores.routingScore());
        assertEquals(0.5, scores.costScore());
        assertEquals(BooleanType.FALSE, scores.known());
        assertEquals("a-2", scores.agentId());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripAgentStateQuery()
    {
        final AgentStateQueryEncoder encoder = new AgentStateQueryEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(77)
            .correlationId(301)
            .agentId("a-7")
            .profileName("default");

        final AgentStateQueryDecoder decoder = new AgentStateQueryDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(77, decoder.sessionId());
        assertEquals(301, decoder.correlationId());
        assertEquals("a-7", decoder.agentId());
        assertEquals("default", decoder.profileName());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripAgentState()
    {
        final AgentStateEncoder encoder = new AgentStateEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(301)
            .timestampNs(1_700_000_000_000_000_000L)
            .routingScore(0.61)
            .loadScore(0.71)
            .capacityScore(0.5)
            .qualityScore(0.93)
            .costScore(0.5)
            .latencyScore(0.5)
            .availabilityScore(0.5)
            .inFlightCount(4)
            .historySize(100);
        encoder.signalsCount(2)
            .next()
            .ageMs(1_500).ttlMs(10_000).value(0.25).confidence(0.8).decayFactor(0.6376281516217733)
            .score(0.71).signalType(SignalType.LOAD).expired(BooleanType.FALSE)
            .next()
            .ageMs(20_000).ttlMs(10_000).value(0.9).confidence(1.0).decayFactor(0.0024787521766663585)
            .score(0.5).signalType(SignalType.QUALITY).expired(BooleanType.TRUE);
        encoder.poolsCount(2)
            .next().poolName("gpu")
            .next().poolName("eu-west");
        encoder.agentId("a-7");

        final AgentStateDecoder decoder = new AgentStateDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(301, decoder.correlationId());
        assertEquals(1_700_000_000_000_000_000L, decoder.timestampNs());
        assertEquals(0.61, decoder.routingScore());
        assertEquals(0.71, decoder.loadScore());
        assertEquals(0.5, decoder.capacityScore());
        assertEquals(0.93, decoder.qualityScore());
        assertEquals(0.5, decoder.costScore());
        assertEquals(0.5, decoder.latencyScore());
        assertEquals(0.5, decoder.availabilityScore());
        assertEquals(4, decoder.inFlightCount());
        assertEquals(100, decoder.historySize());
        final AgentStateDecoder.SignalsDecoder signals = decoder.signals();
        assertEquals(2, signals.count());
        signals.next();
        assertEquals(1_500, signals.ageMs());
        assertEquals(10_000, signals.ttlMs());
        assertEquals(0.25, signals.value());
        assertEquals(0.8, signals.confidence());
        assertEquals(0.6376281516217733, signals.decayFactor());
        assertEquals(0.71, signals.score());
        assertEquals(SignalType.LOAD, signals.signalType());
        assertEquals(BooleanType.FALSE, signals.expired());
        signals.next();
        assertEquals(20_000, signals.ageMs());
        assertEquals(10_000, signals.ttlMs());
        assertEquals(0.9, signals.value());
        assertEquals(1.0, signals.confidence());
        assertEquals(0.0024787521766663585, signals.decayFactor());
        assertEquals(0.5, signals.score());
        assertEquals(SignalType.QUALITY, signals.signalType());
        assertEquals(BooleanType.TRUE, signals.expired());
        final AgentStateDecoder.PoolsDecoder pools = decoder.pools();
        assertEquals(2, pools.count());
        assertEquals("gpu", pools.next().poolName());
        assertEquals("eu-west", pools.next().poolName());
        assertEquals("a-7", decoder.agentId());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripMetricsQuery()
    {
        final MetricsQueryEncoder encoder = new MetricsQueryEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(77)
            .correlationId(302);

        final MetricsQueryDecoder decoder = new MetricsQueryDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(77, decoder.sessionId());
        assertEquals(302, decoder.correlationId());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripMetricsSnapshot()
    {
        final MetricsSnapshotEncoder encoder = new MetricsSnapshotEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(302)
            .timestampNs(1_700_000_000_000_000_001L)
            .selections(1_000_001)
            .predictions(1_002)
            .expirations(30_003)
            .evictions(404)
            .warnings(5)
            .agentsTracked(65_536)
            .sessions(12);
        final MetricsSnapshotEncoder.SignalsByTypeEncoder byType = encoder.signalsByTypeCount(6);
        for (int i = 0; i < 6; i++)
        {
            byType.next().signalCount(1_000_000L * (i + 1)).signalType(SignalType.get((short) i));
        }
        encoder.rejectionsByCodeCount(2)
            .next().rejectionCount(17).code(ErrorCode.VALUE_NAN)
            .next().rejectionCount(3).code(ErrorCode.RATE_LIMITED);

        final MetricsSnapshotDecoder decoder = new MetricsSnapshotDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(302, decoder.correlationId());
        assertEquals(1_700_000_000_000_000_001L, decoder.timestampNs());
        assertEquals(1_000_001, decoder.selections());
        assertEquals(1_002, decoder.predictions());
        assertEquals(30_003, decoder.expirations());
        assertEquals(404, decoder.evictions());
        assertEquals(5, decoder.warnings());
        assertEquals(65_536, decoder.agentsTracked());
        assertEquals(12, decoder.sessions());
        final MetricsSnapshotDecoder.SignalsByTypeDecoder decodedByType = decoder.signalsByType();
        assertEquals(6, decodedByType.count());
        for (int i = 0; i < 6; i++)
        {
            decodedByType.next();
            assertEquals(1_000_000L * (i + 1), decodedByType.signalCount());
            assertEquals(SignalType.get((short) i), decodedByType.signalType());
        }
        final MetricsSnapshotDecoder.RejectionsByCodeDecoder rejections = decoder.rejectionsByCode();
        assertEquals(2, rejections.count());
        assertEquals(17, rejections.next().rejectionCount());
        assertEquals(ErrorCode.VALUE_NAN, rejections.code());
        assertEquals(3, rejections.next().rejectionCount());
        assertEquals(ErrorCode.RATE_LIMITED, rejections.code());
        assertFullyDecoded(encoder, decoder);
    }

    // Prediction

    @Test
    void shouldRoundTripPredictOverload()
    {
        final PredictOverloadEncoder encoder = new PredictOverloadEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(77)
            .correlationId(400)
            .horizonMs(60_000)
            .threshold(0.8)
            .agentId("a-5");

        final PredictOverloadDecoder decoder = new PredictOverloadDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(77, decoder.sessionId());
        assertEquals(400, decoder.correlationId());
        assertEquals(60_000, decoder.horizonMs());
        assertEquals(0.8, decoder.threshold());
        assertEquals("a-5", decoder.agentId());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripOverloadPrediction()
    {
        final OverloadPredictionEncoder encoder = new OverloadPredictionEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(400)
            .predictedLoad(0.97)
            .samplesUsed(10)
            .willOverload(BooleanType.TRUE);

        final OverloadPredictionDecoder decoder = new OverloadPredictionDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(400, decoder.correlationId());
        assertEquals(0.97, decoder.predictedLoad());
        assertEquals(10, decoder.samplesUsed());
        assertEquals(BooleanType.TRUE, decoder.willOverload());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripSubscribeOverloadWarnings()
    {
        final SubscribeOverloadWarningsEncoder encoder = new SubscribeOverloadWarningsEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(77)
            .correlationId(401)
            .subscribe(BooleanType.TRUE);

        final SubscribeOverloadWarningsDecoder decoder = new SubscribeOverloadWarningsDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(77, decoder.sessionId());
        assertEquals(401, decoder.correlationId());
        assertEquals(BooleanType.TRUE, decoder.subscribe());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripOverloadWarning()
    {
        final OverloadWarningEncoder encoder = new OverloadWarningEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .timestampNs(1_700_000_000_500_000_000L)
            .horizonMs(60_000)
            .predictedLoad(0.86)
            .threshold(0.8)
            .agentId("a-5");

        final OverloadWarningDecoder decoder = new OverloadWarningDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(1_700_000_000_500_000_000L, decoder.timestampNs());
        assertEquals(60_000, decoder.horizonMs());
        assertEquals(0.86, decoder.predictedLoad());
        assertEquals(0.8, decoder.threshold());
        assertEquals("a-5", decoder.agentId());
        assertFullyDecoded(encoder, decoder);
    }

    // Administration

    @Test
    void shouldRoundTripDefineProfile()
    {
        final DefineProfileEncoder encoder = new DefineProfileEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(78)
            .correlationId(500)
            .loadWeight(0.4)
            .capacityWeight(0.1)
            .qualityWeight(0.2)
            .costWeight(0.05)
            .latencyWeight(0.15)
            .availabilityWeight(0.1)
            .inFlightPenalty(0.05)
            .model(ScoringModel.NEUTRAL)
            .profileName("latency-sensitive");

        final DefineProfileDecoder decoder = new DefineProfileDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(78, decoder.sessionId());
        assertEquals(500, decoder.correlationId());
        assertEquals(0.4, decoder.loadWeight());
        assertEquals(0.1, decoder.capacityWeight());
        assertEquals(0.2, decoder.qualityWeight());
        assertEquals(0.05, decoder.costWeight());
        assertEquals(0.15, decoder.latencyWeight());
        assertEquals(0.1, decoder.availabilityWeight());
        assertEquals(0.05, decoder.inFlightPenalty());
        assertEquals(ScoringModel.NEUTRAL, decoder.model());
        assertEquals("latency-sensitive", decoder.profileName());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripJoinPool()
    {
        final JoinPoolEncoder encoder = new JoinPoolEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(78)
            .correlationId(501)
            .agentId("a-9")
            .poolName("gpu");

        final JoinPoolDecoder decoder = new JoinPoolDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(78, decoder.sessionId());
        assertEquals(501, decoder.correlationId());
        assertEquals("a-9", decoder.agentId());
        assertEquals("gpu", decoder.poolName());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripLeavePool()
    {
        final LeavePoolEncoder encoder = new LeavePoolEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(78)
            .correlationId(502)
            .agentId("a-9")
            .poolName("gpu");

        final LeavePoolDecoder decoder = new LeavePoolDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(78, decoder.sessionId());
        assertEquals(502, decoder.correlationId());
        assertEquals("a-9", decoder.agentId());
        assertEquals("gpu", decoder.poolName());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripRegisterAgent()
    {
        final RegisterAgentEncoder encoder = new RegisterAgentEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(78)
            .correlationId(503)
            .agentId("a-10");

        final RegisterAgentDecoder decoder = new RegisterAgentDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(78, decoder.sessionId());
        assertEquals(503, decoder.correlationId());
        assertEquals("a-10", decoder.agentId());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripOperationAck()
    {
        final OperationAckEncoder encoder = new OperationAckEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(503)
            .templateId(RegisterAgentEncoder.TEMPLATE_ID);

        final OperationAckDecoder decoder = new OperationAckDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(503, decoder.correlationId());
        assertEquals(RegisterAgentEncoder.TEMPLATE_ID, decoder.templateId());
        assertFullyDecoded(encoder, decoder);
    }

    // Error

    @Test
    void shouldRoundTripError()
    {
        final ErrorEncoder encoder = new ErrorEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .correlationId(200)
            .templateId(SelectEncoder.TEMPLATE_ID)
            .itemIndex(ErrorEncoder.itemIndexNullValue())
            .code(ErrorCode.TOO_MANY_CANDIDATES)
            .reason("2000 candidates, at most 1024");

        final ErrorDecoder decoder = new ErrorDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(200, decoder.correlationId());
        assertEquals(SelectEncoder.TEMPLATE_ID, decoder.templateId());
        assertEquals(ErrorDecoder.itemIndexNullValue(), decoder.itemIndex());
        assertEquals(ErrorCode.TOO_MANY_CANDIDATES, decoder.code());
        assertEquals("2000 candidates, at most 1024", decoder.reason());
        assertFullyDecoded(encoder, decoder);
    }

    // Internal

    @Test
    void shouldRoundTripTimerEvent()
    {
        final TimerEventEncoder encoder = new TimerEventEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .timestampNs(1_700_000_001_000_000_000L)
            .kind(TimerKind.HEARTBEAT_CHECK);

        final TimerEventDecoder decoder = new TimerEventDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(1_700_000_001_000_000_000L, decoder.timestampNs());
        assertEquals(TimerKind.HEARTBEAT_CHECK, decoder.kind());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripSessionOpened()
    {
        final SessionOpenedEncoder encoder = new SessionOpenedEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .timestampNs(1_700_000_000_000_000_002L)
            .sessionId(77)
            .responseStreamId(1002)
            .role(Role.AGENT)
            .principal("agents-eu")
            .responseChannel("aeron:ipc");

        final SessionOpenedDecoder decoder = new SessionOpenedDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(1_700_000_000_000_000_002L, decoder.timestampNs());
        assertEquals(77, decoder.sessionId());
        assertEquals(1002, decoder.responseStreamId());
        assertEquals(Role.AGENT, decoder.role());
        assertEquals("agents-eu", decoder.principal());
        assertEquals("aeron:ipc", decoder.responseChannel());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripSessionClosed()
    {
        final SessionClosedEncoder encoder = new SessionClosedEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .timestampNs(1_700_000_000_000_000_003L)
            .sessionId(77)
            .reason(SessionCloseReason.TIMEOUT);

        final SessionClosedDecoder decoder = new SessionClosedDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(1_700_000_000_000_000_003L, decoder.timestampNs());
        assertEquals(77, decoder.sessionId());
        assertEquals(SessionCloseReason.TIMEOUT, decoder.reason());
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripSnapshotHeader()
    {
        final byte[] state = engineStateBytes(4_000);
        final SnapshotHeaderEncoder encoder = new SnapshotHeaderEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .journalIndex(123_456_789L)
            .timestampNs(1_700_000_000_000_000_004L)
            .engineStateLength(10_000)
            .checksum(0xCAFE_F00DL)
            .engineStateVersion(3)
            .putEngineStateChunk(state, 0, state.length);

        final SnapshotHeaderDecoder decoder = new SnapshotHeaderDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(123_456_789L, decoder.journalIndex());
        assertEquals(1_700_000_000_000_000_004L, decoder.timestampNs());
        assertEquals(10_000, decoder.engineStateLength());
        assertEquals(0xCAFE_F00DL, decoder.checksum());
        assertEquals(3, decoder.engineStateVersion());
        final byte[] decodedState = new byte[decoder.engineStateChunkLength()];
        decoder.getEngineStateChunk(decodedState, 0, decodedState.length);
        assertArrayEquals(state, decodedState);
        assertFullyDecoded(encoder, decoder);
    }

    @Test
    void shouldRoundTripSnapshotChunk()
    {
        final byte[] state = engineStateBytes(6_000);
        final SnapshotChunkEncoder encoder = new SnapshotChunkEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .journalIndex(123_456_789L)
            .chunkOffset(4_000)
            .putEngineStateChunk(state, 0, state.length);

        final SnapshotChunkDecoder decoder = new SnapshotChunkDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);

        assertHeaderOf(encoder);
        assertEquals(123_456_789L, decoder.journalIndex());
        assertEquals(4_000, decoder.chunkOffset());
        final byte[] decodedState = new byte[decoder.engineStateChunkLength()];
        decoder.getEngineStateChunk(decodedState, 0, decodedState.length);
        assertArrayEquals(state, decodedState);
        assertFullyDecoded(encoder, decoder);
    }

    private static byte[] engineStateBytes(final int length)
    {
        final byte[] state = new byte[length];
        for (int i = 0; i < length; i++)
        {
            state[i] = (byte) (i * 31 + 7);
        }

        return state;
    }

    private void assertHeaderOf(final MessageEncoderFlyweight encoder)
    {
        headerDecoder.wrap(buffer, OFFSET);

        assertEquals(encoder.sbeBlockLength(), headerDecoder.blockLength());
        assertEquals(encoder.sbeTemplateId(), headerDecoder.templateId());
        assertEquals(7301, headerDecoder.schemaId());
        assertEquals(1, headerDecoder.version());
    }

    private static void assertFullyDecoded(final MessageEncoderFlyweight encoder, final MessageDecoderFlyweight decoder)
    {
        assertEquals(encoder.encodedLength(), decoder.encodedLength(), "bytes written and bytes read");
    }
}
