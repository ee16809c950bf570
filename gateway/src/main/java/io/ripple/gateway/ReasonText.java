package io.ripple.gateway;

import io.ripple.codecs.ProtocolLimits;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A reusable ASCII text for the reason of an {@code Error} or {@code ConnectRejected}, built without allocation
 * from string literals and numbers. Text beyond {@link ProtocolLimits#MAX_REASON_LENGTH} bytes is cut off.
 * <p>
 * Not thread-safe: one instance per thread.
 */
public final class ReasonText
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ProtocolLimits.MAX_REASON_LENGTH + 32]);
    private int length;

    /**
     * Empty the text.
     *
     * @return this for a fluent style.
     */
    public ReasonText reset()
    {
        length = 0;
        return this;
    }

    /**
     * Append ASCII text; characters outside ASCII become '?'.
     *
     * @param text to append.
     * @return this for a fluent style.
     */
    public ReasonText append(final CharSequence text)
    {
        final int limit = ProtocolLimits.MAX_REASON_LENGTH;
        for (int i = 0, size = text.length(); i < size && length < limit; i++)
        {
            final char c = text.charAt(i);
            buffer.putByte(length++, (byte) (c < 128 ? c : '?'));
        }
        return this;
    }

    /**
     * Append a number in decimal.
     *
     * @param value to append.
     * @return this for a fluent style.
     */
    public ReasonText append(final long value)
    {
        if (length + 20 <= ProtocolLimits.MAX_REASON_LENGTH)
        {
            length += buffer.putLongAscii(length, value);
        }
        return this;
    }

    /**
     * Append ASCII bytes from a buffer, such as an id read from a frame; non-printable bytes become '?'.
     *
     * @param source buffer holding the bytes.
     * @param offset of the first byte.
     * @param count  of bytes.
     * @return this for a fluent style.
     */
    public ReasonText append(final DirectBuffer source, final int offset, final int count)
    {
        final int limit = ProtocolLimits.MAX_REASON_LENGTH;
        for (int i = 0; i < count && length < limit; i++)
        {
            final byte b = source.getByte(offset + i);
            buffer.putByte(length++, b >= 32 && b < 127 ? b : (byte) '?');
        }
        return this;
    }

    /**
     * The buffer holding the text from index 0.
     *
     * @return the buffer holding the text.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Length of the text in bytes.
     *
     * @return length of the text in bytes.
     */
    public int length()
    {
        return length;
    }

    /**
     * The text as a String, for tests and logs; allocates.
     *
     * @return the text.
     */
    public String toString()
    {
        return buffer.getStringWithoutLengthAscii(0, length);
    }
}
