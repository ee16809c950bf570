package io.ripple.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

import java.nio.file.Path;

/**
 * Appends events and answers to a journal: one Chronicle Queue excerpt per record, laid out as described in
 * {@link JournalRecord}, written as raw bytes (no Wire fields) so that an append does not allocate.
 * <p>
 * <b>Durability.</b> An append returns once the record is in the memory-mapped journal file, so it survives a crash
 * of the process (including {@code kill -9}); it does not survive a crash of the machine before the operating system
 * writes the page back, which needs replication.
 * <p>
 * <b>Threading.</b> One thread appends; {@link #close()} from the same thread.
 */
public final class JournalWriter implements AutoCloseable
{
    static
    {
        JournalDirectory.disableChronicleReporting();
    }

    private final Path dir;
    private final JournalConfig config;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private long lastIndex = -1;
    private long eventsAppended;
    private long answersAppended;
    private boolean closed;

    private JournalWriter(final Path dir, final JournalConfig config)
    {
        this.dir = dir;
        this.config = config;
        this.queue = SingleChronicleQueueBuilder.binary(dir).rollCycle(config.rollCycle()).build();
        this.appender = queue.createAppender();
    }

    /**
     * Open a journal for appending, creating the directory and its marker if needed.
     *
     * @param dir    the journal directory.
     * @param config roll cycle and limits.
     * @return a writer positioned after the last record.
     * @throws JournalDirectoryException if the directory belongs to something else.
     */
    public static JournalWriter open(final Path dir, final JournalConfig config)
    {
        JournalDirectory.createOrCheck(dir, config.rollCycle().toString());
        return new JournalWriter(dir, config);
    }

    /**
     * Append an event that entered the ring. Does not allocate.
     *
     * @param ringSequence sequence of the event in the ring.
     * @param timestampNs  event time stamped at ingress, nanoseconds since the epoch.
     * @param sessionId    session the event came from, 0 for internal events.
     * @param buffer       holding the SBE message (header and body).
     * @param offset       where the message starts.
     * @param length       length of the message in bytes, 0 to {@link JournalConfig#maxMessageLength()}.
     * @return the Chronicle index of the record.
     * @throws JournalUnavailableException if the journal is closed or cannot be written.
     */
    public long appendEvent(
        final long ringSequence,
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final long index = append(
            JournalRecord.KIND_EVENT, ringSequence, timestampNs, sessionId, buffer, offset, length);
        eventsAppended++;
        return index;
    }

    /**
     * Append the engine's answer to a request, so that a replay can check that it gives the same answer. Does not
     * allocate.
     *
     * @param requestSequence ring sequence of the request answered.
     * @param timestampNs     engine time of the answer, nanoseconds since the epoch.
     * @param sessionId       session the answer goes to.
     * @param buffer          holding the SBE answer (header and body).
     * @param offset          where the answer starts.
     * @param length          length of the answer in bytes.
     * @return the Chronicle index of the record.
     * @throws JournalUnavailableException if the journal is closed or cannot be written.
     */
    public long appendAnswer(
        final long requestSequence,
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final long index = append(
            JournalRecord.KIND_ANSWER, requestSequence, timestampNs, sessionId, buffer, offset, length);
        answersAppended++;
        return index;
    }

    /**
     * Chronicle index of the last record this writer appended.
     *
     * @return the index, or -1 if nothing was appended yet.
     */
    public long lastIndex()
    {
        return lastIndex;
    }

    /**
     * Events appended by this writer.
     *
     * @return the count.
     */
    public long eventsAppended()
    {
        return eventsAppended;
    }

    /**
     * Answers appended by this writer.
     *
     * @return the count.
     */
    public long answersAppended()
    {
        return answersAppended;
    }

    /**
     * The journal directory.
     *
     * @return the path given to {@link #open(Path, JournalConfig)}.
     */
    public Path dir()
    {
        return dir;
    }

    /**
     * The configuration the writer was opened with.
     *
     * @return the configuration.
     */
    public JournalConfig config()
    {
        return config;
    }

    /**
     * Has {@link #close()} been called?
     *
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * Close the appender and the queue. Appending afterwards throws {@link JournalUnavailableException}.
     */
    public void close()
    {
        if (!closed)
        {
            closed = true;
            appender.close();
            queue.close();
        }
    }

    private long append(
        final byte kind,
        final long sequence,
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        if (closed)
        {
            throw new JournalUnavailableException("journal is closed: " + dir, null);
        }

        if (length < 0 || length > config.maxMessageLength() || offset < 0 || offset + length > buffer.capacity())
        {
            throw new IllegalArgumentException("bad message bounds: offset=" + offset + " length=" + length);
        }

        try (DocumentContext context = appender.writingDocument())
        {
            final Bytes<?> bytes = context.wire().bytes();
            bytes.writeByte(kind);
            bytes.writeLong(sequence);
            bytes.writeLong(timestampNs);
            bytes.writeLong(sessionId);
            bytes.writeInt(length);

            final byte[] array = buffer.byteArray();
            if (null != array)
            {
                bytes.unsafeWriteObject(array, (int) (buffer.addressOffset() + offset), length);
            }
            else
            {
                bytes.unsafeWrite(buffer.addressOffset() + offset, length);
            }
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw new JournalUnavailableException("cannot append to journal " + dir, ex);
        }

        lastIndex = appender.lastIndexAppended();
        return lastIndex;
    }
}
