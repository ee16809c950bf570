package io.ripple.engine;

import java.util.Arrays;

/**
 * Open-addressing index from an ASCII id (agent, pool or profile name) to a dense slot chosen by the caller.
 * <p>
 * Ids are validated and hashed in one pass over their characters, without allocating, so a {@link CharSequence}
 * flyweight over wire bytes can be looked up directly. The hash is keyed by a seed so that ids chosen by clients
 * cannot be crafted to collide. Linear probing with backward-shift deletion keeps probe chains short without
 * tombstones; the table is at most half full.
 */
final class AsciiIdIndex
{
    /**
     * Longest id accepted, in bytes.
     */
    static final int MAX_ID_LENGTH = 64;

    private static final boolean[] VALID_CHAR = new boolean[128];

    static
    {
        for (char c = 'a'; c <= 'z'; c++)
        {
            VALID_CHAR[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++)
        {
            VALID_CHAR[c] = true;
        }
        for (char c = '0'; c <= '9'; c++)
        {
            VALID_CHAR[c] = true;
        }
        VALID_CHAR['.'] = true;
        VALID_CHAR['_'] = true;
        VALID_CHAR[':'] = true;
        VALID_CHAR['@'] = true;
        VALID_CHAR['/'] = true;
        VALID_CHAR['-'] = true;
    }

    private final int capacity;
    private final byte[] keys;
    private final byte[] keyLengths;
    private final int[] hashes;
    private final int[] table;
    private final int mask;
    private final int multiplier;
    private final int initial;
    private int size;

    AsciiIdIndex(final int capacity, final long seed)
    {
        this.capacity = capacity;
        keys = new byte[capacity * MAX_ID_LENGTH];
        keyLengths = new byte[capacity];
        hashes = new int[capacity];

        final int tableLength = Math.max(16, Integer.highestOneBit(capacity * 2 - 1) << 1);
        table = new int[tableLength];
        mask = tableLength - 1;

        multiplier = (int) mix(seed) | 1;
        initial = (int) mix(seed ^ 0x9E3779B97F4A7C15L);
    }

    /**
     * Is the character allowed in an id?
     *
     * @param c character.
     * @return true if in {@code [A-Za-z0-9._:@/-]}.
     */
    static boolean isValidChar(final int c)
    {
        return c < 128 && c >= 0 && VALID_CHAR[c];
    }

    /**
     * Validate an id and hash it.
     *
     * @param id id to check, may be null.
     * @return a non-negative hash, or -1 if the id is null, empty, too long or has a character out of the set.
     */
    int hash(final CharSequence id)
    {
        if (null == id)
        {
            return -1;
        }

        final int length = id.length();
        if (length == 0 || length > MAX_ID_LENGTH)
        {
            return -1;
        }

        int h = initial;
        for (int i = 0; i < length; i++)
        {
            final char c = id.charAt(i);
            if (c >= 128 || !VALID_CHAR[c])
            {
                return -1;
            }
            h = (h + c) * multiplier;
        }

        return finish(h);
    }

    /**
     * Validate an id held as ASCII bytes and hash it, giving the same hash as {@link #hash(CharSequence)}.
     *
     * @param bytes  holding the id.
     * @param offset of the first byte.
     * @param length of the id in bytes.
     * @return a non-negative hash, or -1 if the id is invalid.
     */
    int hash(final byte[] bytes, final int offset, final int length)
    {
        if (length == 0 || length > MAX_ID_LENGTH)
        {
            return -1;
        }

        int h = initial;
        for (int i = offset, end = offset + length; i < end; i++)
        {
            final int c = bytes[i];
            if (c < 0 || !VALID_CHAR[c])
            {
                return -1;
            }
            h = (h + c) * multiplier;
        }

        return finish(h);
    }

    /**
     * Find the slot of an id.
     *
     * @param id   to look up.
     * @param hash from {@link #hash(CharSequence)}, non-negative.
     * @return the slot, or -1 if absent.
     */
    int find(final CharSequence id, final int hash)
    {
        final int length = id.length();
        final int[] table = this.table;
        int index = hash & mask;
        int entry;
        while ((entry = table[index]) != 0)
        {
            final int slot = entry - 1;
            if (hashes[slot] == hash && keyLengths[slot] == length && keyEquals(slot, id, length))
            {
                return slot;
            }
            index = (index + 1) & mask;
        }

        return -1;
    }

    /**
     * Find the slot of an id held as bytes.
     *
     * @param bytes  holding the id.
     * @param offset of the first byte.
     * @param length of the id.
     * @param hash   from {@link #hash(byte[], int, int)}.
     * @return the slot, or -1 if absent.
     */
    int find(final byte[] bytes, final int offset, final int length, final int hash)
    {
        final int[] table = this.table;
        int index = hash & mask;
        int entry;
        while ((entry = table[index]) != 0)
        {
            final int slot = entry - 1;
            if (hashes[slot] == hash && keyLengths[slot] == length)
            {
                final int keyOffset = slot * MAX_ID_LENGTH;
                if (Arrays.equals(keys, keyOffset, keyOffset + length, bytes, offset, offset + length))
                {
                    return slot;
                }
            }
            index = (index + 1) & mask;
        }

        return -1;
    }

    /**
     * Add an id that is not present, under a slot chosen by the caller.
     *
     * @param slot to hold the id, in [0, capacity) and not in use.
     * @param id   valid id.
     * @param hash of the id.
     */
    void put(final int slot, final CharSequence id, final int hash)
    {
        final int length = id.length();
        final int keyOffset = slot * MAX_ID_LENGTH;
        for (int i = 0; i < length; i++)
        {
            keys[keyOffset + i] = (byte) id.charAt(i);
        }
        insert(slot, length, hash);
    }

    /**
     * Add an id held as bytes that is not present, under a slot chosen by the caller.
     *
     * @param slot   to hold the id.
     * @param bytes  holding the id.
     * @param offset of the first byte.
     * @param length of the id.
     * @param hash   of the id.
     */
    void put(final int slot, final byte[] bytes, final int offset, final int length, final int hash)
    {
        System.arraycopy(bytes, offset, keys, slot * MAX_ID_LENGTH, length);
        insert(slot, length, hash);
    }

    /**
     * Remove the id held by a slot.
     *
     * @param slot holding an id.
     */
    void remove(final int slot)
    {
        final int[] table = this.table;
        final int mask = this.mask;
        int hole = hashes[slot] & mask;
        while (table[hole] != slot + 1)
        {
            hole = (hole + 1) & mask;
        }
        table[hole] = 0;

        int index = hole;
        while (true)
        {
            index = (index + 1) & mask;
            final int entry = table[index];
            if (entry == 0)
            {
                break;
            }

            final int home = hashes[entry - 1] & mask;
            final boolean homeBetweenHoleAndIndex = hole <= index ?
                (home > hole && home <= index) :
                (home > hole || home <= index);
            if (!homeBetweenHoleAndIndex)
            {
                table[hole] = entry;
                table[index] = 0;
                hole = index;
            }
        }

        keyLengths[slot] = 0;
        hashes[slot] = 0;
        size--;
    }

    /**
     * Number of ids held.
     *
     * @return the count.
     */
    int size()
    {
        return size;
    }

    /**
     * Number of slots.
     *
     * @return the capacity.
     */
    int capacity()
    {
        return capacity;
    }

    /**
     * Length of the id in a slot.
     *
     * @param slot in use.
     * @return length in bytes.
     */
    int keyLength(final int slot)
    {
        return keyLengths[slot];
    }

    /**
     * Storage of all ids, {@link #MAX_ID_LENGTH} bytes per slot.
     *
     * @return the backing array, not to be modified.
     */
    byte[] keys()
    {
        return keys;
    }

    /**
     * Offset of a slot's id in {@link #keys()}.
     *
     * @param slot in use.
     * @return the offset.
     */
    static int keyOffset(final int slot)
    {
        return slot * MAX_ID_LENGTH;
    }

    /**
     * Does a slot hold an id equal to the given characters?
     *
     * @param slot in use.
     * @param id   to compare.
     * @return true if equal.
     */
    boolean keyEquals(final int slot, final CharSequence id)
    {
        final int length = id.length();
        return keyLengths[slot] == length && keyEquals(slot, id, length);
    }

    /**
     * Copy the id of a slot.
     *
     * @param slot      in use.
     * @param dst       destination.
     * @param dstOffset where to write.
     * @return the length copied.
     */
    int copyKey(final int slot, final byte[] dst, final int dstOffset)
    {
        final int length = keyLengths[slot];
        System.arraycopy(keys, slot * MAX_ID_LENGTH, dst, dstOffset, length);
        return length;
    }

    private boolean keyEquals(final int slot, final CharSequence id, final int length)
    {
        final byte[] keys = this.keys;
        final int keyOffset = slot * MAX_ID_LENGTH;
        for (int i = 0; i < length; i++)
        {
            if (keys[keyOffset + i] != id.charAt(i))
            {
                return false;
            }
        }

        return true;
    }

    private void insert(final int slot, final int length, final int hash)
    {
        keyLengths[slot] = (byte) length;
        hashes[slot] = hash;

        int index = hash & mask;
        while (table[index] != 0)
        {
            index = (index + 1) & mask;
        }
        table[index] = slot + 1;
        size++;
    }

    private static int finish(final int value)
    {
        int h = value;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;

        return h & 0x7FFF_FFFF;
    }

    private static long mix(final long value)
    {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
