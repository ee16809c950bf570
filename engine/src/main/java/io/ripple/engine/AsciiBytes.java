package io.ripple.engine;

import java.nio.charset.StandardCharsets;

/**
 * An id held as one byte per character in a reused array, as it arrives on the wire. The engine packs such an id
 * eight bytes at a time instead of a character at a time through {@link #charAt(int)}; the answers are the same
 * either way. A subclass fills {@link #bytes()} from where its ids come from and sets {@link #length(int)}.
 * Bytes are widened without sign (0 to 255); anything outside the id characters is left for the engine to refuse.
 */
public abstract class AsciiBytes implements CharSequence
{
    private final byte[] bytes;
    private int length;

    /**
     * Room for ids of up to {@code capacity} bytes.
     *
     * @param capacity longest id held, at least 64 (the longest valid id) so that any valid id fits.
     */
    protected AsciiBytes(final int capacity)
    {
        bytes = new byte[capacity];
    }

    /**
     * The array holding the id from index 0; only the first {@link #length()} bytes are the id, the rest may hold
     * an earlier one.
     *
     * @return the array, the same on every call.
     */
    public final byte[] bytes()
    {
        return bytes;
    }

    /**
     * Say how many bytes of {@link #bytes()} the id now held takes.
     *
     * @param length 0 to the capacity.
     */
    protected final void length(final int length)
    {
        this.length = length;
    }

    /**
     * {@inheritDoc}
     */
    public final int length()
    {
        return length;
    }

    /**
     * {@inheritDoc}
     */
    public final char charAt(final int index)
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
    public final CharSequence subSequence(final int start, final int end)
    {
        return toString().substring(start, end);
    }

    /**
     * A copy of the id; allocates.
     *
     * @return the id as a string.
     */
    public final String toString()
    {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
}
