package io.ripple.engine;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Named pools of agents, each an ordered list of agent slots in join order.
 * <p>
 * A pool exists from the first join to the last leave; its id is then reused, most recently freed first.
 */
final class PoolTable
{
    /**
     * Answer of {@link #lookup(CharSequence)} for a name that is not a valid pool name.
     */
    static final int INVALID_NAME = -2;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int INITIAL_MEMBERS = 8;

    private final int capacity;
    private final int maxMembers;
    final AsciiIdIndex names;
    final int[][] members;
    final int[] memberCounts;
    private final int[] freeIds;
    private int freeCount;
    private int highWater;
    private int count;
    private int lookedUpLength;
    private int lookedUpHash;

    PoolTable(final int maxPools, final int maxMembers, final long seed)
    {
        capacity = maxPools;
        this.maxMembers = maxMembers;
        names = new AsciiIdIndex(maxPools, seed);
        members = new int[maxPools][];
        memberCounts = new int[maxPools];
        freeIds = new int[maxPools];
    }

    int count()
    {
        return count;
    }

    int capacity()
    {
        return capacity;
    }

    boolean hasRoom()
    {
        return freeCount > 0 || highWater < capacity;
    }

    boolean isFull(final int pool)
    {
        return memberCounts[pool] >= maxMembers;
    }

    /**
     * Find a pool by packed name.
     *
     * @param words  holding the packed name.
     * @param offset of the first word.
     * @param length of the name, negative if invalid.
     * @param hash   of the name.
     * @return the pool id, or -1 if there is no such pool.
     */
    int find(final long[] words, final int offset, final int length, final int hash)
    {
        return names.find(words, offset, length, hash);
    }

    /**
     * Validate and find a pool name, remembering it for {@link #createLookedUp()}.
     *
     * @param name pool name.
     * @return the pool id, -1 if there is no such pool, or {@link #INVALID_NAME}.
     */
    int lookup(final CharSequence name)
    {
        final int length = names.pack(name);
        if (length < 0)
        {
            return INVALID_NAME;
        }

        lookedUpLength = length;
        lookedUpHash = names.hash(names.scratch, 0, length);
        return names.find(names.scratch, 0, length, lookedUpHash);
    }

    /**
     * Create the pool last given to {@link #lookup(CharSequence)}, which must have found none; call
     * {@link #hasRoom()} first.
     *
     * @return the new pool's id.
     */
    int createLookedUp()
    {
        final int pool = freeCount > 0 ? freeIds[--freeCount] : highWater++;
        names.put(pool, names.scratch, 0, lookedUpLength, lookedUpHash);
        if (null == members[pool])
        {
            members[pool] = new int[INITIAL_MEMBERS];
        }
        memberCounts[pool] = 0;
        count++;

        return pool;
    }

    void addMember(final int pool, final int slot)
    {
        int[] list = members[pool];
        final int size = memberCounts[pool];
        if (size == list.length)
        {
            list = Arrays.copyOf(list, Math.min(maxMembers, size * 2));
            members[pool] = list;
        }
        list[size] = slot;
        memberCounts[pool] = size + 1;
    }

    /**
     * Remove a member, keeping the join order of the others, and delete the pool if it is now empty.
     *
     * @param pool pool id.
     * @param slot member to remove.
     */
    void removeMember(final int pool, final int slot)
    {
        final int[] list = members[pool];
        final int size = memberCounts[pool];
        int index = 0;
        while (list[index] != slot)
        {
            index++;
        }
        System.arraycopy(list, index + 1, list, index, size - index - 1);
        memberCounts[pool] = size - 1;

        if (size == 1)
        {
            names.remove(pool);
            freeIds[freeCount++] = pool;
            count--;
        }
    }

