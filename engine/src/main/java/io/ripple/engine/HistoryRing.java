package io.ripple.engine;

/**
 * Layout of one agent's signal history: a ring of entries in a single {@code long[]}, allocated on the agent's first
 * signal at {@value #INITIAL_ENTRIES} entries and doubled up to the configured history size.
 * <p>
 * Each entry is two longs, the acceptance time in nanoseconds and the value's bits, and a type byte packed eight to
 * a long after the entries: 17 bytes an entry. Types sit apart so that finding the LOAD entries reads a hundred
 * entries' types from two cache lines.
 */
final class HistoryRing
{
    static final int ENTRY_LONGS = 2;
    static final int VALUE = 1;
    static final int INITIAL_ENTRIES = 4;
    static final int ENTRY_BYTES = ENTRY_LONGS * Long.BYTES + 1;

    private HistoryRing()
    {
    }

    static long[] allocate(final int entries)
    {
        return new long[entries * ENTRY_LONGS + ((entries + 7) >>> 3)];
    }

    /**
     * Number of entries a ring array holds: the length is {@code 2e + ceil(e / 8)} longs, so {@code e} is
     * {@code floor(8 * length / 17)}.
     *
     * @param history ring array.
     * @return its capacity in entries.
     */
    static int entries(final long[] history)
    {
        return (history.length << 3) / 17;
    }

    static int type(final long[] history, final int entries, final int entry)
    {
        return (int) (history[entries * ENTRY_LONGS + (entry >>> 3)] >>> ((entry & 7) << 3)) & 0xFF;
    }

    static void setType(final long[] history, final int entries, final int entry, final int type)
    {
        final int index = entries * ENTRY_LONGS + (entry >>> 3);
        final int shift = (entry & 7) << 3;
        history[index] = (history[index] & ~(0xFFL << shift)) | ((long) type << shift);
    }

    /**
     * Copy the first entries of a ring that has never wrapped into a larger ring.
     *
     * @param history    ring whose entries sit at positions 0 to count - 1.
     * @param count      number of entries.
     * @param newEntries capacity of the new ring.
     * @return the new ring.
     */
    static long[] grow(final long[] history, final int count, final int newEntries)
    {
        final long[] grown = allocate(newEntries);
        if (null != history)
        {
            final int entries = entries(history);
            System.arraycopy(history, 0, grown, 0, count * ENTRY_LONGS);
            for (int entry = 0; entry < count; entry++)
            {
                setType(grown, newEntries, entry, type(history, entries, entry));
            }
        }

        return grown;
    }
}
