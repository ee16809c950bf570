package io.ripple.engine;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Open-addressing index from an ASCII id (agent, pool or profile name) to a dense slot chosen by the caller.
 * <p>
 * An id of up to 64 characters is packed eight characters to a long, little-endian and zero-padded, so hashing and
 * comparing take one step per eight characters. Ids are validated while they are packed, without allocating, so a
 * {@link CharSequence} flyweight over wire bytes can be looked up directly. Each table entry holds the full 32-bit
 * hash, the id length and the slot, so a probe touches the id itself only on a likely match. The hash is keyed by a
 * seed so that ids chosen by clients cannot be crafted to collide; answers never depend on it. Linear probing with
 * backward-shift deletion keeps probe chains short without tombstones; the table is at most half full.
 */
final class AsciiIdIndex
{
    /**
     * Longest id accepted, in characters.
     */
    static final int MAX_ID_LENGTH = 64;

    /**
     * Longs per packed id.
     */
    static final int WORDS = MAX_ID_LENGTH / Long.BYTES;

    private static final boolean[] VALID_CHAR = new boolean[128];
    private static final VarHandle LONG_IN_BYTES = MethodHandles.byteArrayViewVarHandle(
        long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long LOW_BITS = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final int LENGTH_SHIFT = 25;
    private static final long SLOT_MASK = (1L << LENGTH_SHIFT) - 1;

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

    /**
     * Words of the id last packed by {@link #pack(CharSequence)}.
     */
    final long[] scratch = new long[WORDS];

    private final int capacity;
    private final long[] keys;
    private final byte[] keyLengths;
    private final long[] table;
    private final int mask;
    private final long multiplier;
    private final long initial;
    private int size;

    AsciiIdIndex(final int capacity, final long seed)
    {
        this.capacity = capacity;
        keys = new long[capacity * WORDS];
        keyLengths = new byte[capacity];

        final int tableLength = Math.max(16, Integer.highestOneBit(capacity * 2 - 1) << 1);
        table = new long[tableLength];
        mask = tableLength - 1;

        multiplier = mix(seed) | 1;
        initial = mix(seed ^ 0x9E3779B97F4A7C15L);
    }

    /**
     * Validate an id and pack it into words, zero-padded to a whole word.
     *
     * @param id     id to pack, may be null.
     * @param dst    where to write.
     * @param offset index of the first word.
     * @return the length, or -1 if the id is null, empty, longer than 64 characters or has a character outside
     * {@code [A-Za-z0-9._:@/-]}.
     */
    static int pack(final CharSequence id, final long[] dst, final int offset)
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
        if (id instanceof AsciiBytes)
        {
            return pack(((AsciiBytes) id).bytes(), length, dst, offset);
        }

        final boolean[] valid = VALID_CHAR;
        int index = 0;
        int word = offset;
        while (index < length)
        {
            long packed = 0;
            final int end = Math.min(length, index + Long.BYTES);
            for (int shift = 0; index < end; index++, shift += Byte.SIZE)
            {
                final char c = id.charAt(index);
                if (c >= 128 || !valid[c])
                {
                    return -1;
                }
                packed |= (long) c << shift;
            }
            dst[word++] = packed;
        }

        return length;
    }

    /**
     * Validate and pack an id held one byte per character, eight bytes at a time: each word is read whole and its
     * characters checked together against the ranges of the allowed set ({@link #invalidBytes(long)}). Packs what
     * {@link #pack(CharSequence, long[], int)} packs for the same characters, and refuses what it refuses.
     *
     * @param bytes  the id from index 0.
     * @param length of the id, 1 to 64, at most the array's length.
     * @param dst    where to write.
     * @param offset index of the first word.
     * @return the length, or -1 if a character is outside {@code [A-Za-z0-9._:@/-]}.
     */
    static int pack(final byte[] bytes, final int length, final long[] dst, final int offset)
    {
        long invalid = 0;
        int index = 0;
        int word = offset;
        for (; index + Long.BYTES <= length; index += Long.BYTES)
        {
            final long packed = (long) LONG_IN_BYTES.get(bytes, index);
            invalid |= invalidBytes(packed);
            dst[word++] = packed;
        }

        final int tail = length - index;
        if (tail > 0)
        {
            final long kept = (1L << (tail << 3)) - 1;
            long packed = 0;
            if (index + Long.BYTES <= bytes.length)
            {
                packed = (long) LONG_IN_BYTES.get(bytes, index) & kept;
            }
            else
            {
                for (int shift = 0; index < length; index++, shift += Byte.SIZE)
                {
                    packed |= (bytes[index] & 0xFFL) << shift;
                }
            }
            invalid |= invalidBytes(packed) & kept;
            dst[word] = packed;
        }

        return 0 == invalid ? length : -1;
    }

