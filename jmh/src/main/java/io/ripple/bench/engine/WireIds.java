package io.ripple.bench.engine;

import io.ripple.engine.AsciiBytes;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Agent ids laid out one after another in a buffer, as they arrive in messages, and read the way the server's
 * dispatcher reads them: each copied into one reused byte array that the engine packs a word at a time.
 */
final class WireIds extends AsciiBytes
{
    private static final int CAPACITY = 255;

    private final UnsafeBuffer buffer;
    private final int[] offsets;
    private final int[] lengths;

    WireIds(final String[] ids)
    {
        super(CAPACITY);
        offsets = new int[ids.length];
        lengths = new int[ids.length];
        int total = 0;
        for (final String id : ids)
        {
            total += id.length();
        }
        buffer = new UnsafeBuffer(new byte[total]);
        int offset = 0;
        for (int i = 0; i < ids.length; i++)
        {
            final byte[] id = ids[i].getBytes(StandardCharsets.US_ASCII);
            buffer.putBytes(offset, id);
            offsets[i] = offset;
            lengths[i] = id.length;
            offset += id.length;
        }
    }

    /**
     * Copy id {@code index} out of the buffer into this view.
     *
     * @param index of the id.
     * @return this, holding that id until the next call.
     */
    WireIds id(final int index)
    {
        buffer.getBytes(offsets[index], bytes(), 0, lengths[index]);
        length(lengths[index]);
        return this;
    }
}
