package io.ripple.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AsciiIdIndexTest
{
    @Test
    void shouldAgreeWithAHashMapUnderRandomInsertsAndRemovals()
    {
        final SplittableRandom random = new SplittableRandom(3);
        for (int seed = 0; seed < 20; seed++)
        {
            final int capacity = 1 + random.nextInt(40);
            final AsciiIdIndex index = new AsciiIdIndex(capacity, seed);
            final Map<String, Integer> expected = new HashMap<>();
            final ArrayDeque<Integer> free = new ArrayDeque<>();
            for (int slot = 0; slot < capacity; slot++)
            {
                free.add(slot);
            }

            for (int op = 0; op < 5_000; op++)
            {
                final String id = "id-" + random.nextInt(capacity * 2) + (random.nextBoolean() ? "" : ".long-suffix");
                final int length = index.pack(id);
                final int hash = index.hash(index.scratch, 0, length);
                final int found = index.find(index.scratch, 0, length, hash);
                assertEquals(expected.getOrDefault(id, -1), found, id);

                if (found >= 0 && random.nextBoolean())
                {
                    index.remove(found);
                    expected.remove(id);
                    free.add(found);
                }
                else if (found < 0 && !free.isEmpty())
                {
                    final int slot = free.poll();
                    index.put(slot, index.scratch, 0, length, hash);
                    expected.put(id, slot);
                }
                assertEquals(expected.size(), index.size());
            }
        }
    }

    @Test
    void shouldRoundTripIdsThroughTheirPackedForm()
    {
        final String id = "Az09._:@/-" + "x".repeat(54);
        final long[] words = new long[AsciiIdIndex.WORDS];

        assertEquals(64, AsciiIdIndex.pack(id, words, 0));
        assertEquals(id, new AsciiIdView().wrap(words, 0, 64).toString());
        assertEquals(-1, AsciiIdIndex.pack("x".repeat(65), words, 0));
        assertEquals(-1, AsciiIdIndex.pack("", words, 0));
        assertEquals(-1, AsciiIdIndex.pack("caf\u00e9", words, 0));
    }
}