    /**
     * The high bit of each byte of a word that is not an allowed id character, {@code [A-Za-z0-9._:@/-]}: the
     * ranges 0x2D-0x3A, 0x40-0x5A, 0x5F and 0x61-0x7A, tested on all eight bytes at once. With the high bits
     * cleared first, adding a constant below 0x81 to a byte cannot carry into the next one, so bit 7 of
     * {@code x + (0x80 - lo)} says {@code x >= lo} and bit 7 of {@code x + (0x7F - hi)} says {@code x > hi}.
     *
     * @param word eight characters, one per byte.
     * @return 0x80 in each byte holding a character outside the set, 0 elsewhere.
     */
    static long invalidBytes(final long word)
    {
        final long ascii = word & LOW_BITS;
        final long valid = inRange(ascii, 0x2D, 0x3A) | inRange(ascii, 0x40, 0x5A) |
            inRange(ascii, 0x5F, 0x5F) | inRange(ascii, 0x61, 0x7A);
        return (~valid & HIGH_BITS) | (word & HIGH_BITS);
    }

    private static long inRange(final long ascii, final int lo, final int hi)
    {
        final long atLeastLo = ascii + ONES * (0x80 - lo);
        final long aboveHi = ascii + ONES * (0x7F - hi);
        return atLeastLo & ~aboveHi & HIGH_BITS;
    }

    /**
     * Validate and pack an id into {@link #scratch}.
     *
     * @param id id to pack, may be null.
     * @return the length, or -1 if invalid.
     */
    int pack(final CharSequence id)
    {
        return pack(id, scratch, 0);
    }

    /**
     * Number of words an id of a given length occupies.
     *
     * @param length in characters.
     * @return the number of words.
     */
    static int words(final int length)
    {
        return (length + Long.BYTES - 1) >>> 3;
    }

    /**
     * Character of a packed id.
     *
     * @param words  packed ids.
     * @param offset first word of the id.
     * @param index  character index.
     * @return the character.
     */
    static char charAt(final long[] words, final int offset, final int index)
    {
        return (char) ((words[offset + (index >>> 3)] >>> ((index & 7) << 3)) & 0x7F);
    }

    /**
     * Hash a packed id.
     *
     * @param words  packed id.
     * @param offset first word.
     * @param length in characters, positive.
     * @return the hash.
     */
    int hash(final long[] words, final int offset, final int length)
    {
        final long m = multiplier;
        long h = initial ^ length;
        for (int i = offset, end = offset + words(length); i < end; i++)
        {
            h = Long.rotateLeft((h ^ words[i]) * m, 29);
        }

        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;

        return (int) h;
    }

    /**
     * Find the slot of a packed id.
     *
     * @param words  packed id.
     * @param offset first word.
     * @param length in characters.
     * @param hash   from {@link #hash(long[], int, int)}.
     * @return the slot, or -1 if absent.
     */
    int find(final long[] words, final int offset, final int length, final int hash)
    {
        final long[] table = this.table;
        final long expected = ((long) hash << 32) | ((long) length << LENGTH_SHIFT);
        final long matchMask = 0xFFFF_FFFF_0000_0000L | (0x7FL << LENGTH_SHIFT);
        int index = hash & mask;
        long entry;
        while ((entry = table[index]) != 0)
        {
            if ((entry & matchMask) == expected)
            {
                final int slot = (int) (entry & SLOT_MASK) - 1;
                if (keyEquals(slot, words, offset, length))
                {
                    return slot;
                }
            }
            index = (index + 1) & mask;
        }

        return -1;
    }