    int encodedLength()
    {
        int length = Integer.BYTES * 3 + freeCount * Integer.BYTES;
        for (int pool = 0; pool < highWater; pool++)
        {
            if (memberCounts[pool] > 0)
            {
                length += Integer.BYTES + 1 + names.keyLength(pool) + Integer.BYTES +
                    memberCounts[pool] * Integer.BYTES;
            }
        }

        return length;
    }

    int encode(final MutableDirectBuffer buffer, final int offset)
    {
        int position = offset;
        buffer.putInt(position, highWater, ORDER);
        buffer.putInt(position + 4, freeCount, ORDER);
        position += 8;
        for (int i = 0; i < freeCount; i++)
        {
            buffer.putInt(position, freeIds[i], ORDER);
            position += Integer.BYTES;
        }

        buffer.putInt(position, count, ORDER);
        position += Integer.BYTES;
        final long[] keys = names.keys();
        for (int pool = 0; pool < highWater; pool++)
        {
            final int size = memberCounts[pool];
            if (size > 0)
            {
                buffer.putInt(position, pool, ORDER);
                position += Integer.BYTES;
                final int length = names.keyLength(pool);
                buffer.putByte(position++, (byte) length);
                AsciiIdIndex.putAscii(buffer, position, keys, AsciiIdIndex.keyOffset(pool), length);
                position += length;
                buffer.putInt(position, size, ORDER);
                position += Integer.BYTES;
                final int[] list = members[pool];
                for (int i = 0; i < size; i++)
                {
                    buffer.putInt(position, list[i], ORDER);
                    position += Integer.BYTES;
                }
            }
        }

        return position - offset;
    }

    /**
     * Restore pools from a snapshot.
     *
     * @param buffer   holding the snapshot.
     * @param offset   of the pool section.
     * @param poolMask per-agent pool membership words to fill.
     * @param words    number of words per agent.
     * @return the bytes read.
     */
    int decode(final DirectBuffer buffer, final int offset, final long[] poolMask, final int words)
    {
        int position = offset;
        highWater = buffer.getInt(position, ORDER);
        freeCount = buffer.getInt(position + 4, ORDER);
        position += 8;
        if (highWater < 0 || highWater > capacity || freeCount < 0 || freeCount > highWater)
        {
            throw new IllegalArgumentException("snapshot has invalid pool allocation");
        }
        for (int i = 0; i < freeCount; i++)
        {
            freeIds[i] = buffer.getInt(position, ORDER);
            position += Integer.BYTES;
        }

        final int poolCount = buffer.getInt(position, ORDER);
        position += Integer.BYTES;
        final long[] name = new long[AsciiIdIndex.WORDS];
        for (int i = 0; i < poolCount; i++)
        {
            final int pool = buffer.getInt(position, ORDER);
            position += Integer.BYTES;
            final int byteLength = buffer.getByte(position++);
            final int length = AsciiIdIndex.getAscii(buffer, position, byteLength, name, 0);
            position += Math.max(0, byteLength);
            final int size = buffer.getInt(position, ORDER);
            position += Integer.BYTES;

            final int hash = length < 0 ? 0 : names.hash(name, 0, length);
            if (pool < 0 || pool >= highWater || length < 0 || size <= 0 || size > maxMembers ||
                names.find(name, 0, length, hash) >= 0)
            {
                throw new IllegalArgumentException("snapshot has an invalid pool");
            }
            names.put(pool, name, 0, length, hash);
            final int[] list = new int[Math.max(INITIAL_MEMBERS, size)];
            for (int m = 0; m < size; m++)
            {
                final int slot = buffer.getInt(position, ORDER);
                position += Integer.BYTES;
                if (slot < 0 || (long) slot * words >= poolMask.length)
                {
                    throw new IllegalArgumentException("snapshot has an invalid pool member");
                }
                list[m] = slot;
                poolMask[slot * words + (pool >>> 6)] |= 1L << (pool & 63);
            }
            members[pool] = list;
            memberCounts[pool] = size;
            count++;
        }

        return position - offset;
    }
}
