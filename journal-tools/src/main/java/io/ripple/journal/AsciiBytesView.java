package io.ripple.journal;

import io.ripple.engine.AsciiBytes;
import org.agrona.DirectBuffer;

/**
 * A reusable {@link CharSequence} over a copy of up to 255 ASCII bytes, so that the engine reads an id from a plain
 * array (one copy per id), eight bytes at a time ({@link AsciiBytes}), rather than through the bounds checks of the
 * message buffer for every character.
 * <p>
 * Bytes are widened without sign (0 to 255); anything outside ASCII is left for the engine's id check to reject.
 * Rewritten by every {@link #wrap(DirectBuffer, int, int)}; {@link #toString()} allocates a copy.
 */
final class AsciiBytesView implements AsciiBytes
{
    private static final int CAPACITY = 255;

    private final byte[] bytes = new byte[CAPACITY];
    private int length;

    /**
     * Copy an id out of a buffer.
     *
     * @param buffer holding the id.
     * @param offset where it starts; the caller has checked that the bytes lie inside the buffer.
     * @param length its length, 0 to 255.
     * @return this.
     */
    AsciiBytesView wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        final int copied = Math.min(length, CAPACITY);
        buffer.getBytes(offset, bytes, 0, copied);
        this.length = copied;
        return this;
    }

    /**
     * {@inheritDoc}
     */
    public byte[] bytes()
    {
        return bytes;
    }

    /**
     * {@inheritDoc}
     */
    public int length()
    {
        return length;
    }

    /**
     * {@inheritDoc}
     */
    public char charAt(final int index)
    {
        if (index >= length)
        {
            throw new IndexOutOfBoundsException("index=" + index + " length=" + length);
        }

        return (char) (bytes[index] & 0xFF);
    }

    /**
     * {@inheritDoc}
     */
    public CharSequence subSequence(final int start, final int end)
    {
        return toString().substring(start, end);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return new String(bytes, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
