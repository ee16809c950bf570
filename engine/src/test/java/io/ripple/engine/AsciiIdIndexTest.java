package io.ripple.engine;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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

    @Test
    void shouldFlagExactlyTheBytesOutsideTheIdCharactersInAWord()
    {
        final String allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:@/-";
        for (int position = 0; position < Long.BYTES; position++)
        {
            for (int value = 0; value < 256; value++)
            {
                final byte[] bytes = "qQ7.q_Z-".getBytes(StandardCharsets.US_ASCII);
                bytes[position] = (byte) value;
                final long word = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();

                final long expected = allowed.indexOf(value) >= 0 ? 0 : 0x80L << (position * 8);
                assertEquals(expected, AsciiIdIndex.invalidBytes(word), "byte " + value + " at " + position);
            }
        }
    }

    @Test
    void shouldPackIdsHeldAsBytesExactlyAsTheSameIdsHeldAsStrings()
    {
        final SplittableRandom random = new SplittableRandom(11);
        final String common = "abcxyzABCXYZ0189._:@/-";
        for (int i = 0; i < 200_000; i++)
        {
            final int length = 1 + random.nextInt(AsciiIdIndex.MAX_ID_LENGTH);
            final byte[] id = new byte[length];
            for (int c = 0; c < length; c++)
            {
                id[c] = random.nextInt(40) > 0 ?
                    (byte) common.charAt(random.nextInt(common.length())) : (byte) random.nextInt(256);
            }
            final String asString = new String(id, StandardCharsets.ISO_8859_1);
            final long[] expectedWords = new long[AsciiIdIndex.WORDS];
            final int expected = AsciiIdIndex.pack(asString, expectedWords, 0);

            // exactly sized (the tail read a byte at a time) and in a longer reused array with stale bytes after it
            final byte[] reused = new byte[255];
            Arrays.fill(reused, (byte) random.nextInt(256));
            System.arraycopy(id, 0, reused, 0, length);
            for (final byte[] bytes : new byte[][]{ id, reused })
            {
                final long[] words = new long[AsciiIdIndex.WORDS];
                assertEquals(expected, AsciiIdIndex.pack(bytes, length, words, 0), asString);
                if (expected > 0)
                {
                    assertArrayEquals(expectedWords, words, asString);
                }
            }
            assertEquals(expected, AsciiIdIndex.pack(new BytesId(reused, length), new long[AsciiIdIndex.WORDS], 0));
        }
    }

    @Test
    void shouldFindTheSameAgentByABytesIdAsByItsString()
    {
        final CoordinationEngine engine = new CoordinationEngine();
        final String id = "router-7.pool_a:b@c/d-e";
        final byte[] bytes = Arrays.copyOf(id.getBytes(StandardCharsets.US_ASCII), 255);
        final BytesId asBytes = new BytesId(bytes, id.length());
        assertNull(engine.onSignal(1_000_000L, asBytes, SignalType.LOAD, 0.25, 1.0, 60_000, 0));

        final AgentStateView byString = new AgentStateView();
        assertNull(engine.agentState(2_000_000L, id, byString));
        assertEquals(id, byString.agentId().toString());
        assertEquals(0.25, byString.value(SignalType.LOAD));

        asBytes.bytes()[3] = (byte) '!';
        assertEquals(ErrorCode.INVALID_AGENT_ID,
            engine.onSignal(3_000_000L, asBytes, SignalType.LOAD, 0.5, 1.0, 60_000, 0));
        assertEquals(ErrorCode.UNKNOWN_AGENT,
            engine.agentState(3_000_000L, new BytesId("nobody".getBytes(StandardCharsets.US_ASCII), 6), byString));
    }

    private static final class BytesId extends AsciiBytes
    {
        BytesId(final byte[] source, final int length)
        {
            super(source.length);
            System.arraycopy(source, 0, bytes(), 0, source.length);
            length(length);
        }
    }
}
