package io.ripple.gateway.system;

import io.ripple.codecs.MessageHeaderEncoder;
import io.ripple.codecs.SelectEncoder;
import io.ripple.codecs.SignalBatchEncoder;
import io.ripple.codecs.SignalEncoder;
import io.ripple.codecs.SignalType;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Hand-built frames for tests of the gateway's checks: well-formed messages, then broken on purpose.
 */
final class Frames
{
    final MutableDirectBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();

    int signal(final long sessionId, final long correlationId, final String agentId)
    {
        final SignalEncoder encoder = new SignalEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .sessionId(sessionId)
            .correlationId(correlationId)
            .value(0.5)
            .confidence(1.0)
            .ttlMs(30_000)
            .signalType(SignalType.LOAD)
            .agentId(agentId)
            .traceId("");
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    int select(final long sessionId, final long correlationId, final int weights, final int candidates)
    {
        final SelectEncoder encoder = new SelectEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .sessionId(sessionId)
            .correlationId(correlationId)
            .k(1);
        final SelectEncoder.WeightsEncoder weightsEncoder = encoder.weightsCount(weights);
        for (int i = 0; i < weights; i++)
        {
            weightsEncoder.next().weight(0.1).signalType(SignalType.get((short) (i % 6)));
        }
        final SelectEncoder.CandidatesEncoder candidatesEncoder = encoder.candidatesCount(candidates);
        for (int i = 0; i < candidates; i++)
        {
            candidatesEncoder.next().agentId("a-" + i);
        }
        encoder.poolName("").profileName("");
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    int batch(final long sessionId, final long correlationId, final String... agentIds)
    {
        final SignalBatchEncoder encoder = new SignalBatchEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .sessionId(sessionId)
            .correlationId(correlationId);
        final SignalBatchEncoder.SignalsEncoder signals = encoder.signalsCount(agentIds.length);
        for (final String agentId : agentIds)
        {
            signals.next().value(0.5).confidence(1.0).ttlMs(30_000).signalType(SignalType.LOAD)
                .agentId(agentId).traceId("");
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    void blockLength(final int value)
    {
        buffer.putShort(0, (short) value, LITTLE_ENDIAN);
    }

    void templateId(final int value)
    {
        buffer.putShort(2, (short) value, LITTLE_ENDIAN);
    }

    void schemaId(final int value)
    {
        buffer.putShort(4, (short) value, LITTLE_ENDIAN);
    }

    void version(final int value)
    {
        buffer.putShort(6, (short) value, LITTLE_ENDIAN);
    }
}
