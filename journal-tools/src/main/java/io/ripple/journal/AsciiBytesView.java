package io.ripple.journal;

import io.ripple.engine.AsciiBytes;
import org.agrona.DirectBuffer;

/**
 * A reusable {@link CharSequence} over a copy of up to 255 ASCII bytes, so that the engine reads an id from a plain
 * array (one copy per id), eight bytes at a time ({@link AsciiBytes}), rather than through the bounds checks of the
 * message buffer for every character. Rewritten by every {@link #wrap(DirectBuffer, int, int)}.
 */
final class AsciiBytesView extends AsciiBytes
{
    private static final int CAPACITY = 255;

    AsciiBytesView()
    {
        super(CAPACITY);
    }

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
        buffer.getBytes(offset, bytes(), 0, copied);
        length(copied);
        return this;
    }
}
