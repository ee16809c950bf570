package io.ripple.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.ExcerptContext;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wire;
import net.openhft.chronicle.wire.Wires;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * Reads the records of a journal in order, for recovery, replay, tailing and the tools. Works on a journal another
 * process is appending to: {@link #poll(JournalRecordHandler, int)} returns 0 at the current end and later calls see
 * what was appended since.
 * <p>
 * A Chronicle excerpt that is complete but does not hold a well-formed record (too short, unknown kind, length that
 * disagrees with the excerpt) is skipped and counted in {@link #malformedRecords()}. An entry whose write never
 * completed (the writer died in the middle of it) is never delivered; {@link #isAtTornEntry()} tells whether the
 * reader stands in front of one.
 * <p>
 * <b>Threading.</b> One thread. Reading does not allocate.
 */
public final class JournalReader implements AutoCloseable
{
    static
    {
        JournalDirectory.disableChronicleReporting();
    }

    /**
     * Bytes after the last complete excerpt examined by {@link #isAtTornEntry()}.
     */
    public static final int TORN_SCAN_BYTES = 256;

    private final Path dir;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final UnsafeBuffer messageBuffer = new UnsafeBuffer(0, 0);
    private long malformedRecords;
    private long recordsRead;
    private long lastReadIndex = -1;

    private JournalReader(final Path dir, final boolean readOnly)
    {
        this.dir = dir;
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(dir).readOnly(readOnly);
        final String rollCycleName = JournalDirectory.rollCycleName(dir);
        if (null != rollCycleName)
        {
            try
            {
                builder.rollCycle(new JournalConfig().rollCycle(rollCycleName).rollCycle());
            }
            catch (final IllegalArgumentException ignore)
            {
                // Chronicle takes the roll cycle from the queue's metadata anyway; the name only avoids its warning.
            }
        }
        this.queue = builder.build();
        this.tailer = queue.createTailer();
    }

    /**
     * Open a journal for reading, positioned at its start. The journal is opened read-only, so a reader never changes
     * the files it reads.
     *
     * @param dir the journal directory.
     * @return a reader at the start of the journal.
     * @throws JournalDirectoryException if the path is not a Ripple journal.
     */
    public static JournalReader open(final Path dir)
    {
        JournalDirectory.check(dir);
        return new JournalReader(dir, true);
    }

    /**
     * Move to the first record of the journal.
     *
     * @return this for a fluent API.
     */
    public JournalReader toStart()
    {
        tailer.toStart();
        return this;
    }

    /**
     * Move to the current end of the journal, so that only records appended from now on are read.
     *
     * @return this for a fluent API.
     */
    public JournalReader toEnd()
    {
        tailer.toEnd();
        return this;
    }

    /**
     * Move back from the current end so that the last {@code count} excerpts are the next ones read.
     *
     * @param count how many of the last excerpts to read; 0 for none (the end).
     * @return this for a fluent API.
     */
    public JournalReader toLastRecords(final int count)
    {
        if (count <= 0)
        {
            tailer.toEnd();
            return this;
        }

        tailer.direction(TailerDirection.BACKWARD).toEnd();
        long firstIndex = -1;
        for (int i = 0; i < count; i++)
        {
            try (DocumentContext context = tailer.readingDocument())
            {
                if (!context.isPresent())
                {
                    break;
                }
                firstIndex = context.index();
            }
        }

        tailer.direction(TailerDirection.FORWARD);
        if (firstIndex < 0)
        {
            tailer.toStart();
        }
        else
        {
            tailer.moveToIndex(firstIndex);
        }

        return this;
    }

    /**
     * Move to a record so that it is the next one read.
     *
     * @param index Chronicle index of the record.
     * @return true if the record exists, false (position unchanged) if not.
     */
    public boolean moveToIndex(final long index)
    {
        return tailer.moveToIndex(index);
    }

    /**
     * Move past a record so that the record after it is the next one read.
     *
     * @param index Chronicle index of a record.
     * @return true if the record exists, false (position unchanged) if not.
     */
    public boolean moveAfterIndex(final long index)
    {
        if (!tailer.moveToIndex(index))
        {
            return false;
        }

        try (DocumentContext context = tailer.readingDocument())
        {
            return context.isPresent();
        }
    }

    /**
     * Deliver up to {@code limit} well-formed records to a handler, skipping malformed ones.
     *
     * @param handler receives the records.
     * @param limit   most records to deliver.
     * @return the number of records delivered, 0 when at the current end of the journal.
     */
    public int poll(final JournalRecordHandler handler, final int limit)
    {
        int delivered = 0;
        while (delivered < limit)
        {
            try (DocumentContext context = tailer.readingDocument())
            {
                if (!context.isPresent())
                {
                    break;
                }

                if (context.isMetaData())
                {
                    continue;
                }

                final long index = context.index();
                lastReadIndex = index;
                final Bytes<?> bytes = context.wire().bytes();
                final long position = bytes.readPosition();
                final long remaining = bytes.readRemaining();
                if (remaining < JournalRecord.HEADER_LENGTH)
                {
                    malformedRecords++;
                    continue;
                }

                final byte kind = bytes.readByte(position + JournalRecord.KIND_OFFSET);
                final int length = bytes.readInt(position + JournalRecord.LENGTH_OFFSET);
                if ((kind != JournalRecord.KIND_EVENT && kind != JournalRecord.KIND_ANSWER) ||
                    length < 0 || length != remaining - JournalRecord.HEADER_LENGTH)
                {
                    malformedRecords++;
                    continue;
                }

                final long sequence = bytes.readLong(position + JournalRecord.SEQUENCE_OFFSET);
                final long timestampNs = bytes.readLong(position + JournalRecord.TIMESTAMP_OFFSET);
                final long sessionId = bytes.readLong(position + JournalRecord.SESSION_ID_OFFSET);
                final long messagePosition = position + JournalRecord.HEADER_LENGTH;
                if (length > 0)
                {
                    messageBuffer.wrap(bytes.addressForRead(messagePosition, length), length);
                }
                else
                {
                    messageBuffer.wrap(0, 0);
                }

                recordsRead++;
                delivered++;
                handler.onRecord(index, kind, sequence, timestampNs, sessionId, messageBuffer, 0, length);
            }
        }

        return delivered;
    }

    /**
     * Is the reader in front of an entry whose write never completed? At the end of a journal whose writer died this
     * is a torn entry, which is never delivered; on a journal being written it may be an append in progress.
     * <p>
     * Chronicle writes an excerpt's length word last, when the excerpt is complete, so a writer that dies in the
     * middle of an append leaves its bytes after the last complete excerpt with a length word that is zero or marked
     * not complete. This looks for either in the {@value #TORN_SCAN_BYTES} bytes after the reader's position.
     *
     * @return true if bytes of an incomplete entry follow the last complete one.
     */
    public boolean isAtTornEntry()
    {
        if (!(tailer instanceof ExcerptContext))
        {
            return false;
        }

        final Wire wire = ((ExcerptContext) tailer).wire();
        if (null == wire)
        {
            return false;
        }

        final Bytes<?> bytes = wire.bytes();
        final long position = bytes.readPosition();
        final long end = Math.min(bytes.realCapacity(), position + TORN_SCAN_BYTES);
        if (position + Integer.BYTES > end)
        {
            return false;
        }

        final int header = bytes.readVolatileInt(position);
        if (0 != header)
        {
            return Wires.isNotComplete(header);
        }

        for (long scan = position + Integer.BYTES; scan + Long.BYTES <= end; scan += Long.BYTES)
        {
            if (0 != bytes.readLong(scan))
            {
                return true;
            }
        }

        return false;
    }

    /**
     * Complete excerpts skipped because they did not hold a well-formed record.
     *
     * @return the count since the reader was opened.
     */
    public long malformedRecords()
    {
        return malformedRecords;
    }

    /**
     * Records delivered since the reader was opened.
     *
     * @return the count.
     */
    public long recordsRead()
    {
        return recordsRead;
    }

    /**
     * Index of the last excerpt read, delivered or skipped.
     *
     * @return the index, or -1 if none.
     */
    public long lastReadIndex()
    {
        return lastReadIndex;
    }

    /**
     * Index of the first excerpt in the journal.
     *
     * @return the index, or {@link Long#MAX_VALUE} if the journal is empty.
     */
    public long firstIndex()
    {
        return queue.firstIndex();
    }

    /**
     * Index of the last complete excerpt in the journal.
     *
     * @return the index, or -1 if the journal is empty.
     */
    public long lastIndex()
    {
        return queue.lastIndex();
    }

    /**
     * Cycle (file) number an index belongs to.
     *
     * @param index a Chronicle index.
     * @return its cycle.
     */
    public int cycleOf(final long index)
    {
        return queue.rollCycle().toCycle(index);
    }

    /**
     * The journal directory.
     *
     * @return the path.
     */
    public Path dir()
    {
        return dir;
    }

    /**
     * Close the tailer and the queue.
     */
    public void close()
    {
        tailer.close();
        queue.close();
    }
}
