package io.ripple.journal;

import io.ripple.codecs.AgentStateQueryEncoder;
import io.ripple.codecs.BooleanType;
import io.ripple.codecs.DefineProfileEncoder;
import io.ripple.codecs.JoinPoolEncoder;
import io.ripple.codecs.LeavePoolEncoder;
import io.ripple.codecs.MessageHeaderEncoder;
import io.ripple.codecs.MetricsQueryEncoder;
import io.ripple.codecs.PredictOverloadEncoder;
import io.ripple.codecs.RegisterAgentEncoder;
import io.ripple.codecs.ScoresQueryEncoder;
import io.ripple.codecs.ScoringModel;
import io.ripple.codecs.SelectEncoder;
import io.ripple.codecs.SessionOpenedEncoder;
import io.ripple.codecs.SignalBatchEncoder;
import io.ripple.codecs.SignalEncoder;
import io.ripple.codecs.SignalType;
import io.ripple.codecs.SubscribeOverloadWarningsEncoder;
import io.ripple.codecs.TimerEventEncoder;
import io.ripple.codecs.TimerKind;
import io.ripple.codecs.Role;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes requests for tests into one reusable buffer; each method returns the message length, header included.
 */
public final class TestMessages
{
    public final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256 * 1024]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    public int signal(
        final long correlationId, final String agentId, final SignalType type, final double value, final long ttlMs)
    {
        return signal(correlationId, agentId, type, value, 1.0, ttlMs);
    }

    public int signal(
        final long correlationId,
        final String agentId,
        final SignalType type,
        final double value,
        final double confidence,
        final long ttlMs)
    {
        final SignalEncoder encoder = new SignalEncoder().wrapAndApplyHeader(buffer, 0, header)
            .sessionId(1)
            .correlationId(correlationId)
            .value(value)
            .confidence(confidence)
            .ttlMs(ttlMs)
            .signalType(type)
            .agentId(agentId)
            .traceId("");
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public int signalBatch(
        final long correlationId, final String[] agentIds, final SignalType type, final double[] values)
    {
        final SignalBatchEncoder encoder = new SignalBatchEncoder().wrapAndApplyHeader(buffer, 0, header)
            .sessionId(1)
            .correlationId(correlationId);
        final SignalBatchEncoder.SignalsEncoder signals = encoder.signalsCount(agentIds.length);
        for (int i = 0; i < agentIds.length; i++)
        {
            signals.next().value(values[i]).confidence(1.0).ttlMs(60_000).signalType(type)
                .agentId(agentIds[i]).traceId("t-" + i);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public int select(
        final long correlationId, final int k, final String profile, final String pool, final String... candidates)
    {
        return selectWithWeights(correlationId, k, profile, null, pool, candidates);
    }

    public int selectWithWeights(
        final long correlationId,
        final int k,
        final String profile,
        final double[] weights,
        final String pool,
        final String... candidates)
    {
        final SelectEncoder encoder = new SelectEncoder().wrapAndApplyHeader(buffer, 0, header)
            .sessionId(1)
            .correlationId(correlationId)
            .k(k);
        final SelectEncoder.WeightsEncoder weightsEncoder = encoder.weightsCount(null == weights ? 0 : weights.length);
        for (int i = 0; null != weights && i < weights.length; i++)
        {
            weightsEncoder.next().weight(weights[i]).signalType(SignalType.get((short) (i % 6)));
        }
        final SelectEncoder.CandidatesEncoder candidatesEncoder = encoder.candidatesCount(candidates.length);
        for (final String candidate : candidates)
        {
            candidatesEncoder.next().agentId(candidate);
        }
        encoder.poolName(null == pool ? "" : pool).profileName(null == profile ? "" : profile);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public int scores(final long correlationId, final String profile, final String... agents)
    {
        final ScoresQueryEncoder encoder = new ScoresQueryEncoder().wrapAndApplyHeader(buffer, 0, header)
            .sessionId(1)
            .correlationId(correlationId);
        encoder.weightsCount(0);
        final ScoresQueryEncoder.AgentsEncoder agentsEncoder = encoder.agentsCount(agents.length);
        for (final String agent : agents)
        {
            agentsEncoder.next().agentId(agent);
        }
        encoder.profileName(null == profile ? "" : profile);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public int agentState(final long correlationId, final String agentId)
    {
        final AgentStateQueryEncoder encoder = new AgentStateQueryEncoder().wrapAndApplyHeader(buffer, 0, header)
            .sessionId(1)
            .correlationId(correlationId)
            .agentId(agentId)
            .profileName("");
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public int metrics(final long correlationId)
    {
        final MetricsQueryEncoder encoder = new MetricsQueryEncoder().wrapAndApplyHeader(buffer, 0, header)
            .sessionId(1)
            .correlationId(correlationId);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public int predict(final long correlationId, final String agentId, final long horizonMs, final double threshold)
    {
        final PredictOverloadEncoder encoder = new PredictOverloadEncoder().wrapAndApplyHeader(buffer, 0, header)
            .sessionId(1)
            .correlationId(correlationId)
            .horizonMs(horizonMs)
            .threshold(threshold)
            .agentId(agentId);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public int subscribe(final long correlationId, final boolean subscribe)
    {
        final SubscribeOverloadWarningsEncoder encoder = new SubscribeOverloadWarningsEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .sessionId(1)
            .correlationId(correlationId)
            .subscribe(subscribe ? BooleanType.TRUE : BooleanType.FALSE);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public int defineProfile(
        final long correlationId, final String name, final double[] weights, final double penalty)
    {
        final DefineProfileEncoder encoder = new DefineProfileEncoder().wrapAndApplyHeader(buffer, 0, header)
            .sessionId(1)
            .correlationId(correlationId)
            .loadWeight(weights[0])
            .capacityWeight(weights[1])
            .qualityWeight(weights[2])
            .costWeight(weights[3])
            .latencyWeight(weights[4])
            .availabilityWeight(weights[5])
            .inFlightPenalty(penalty)
            .model(ScoringModel.NEUTRAL)
            .profileName(name);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public int joinPool(final long correlationId, final String agentId, final String pool)
    {
        final JoinPoolEncoder encoder = new JoinPoolEncoder().wrapAndApplyHeader(buffer, 0, header)
            .sessionId(1)
            .correlationId(correlationId)
            .agentId(agentId)
            .poolName(pool);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public int leavePool(final long correlationId, final String agentId, final String pool)
    {
        final LeavePoolEncoder encoder = new LeavePoolEncoder().wrapAndApplyHeader(buffer, 0, header)
            .sessionId(1)
            .correlationId(correlationId)
            .agentId(agentId)
            .poolName(pool);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public int register(final long correlationId, final String agentId)
    {
        final RegisterAgentEncoder encoder = new RegisterAgentEncoder().wrapAndApplyHeader(buffer, 0, header)
            .sessionId(1)
            .correlationId(correlationId)
            .agentId(agentId);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public int timer(final long timestampNs, final TimerKind kind)
    {
        final TimerEventEncoder encoder = new TimerEventEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .kind(kind);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public int sessionOpened(final long timestampNs, final long sessionId)
    {
        final SessionOpenedEncoder encoder = new SessionOpenedEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .sessionId(sessionId)
            .responseStreamId(1001)
            .role(Role.ADMIN)
            .principal("tester")
            .responseChannel("aeron:ipc");
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public byte[] copy(final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
