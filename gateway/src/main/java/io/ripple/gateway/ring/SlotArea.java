package io.ripple.gateway.ring;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A byte area of a ring slot: starts small, doubles when a larger message needs it, never past a cap, and can be
 * shrunk back once the slot is free. Steady traffic of small messages never allocates; a large message allocates
 * once for its slot, and the slot keeps the larger array while it stays under the retained capacity.
 */
final class SlotArea
{
    private final int initialCapacity;
    private final int maxCapacity;
    private final UnsafeBuffer buffer;

    SlotArea(final int initialCapacity, final int maxCapacity)
    {
        this.initialCapacity = initialCapacity;
        this.maxCapacity = maxCapacity;
        this.buffer = new UnsafeBuffer(new byte[initialCapacity]);
    }

    /**
     * Make room for this many bytes, keeping the first {@code keep} bytes.
     *
     * @param required bytes needed.
     * @param keep     bytes at the start to preserve.
     * @return false if the cap does not allow it.
     */
    boolean ensureCapacity(final int required, final int keep)
    {
        final int capacity = buffer.capacity();
        if (required <= capacity)
        {
            return true;
        }
        if (required > maxCapacity)
        {
            return false;
        }

        int newCapacity = capacity;
        while (newCapacity < required)
        {
            newCapacity <<= 1;
        }
        newCapacity = Math.min(newCapacity, maxCapacity);

        final byte[] array = new byte[newCapacity];
        buffer.getBytes(0, array, 0, keep);
        buffer.wrap(array);
        return true;
    }

    /**
     * Return to the initial capacity if the area grew past the retained capacity.
     *
     * @param retainedCapacity largest capacity kept.
     */
    void trim(final int retainedCapacity)
    {
        if (buffer.capacity() > retainedCapacity)
        {
            buffer.wrap(new byte[initialCapacity]);
        }
    }

    MutableDirectBuffer buffer()
    {
        return buffer;
    }

    int capacity()
    {
        return buffer.capacity();
    }
}