    /**
     * Add a packed id that is not present, under a slot chosen by the caller.
     *
     * @param slot   to hold the id, in [0, capacity) and not in use.
     * @param words  packed id.
     * @param offset first word.
     * @param length in characters.
     * @param hash   of the id.
     */
    void put(final int slot, final long[] words, final int offset, final int length, final int hash)
    {
        final int keyOffset = slot * WORDS;
        final int count = words(length);
        System.arraycopy(words, offset, keys, keyOffset, count);
        keyLengths[slot] = (byte) length;

        int index = hash & mask;
        while (table[index] != 0)
        {
            index = (index + 1) & mask;
        }
        table[index] = ((long) hash << 32) | ((long) length << LENGTH_SHIFT) | (slot + 1);
        size++;
    }

    /**
     * Remove the id held by a slot.
     *
     * @param slot holding an id.
     */
    void remove(final int slot)
    {
        final long[] table = this.table;
        final int mask = this.mask;
        final int length = keyLengths[slot];
        int hole = hash(keys, slot * WORDS, length) & mask;
        while ((table[hole] & SLOT_MASK) != slot + 1)
        {
            hole = (hole + 1) & mask;
        }
        table[hole] = 0;

        int index = hole;
        while (true)
        {
            index = (index + 1) & mask;
            final long entry = table[index];
            if (entry == 0)
            {
                break;
            }

            final int home = (int) (entry >>> 32) & mask;
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
        size--;
    }

    int size()
    {
        return size;
    }

    int capacity()
    {
        return capacity;
    }

    /**
     * Length of the id in a slot.
     *
     * @param slot in use.
     * @return length in characters.
     */
    int keyLength(final int slot)
    {
        return keyLengths[slot];
    }

    /**
     * Storage of all ids, {@link #WORDS} longs per slot.
     *
     * @return the backing array, not to be modified.
     */
    long[] keys()
    {
        return keys;
    }

    /**
     * Offset of a slot's id in {@link #keys()}.
     *
     * @param slot in use.
     * @return the index of its first word.
     */
    static int keyOffset(final int slot)
    {
        return slot * WORDS;
    }

    /**
     * Copy the packed id of a slot.
     *
     * @param slot      in use.
     * @param dst       destination.
     * @param dstOffset index of the first word to write.
     * @return the length in characters.
     */
    int copyKey(final int slot, final long[] dst, final int dstOffset)
    {
        final int length = keyLengths[slot];
        System.arraycopy(keys, slot * WORDS, dst, dstOffset, words(length));
        return length;
    }

    private boolean keyEquals(final int slot, final long[] words, final int offset, final int length)
    {
        final long[] keys = this.keys;
        final int keyOffset = slot * WORDS;
        for (int i = 0, count = words(length); i < count; i++)
        {
            if (keys[keyOffset + i] != words[offset + i])
            {
                return false;
            }
        }

        return true;
    }

    /**
     * Write a packed id as ASCII bytes.
     *
     * @param buffer destination.
     * @param index  where to write the first byte.
     * @param words  packed id.
     * @param offset first word.
     * @param length in characters.
     */
    static void putAscii(
        final MutableDirectBuffer buffer, final int index, final long[] words, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(index + i, (byte) charAt(words, offset, i));
        }
    }

    /**
     * Read and validate ASCII bytes into a packed id.
     *
     * @param buffer    source.
     * @param index     of the first byte.
     * @param length    in bytes.
     * @param dst       where to pack.
     * @param dstOffset first word to write.
     * @return the length, or -1 if the bytes are not a valid id.
     */
    static int getAscii(
        final DirectBuffer buffer, final int index, final int length, final long[] dst, final int dstOffset)
    {
        if (length <= 0 || length > MAX_ID_LENGTH)
        {
            return -1;
        }

        for (int w = 0, n = words(length); w < n; w++)
        {
            dst[dstOffset + w] = 0;
        }

        for (int i = 0; i < length; i++)
        {
            final int c = buffer.getByte(index + i);
            if (c < 0 || !VALID_CHAR[c])
            {
                return -1;
            }
            dst[dstOffset + (i >>> 3)] |= (long) c << ((i & 7) << 3);
        }

        return length;
    }

    private static long mix(final long value)
    {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
