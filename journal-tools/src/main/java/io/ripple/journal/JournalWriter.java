package io.ripple.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Appends events and answers to a journal: one Chronicle Queue excerpt per record, laid out as described in
 * {@link JournalRecord}, written as raw bytes (no Wire fields) so that an append does not allocate.
 * <p>
 * <b>Durability.</b> An append returns once the record is in the memory-mapped journal file, so it survives a crash
 * of the process (including {@code kill -9}); it does not survive a crash of the machine before the operating system
 * writes the page back, which needs replication.
 * <p>
 * <b>Full file system.</b> The writer keeps at least a megabyte (four of the longest messages) allocated ahead of
 * the last record in the current cycle file, allocated by ordinary writes of zeros, so that Chronicle never stores
 * into a hole of its memory-mapped file that the file system cannot fill: such a store raises {@code SIGBUS}, which
 * the JVM can turn into an {@link InternalError} for some stores but not for all, and then the process dies. When the
 * reserve cannot be allocated the append throws {@link JournalUnavailableException} without touching the journal,
 * and the next attempt is made on an append at least {@link JournalConfig#reopenIntervalMs()} later. The first
 * record of a new cycle file (and the first after opening) is written before its file is known, so it is not covered;
 * the gateway's free-space threshold keeps the file system from getting that full.
 * <p>
 * <b>Failure and recovery.</b> An append that fails inside Chronicle rolls its excerpt back where it can and throws
 * {@link JournalUnavailableException}. The appender may be unusable afterwards, so the writer drops it and its queue;
 * the next append at least {@link JournalConfig#reopenIntervalMs()} later opens them again and writes after the last
 * complete record, while appends before then fail at once. Records appended before a failure stay readable.
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
    private static final long MIN_RESERVE_BYTES = 1024 * 1024;

    private final long reopenIntervalNs;
    private final SpaceReservation reservation;
    private SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private long lastIndex = -1;
    private long eventsAppended;
    private long answersAppended;
    private long failures;
    private long reopens;
    private long failedAtNs;
    private boolean reservationFailed;
    private boolean closed;

    private JournalWriter(final Path dir, final JournalConfig config)
    {
        this.dir = dir;
        this.config = config;
        this.reopenIntervalNs = TimeUnit.MILLISECONDS.toNanos(config.reopenIntervalMs());
        this.reservation = new SpaceReservation(Math.max(MIN_RESERVE_BYTES, 4L * config.maxMessageLength()));
        openAppender();
    }

    private void openAppender()
    {
        final SingleChronicleQueueBuilder builder =
            SingleChronicleQueueBuilder.binary(dir).rollCycle(config.rollCycle());
        if (config.blockSizeBytes() > 0)
        {
            builder.blockSize(config.blockSizeBytes());
        }
        queue = builder.build();
        try
        {
            appender = queue.createAppender();
        }
        catch (final RuntimeException | Error ex)
        {
            queue.close();
            queue = null;
            throw ex;
        }
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
     * Work for an idle moment of the writing thread: allocate a little more of the space kept ahead of the last
     * record (see the class description), so that appends under ordinary load never wait for it. Does not allocate
     * on the heap; a failure is left for the next append to meet and report.
     *
     * @return 1 if something was done, 0 if there was nothing to do.
     */
    public int doIdleWork()
    {
        if (closed || null == appender || reservationFailed)
        {
            return 0;
        }

        try
        {
            return reservation.topUp() ? 1 : 0;
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }

    long spaceAllocatedAhead()
    {
        return reservation.allocatedAhead();
    }

    long spaceReserveBytes()
    {
        return reservation.reserveBytes();
    }

    /**
     * Appends that failed since the writer was opened.
     *
     * @return the count.
     */
    public long failures()
    {
        return failures;
    }

    /**
     * Times the appender was opened again after a failure.
     *
     * @return the count.
     */
    public long reopens()
    {
        return reopens;
    }

    /**
     * Is the writer between a failed append and the next successful one?
     *
     * @return true while the last append failed.
     */
    public boolean isFailed()
    {
        return null == appender || reservationFailed;
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
            dropAppender();
            reservation.close();
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

        if (null == appender)
        {
            reopenAfterFailure();
        }
        reserveSpace();

        DocumentContext context = null;
        try
        {
            context = appender.writingDocument();
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
            reservation.onRecordWritten(bytes);
            context.close();
        }
        catch (final RuntimeException | InternalError ex)
        {
            onAppendFailed(context);
            throw new JournalUnavailableException("cannot append to journal " + dir, ex);
        }

        lastIndex = appender.lastIndexAppended();
        return lastIndex;
    }

    private void reserveSpace()
    {
        if (reservationFailed && System.nanoTime() - failedAtNs < reopenIntervalNs)
        {
            throw new JournalUnavailableException("journal " + dir + " has no space; next check within " +
                config.reopenIntervalMs() + " ms", null);
        }

        try
        {
            reservation.ensureReserve();
            reservationFailed = false;
        }
        catch (final IOException ex)
        {
            failures++;
            failedAtNs = System.nanoTime();
            reservationFailed = true;
            throw new JournalUnavailableException("cannot reserve space for journal " + dir, ex);
        }
    }

    private void reopenAfterFailure()
    {
        if (System.nanoTime() - failedAtNs < reopenIntervalNs)
        {
            throw new JournalUnavailableException("journal " + dir + " failed; next attempt to reopen it within " +
                config.reopenIntervalMs() + " ms", null);
        }

        try
        {
            openAppender();
            reopens++;
        }
        catch (final RuntimeException | InternalError ex)
        {
            appender = null;
            failedAtNs = System.nanoTime();
            throw new JournalUnavailableException("cannot reopen journal " + dir, ex);
        }
    }

    private void onAppendFailed(final DocumentContext context)
    {
        failures++;
        failedAtNs = System.nanoTime();
        if (null != context && context.isOpen())
        {
            try
            {
                context.rollbackOnClose();
                context.close();
            }
            catch (final RuntimeException | InternalError ignore)
            {
                // The excerpt stays incomplete; readers stop before it and the reopened appender recovers it.
            }
        }
        dropAppender();
    }

    private void dropAppender()
    {
        final ExcerptAppender oldAppender = appender;
        final SingleChronicleQueue oldQueue = queue;
        appender = null;
        queue = null;
        try
        {
            if (null != oldAppender)
            {
                oldAppender.close();
            }
        }
        catch (final RuntimeException | InternalError ignore)
        {
            // Closing a broken appender may fail again; the queue is closed below regardless.
        }
        try
        {
            if (null != oldQueue)
            {
                oldQueue.close();
            }
        }
        catch (final RuntimeException | InternalError ignore)
        {
            // The files are released when the process exits; nothing more can be done here.
        }
    }
}
