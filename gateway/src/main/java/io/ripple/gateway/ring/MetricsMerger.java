package io.ripple.gateway.ring;

import io.ripple.codecs.ErrorCode;
import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.MessageHeaderEncoder;
import io.ripple.codecs.MetricsSnapshotDecoder;
import io.ripple.codecs.MetricsSnapshotEncoder;
import io.ripple.gateway.GatewayCounters;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;

/**
 * Completes the engine's {@code MetricsSnapshot} with what only the gateway knows: the open sessions and the
 * rejections made before the ring (framing, authentication, authorisation, limits). The result lists every code
 * with a non-zero count, engine's and gateway's added together, in ascending code order. Does not allocate in
 * steady state; engine thread only.
 */
final class MetricsMerger
{
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MetricsSnapshotDecoder decoder = new MetricsSnapshotDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MetricsSnapshotEncoder encoder = new MetricsSnapshotEncoder();
    private final MutableDirectBuffer scratch = new ExpandableArrayBuffer(1024);
    private final GatewayCounters counters;
    private final long[] countByCode;
    private final ErrorCode[] codeByValue;

    MetricsMerger(final GatewayCounters counters)
    {
        this.counters = counters;
        this.countByCode = new long[counters.codeLimit()];
        this.codeByValue = new ErrorCode[counters.codeLimit()];
        for (final ErrorCode code : ErrorCode.values())
        {
            if (code != ErrorCode.NULL_VAL && code.value() < codeByValue.length)
            {
                codeByValue[code.value()] = code;
            }
        }
    }

    /**
     * Merge the gateway's counters into a snapshot.
     *
     * @param buffer holding the engine's snapshot, header included.
     * @param offset of the snapshot.
     * @return length of the merged snapshot in {@link #buffer()}, or -1 if the input was not a readable snapshot.
     */
    int merge(final DirectBuffer buffer, final int offset)
    {
        headerDecoder.wrap(buffer, offset);
        decoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
            headerDecoder.version());

        Arrays.fill(countByCode, 0);
        for (int code = 1; code < countByCode.length; code++)
        {
            countByCode[code] = counters.rejections(code);
        }

        encoder.wrapAndApplyHeader(scratch, 0, headerEncoder)
            .correlationId(decoder.correlationId())
            .timestampNs(decoder.timestampNs())
            .selections(decoder.selections())
            .predictions(decoder.predictions())
            .expirations(decoder.expirations())
            .evictions(decoder.evictions())
            .warnings(decoder.warnings())
            .agentsTracked(decoder.agentsTracked())
            .sessions(counters.openSessions());

        final MetricsSnapshotDecoder.SignalsByTypeDecoder byType = decoder.signalsByType();
        final MetricsSnapshotEncoder.SignalsByTypeEncoder byTypeOut = encoder.signalsByTypeCount(byType.count());
        while (byType.hasNext())
        {
            byType.next();
            byTypeOut.next().signalCount(byType.signalCount()).signalType(byType.signalType());
        }

        final MetricsSnapshotDecoder.RejectionsByCodeDecoder rejections = decoder.rejectionsByCode();
        while (rejections.hasNext())
        {
            rejections.next();
            final int code = rejections.codeRaw();
            if (code > 0 && code < countByCode.length && null != codeByValue[code])
            {
                countByCode[code] += rejections.rejectionCount();
            }
        }

        int nonZero = 0;
        for (final long count : countByCode)
        {
            nonZero += count > 0 ? 1 : 0;
        }

        final MetricsSnapshotEncoder.RejectionsByCodeEncoder rejectionsOut = encoder.rejectionsByCodeCount(nonZero);
        for (int code = 1; code < countByCode.length; code++)
        {
            if (countByCode[code] > 0)
            {
                rejectionsOut.next().rejectionCount(countByCode[code]).code(codeByValue[code]);
            }
        }

        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    DirectBuffer buffer()
    {
        return scratch;
    }
}
