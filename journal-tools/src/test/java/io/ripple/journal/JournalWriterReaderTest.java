package io.ripple.journal;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalWriterReaderTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadBackEventsAndAnswersFromHeapAndDirectBuffers()
    {
        // given
        final ExpandableArrayBuffer heap = new ExpandableArrayBuffer(64);
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        for (int i = 0; i < 64; i++)
        {
            heap.putByte(i, (byte) i);
            direct.putByte(i, (byte) (100 + i));
        }

        // when
        final long[] indexes = new long[3];
        try (JournalWriter writer = JournalWriter.open(dir, new JournalConfig()))
        {
            indexes[0] = writer.appendEvent(7, 1_000L, 42, heap, 3, 10);
            indexes[1] = writer.appendAnswer(7, 2_000L, 42, direct, 5, 20);
            indexes[2] = writer.appendEvent(8, 3_000L, 0, heap, 0, 0);
        }

        // then
        final List<Captured> records = readAll(dir);
        assertEquals(3, records.size());
        assertEquals(new Captured(indexes[0], JournalRecord.KIND_EVENT, 7, 1_000L, 42, range(3, 10)), records.get(0));
        assertEquals(
            new Captured(indexes[1], JournalRecord.KIND_ANSWER, 7, 2_000L, 42, range(105, 20)), records.get(1));
        assertEquals(new Captured(indexes[2], JournalRecord.KIND_EVENT, 8, 3_000L, 0, new byte[0]), records.get(2));
    }

    @Test
    void shouldTopUpTheSpaceReserveWhenIdleSoThatAppendsFindItInPlace()
    {
        // given
        final UnsafeBuffer message = new UnsafeBuffer(new byte[100]);
        try (JournalWriter writer = JournalWriter.open(dir, new JournalConfig()))
        {
            writer.appendEvent(1, 10, 1, message, 0, 100);
            writer.appendEvent(2, 20, 1, message, 0, 100);
            final long reserve = writer.spaceReserveBytes();
            final long aheadAfterAppends = writer.spaceAllocatedAhead();
            assertTrue(aheadAfterAppends >= reserve, "ahead " + aheadAfterAppends + " < reserve " + reserve);

            // when
            int steps = 0;
            while (writer.doIdleWork() > 0)
            {
                steps++;
                assertTrue(steps < 10_000, "idle work never finishes");
            }

            // then
            assertTrue(steps > 0, "idle work did nothing while the reserve was below twice its size");
            assertTrue(writer.spaceAllocatedAhead() >= 2 * reserve);
            assertEquals(0, writer.doIdleWork());
            final long ahead = writer.spaceAllocatedAhead();
            writer.appendEvent(3, 30, 1, message, 0, 100);
            assertTrue(writer.spaceAllocatedAhead() < ahead, "an append with the reserve in place wrote more zeros");
        }
        assertEquals(3, readAll(dir).size());
    }

    @Test
    void shouldContinueAfterLastRecordWhenReopened()
    {
        // given
        final UnsafeBuffer message = new UnsafeBuffer(new byte[]{ 1, 2, 3 });
        try (JournalWriter writer = JournalWriter.open(dir, new JournalConfig()))
        {
            writer.appendEvent(1, 10, 1, message, 0, 3);
        }

        // when
        final long secondIndex;
        try (JournalWriter writer = JournalWriter.open(dir, new JournalConfig()))
        {
            secondIndex = writer.appendEvent(2, 20, 1, message, 0, 3);
        }

        // then
        final List<Captured> records = readAll(dir);
        assertEquals(2, records.size());
        assertEquals(secondIndex, records.get(1).index);
        assertEquals(2, records.get(1).sequence);
    }

    @Test
    void shouldRefuseToAppendAfterClose()
    {
        // given
        final JournalWriter writer = JournalWriter.open(dir, new JournalConfig());
        writer.close();

        // when / then
        assertThrows(
            JournalUnavailableException.class,
            () -> writer.appendEvent(1, 1, 1, new UnsafeBuffer(new byte[1]), 0, 1));
    }

    @Test
    void shouldRejectForeignDirectory() throws Exception
    {
        // given
        Files.writeString(dir.resolve("notes.txt"), "someone else's");

        // when / then
        assertThrows(JournalDirectoryException.class, () -> JournalWriter.open(dir, new JournalConfig()));
        assertThrows(JournalDirectoryException.class, () -> JournalReader.open(dir));
        assertThrows(JournalDirectoryException.class, () -> JournalReader.open(dir.resolve("missing")));
    }

    @Test
    void shouldSeeRecordsAppendedWhileReading()
    {
        // given
        final UnsafeBuffer message = new UnsafeBuffer(new byte[]{ 9 });
        try (JournalWriter writer = JournalWriter.open(dir, new JournalConfig());
            JournalReader reader = JournalReader.open(dir))
        {
            final List<Captured> seen = new ArrayList<>();
            writer.appendEvent(1, 1, 1, message, 0, 1);
            assertEquals(1, reader.poll((i, k, s, t, id, b, o, l) -> seen.add(capture(i, k, s, t, id, b, o, l)), 10));
            assertEquals(0, reader.poll((i, k, s, t, id, b, o, l) -> seen.add(capture(i, k, s, t, id, b, o, l)), 10));

            // when
            writer.appendEvent(2, 2, 1, message, 0, 1);

            // then
            assertEquals(1, reader.poll((i, k, s, t, id, b, o, l) -> seen.add(capture(i, k, s, t, id, b, o, l)), 10));
            assertEquals(2, seen.get(1).sequence);
            assertFalse(reader.isAtTornEntry());
            assertTrue(reader.lastIndex() >= seen.get(1).index);
        }
    }

    static List<Captured> readAll(final Path dir)
    {
        final List<Captured> records = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir))
        {
            while (reader.poll((i, k, s, t, id, b, o, l) -> records.add(capture(i, k, s, t, id, b, o, l)), 100) > 0)
            {
                assertEquals(0, reader.malformedRecords());
            }
        }

        return records;
    }

    static Captured capture(
        final long index,
        final byte kind,
        final long sequence,
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return new Captured(index, kind, sequence, timestampNs, sessionId, bytes);
    }

    private static byte[] range(final int first, final int length)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte) (first + i);
        }

        return bytes;
    }

    static final class Captured
    {
        final long index;
        final byte kind;
        final long sequence;
        final long timestampNs;
        final long sessionId;
        final byte[] message;

        Captured(
            final long index,
            final byte kind,
            final long sequence,
            final long timestampNs,
            final long sessionId,
            final byte[] message)
        {
            this.index = index;
            this.kind = kind;
            this.sequence = sequence;
            this.timestampNs = timestampNs;
            this.sessionId = sessionId;
            this.message = message;
        }

        public boolean equals(final Object other)
        {
            if (!(other instanceof Captured))
            {
                return false;
            }

            final Captured that = (Captured) other;
            assertArrayEquals(message, that.message);
            return index == that.index && kind == that.kind && sequence == that.sequence &&
                timestampNs == that.timestampNs && sessionId == that.sessionId;
        }

        public int hashCode()
        {
            return Long.hashCode(index);
        }

        public String toString()
        {
            return "Captured{index=" + index + ", kind=" + kind + ", sequence=" + sequence + ", timestampNs=" +
                timestampNs + ", sessionId=" + sessionId + ", length=" + message.length + '}';
        }
    }
}
