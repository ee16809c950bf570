package io.ripple.gateway;

import io.ripple.codecs.ConnectRejectedEncoder;
import io.ripple.codecs.ErrorCode;
import io.ripple.codecs.ErrorEncoder;
import io.ripple.codecs.MessageHeaderEncoder;
import io.ripple.codecs.ProtocolLimits;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes {@code Error} and {@code ConnectRejected} answers into a reusable buffer, without allocation.
 * Not thread-safe: one instance per thread.
 */
public final class ErrorAnswers
{
    private final MutableDirectBuffer buffer = new UnsafeBuffer(new byte[ProtocolLimits.MAX_REASON_LENGTH + 64]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ErrorEncoder errorEncoder = new ErrorEncoder();
    private final ConnectRejectedEncoder rejectedEncoder = new ConnectRejectedEncoder();

    /**
     * Encode an {@code Error} with a reason held in a {@link ReasonText}.
     *
     * @param correlationId of the request, 0 when it could not be read.
     * @param templateId    of the request, 0 when unknown.
     * @param itemIndex     entry at fault, or -1 for the whole request.
     * @param code          the error code.
     * @param reason        human-readable reason.
     * @return length of the message in {@link #buffer()} from index 0.
     */
    public int encode(
        final long correlationId,
        final int templateId,
        final int itemIndex,
        final ErrorCode code,
        final ReasonText reason)
    {
        wrapError(correlationId, templateId, itemIndex, code);
        errorEncoder.putReason(reason.buffer(), 0, Math.min(reason.length(), ProtocolLimits.MAX_REASON_LENGTH));
        return MessageHeaderEncoder.ENCODED_LENGTH + errorEncoder.encodedLength();
    }

    /**
     * Encode an {@code Error} with a constant reason.
     *
     * @param correlationId of the request, 0 when it could not be read.
     * @param templateId    of the request, 0 when unknown.
     * @param itemIndex     entry at fault, or -1 for the whole request.
     * @param code          the error code.
     * @param reason        human-readable reason, ASCII.
     * @return length of the message in {@link #buffer()} from index 0.
     */
    public int encode(
        final long correlationId, final int templateId, final int itemIndex, final ErrorCode code, final String reason)
    {
        wrapError(correlationId, templateId, itemIndex, code);
        errorEncoder.reason(reason);
        return MessageHeaderEncoder.ENCODED_LENGTH + errorEncoder.encodedLength();
    }

    /**
     * Encode a {@code ConnectRejected}.
     *
     * @param correlationId of the {@code Connect}.
     * @param code          the error code.
     * @param reason        human-readable reason.
     * @return length of the message in {@link #buffer()} from index 0.
     */
    public int encodeConnectRejected(final long correlationId, final ErrorCode code, final ReasonText reason)
    {
        rejectedEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).correlationId(correlationId).code(code);
        rejectedEncoder.putReason(reason.buffer(), 0, Math.min(reason.length(), ProtocolLimits.MAX_REASON_LENGTH));
        return MessageHeaderEncoder.ENCODED_LENGTH + rejectedEncoder.encodedLength();
    }

    private void wrapError(final long correlationId, final int templateId, final int itemIndex, final ErrorCode code)
    {
        errorEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(correlationId)
            .templateId(templateId >= 0 && templateId <= 0xFFFF ? templateId : 0)
            .itemIndex(itemIndex >= 0 && itemIndex < 0xFFFF ? itemIndex : ErrorEncoder.itemIndexNullValue())
            .code(code);
    }

    /**
     * The buffer holding the last message encoded, from index 0.
     *
     * @return the buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }
}
