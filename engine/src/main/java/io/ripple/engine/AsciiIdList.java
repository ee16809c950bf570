package io.ripple.engine;

/**
 * Bounded list of ids copied from {@link CharSequence}s into one byte array, so that a request does not hold on to
 * flyweights that the caller rewrites (for example an SBE group entry).
 */
final class AsciiIdList
{
    /**
     * Length recorded for an id that can never be valid (too long or not ASCII).
     */
    static final int INVALID_LENGTH = -1;

    private final int capacity;
    private final byte[] bytes;
    private final int[] lengths;
    private final AsciiIdView view = new AsciiIdView();
    private int count;

    AsciiIdList(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }

        this.capacity = capacity;
        bytes = new byte[capacity * AsciiIdIndex.MAX_ID_LENGTH];
        lengths = new int[capacity];
    }

    void reset()
    {
        count = 0;
    }

    /**
     * Append an id. Beyond capacity the id is counted but not stored, so the engine can reject the request as too
     * large.
     *
     * @param id to copy, may be null (recorded as invalid).
     */
    void add(final CharSequence id)
    {
        if (count < capacity)
        {
            lengths[count] = copy(id, bytes, count * AsciiIdIndex.MAX_ID_LENGTH);
        }
        count++;
    }

    int count()
    {
        return count;
    }

    int capacity()
    {
        return capacity;
    }

    byte[] bytes()
    {
        return bytes;
    }

    int length(final int index)
    {
        return lengths[index];
    }

    static int offset(final int index)
    {
        return index * AsciiIdIndex.MAX_ID_LENGTH;
    }

    CharSequence view(final int index)
    {
        return view.wrap(bytes, offset(index), Math.max(0, lengths[index]));
    }

    boolean sameId(final int indexA, final int indexB)
    {
        final int length = lengths[indexA];
        if (length != lengths[indexB])
        {
            return false;
        }

        final int offsetA = offset(indexA);
        final int offsetB = offset(indexB);
        for (int i = 0; i < length; i++)
        {
            if (bytes[offsetA + i] != bytes[offsetB + i])
            {
                return false;
            }
        }

        return true;
    }

    /**
     * Copy an id into a 64-byte field.
     *
     * @param id     to copy, may be null.
     * @param dst    destination.
     * @param offset of the field.
     * @return the length, or {@link #INVALID_LENGTH} if the id is null, too long or not ASCII.
     */
    static int copy(final CharSequence id, final byte[] dst, final int offset)
    {
        if (null == id)
        {
            return INVALID_LENGTH;
        }

        final int length = id.length();
        if (length > AsciiIdIndex.MAX_ID_LENGTH)
        {
            return INVALID_LENGTH;
        }

        for (int i = 0; i < length; i++)
        {
            final char c = id.charAt(i);
            if (c >= 128)
            {
                return INVALID_LENGTH;
            }
            dst[offset + i] = (byte) c;
        }

        return length;
    }
}
