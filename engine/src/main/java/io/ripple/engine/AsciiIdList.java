package io.ripple.engine;

/**
 * Bounded list of ids validated and packed from {@link CharSequence}s into one array of longs, so that a request does
 * not hold on to flyweights that the caller rewrites (for example an SBE group entry).
 */
final class AsciiIdList
{
    /**
     * Length recorded for an invalid id.
     */
    static final int INVALID_LENGTH = -1;

    private final int capacity;
    private final long[] words;
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
        words = new long[capacity * AsciiIdIndex.WORDS];
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
     * @param id to validate and copy, may be null (recorded as invalid).
     */
    void add(final CharSequence id)
    {
        if (count < capacity)
        {
            lengths[count] = AsciiIdIndex.pack(id, words, offset(count));
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

    long[] words()
    {
        return words;
    }

    int length(final int index)
    {
        return lengths[index];
    }

    static int offset(final int index)
    {
        return index * AsciiIdIndex.WORDS;
    }

    CharSequence view(final int index)
    {
        return view.wrap(words, offset(index), Math.max(0, lengths[index]));
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
        for (int i = 0, n = AsciiIdIndex.words(length); i < n; i++)
        {
            if (words[offsetA + i] != words[offsetB + i])
            {
                return false;
            }
        }

        return true;
    }
}
