package io.ripple.journal;

import net.openhft.chronicle.bytes.MappedBytes;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Keeps the file system blocks under the next stretch of the journal's current cycle file allocated, so that the
 * appender never writes into a page of the memory-mapped file that the file system cannot back.
 * <p>
 * Chronicle writes through a mapping of a sparse file. A store into a hole when the file system is full raises
 * {@code SIGBUS}; for some of Chronicle's stores (the compare-and-set that completes an excerpt's header) the JVM
 * cannot turn that into an exception and the whole process dies. So before an append the writer asks for
 * {@link #reserveBytes()} to be allocated beyond the end of the last record, and the allocation is made the ordinary
 * way, by writing zeros with {@code pwrite} past that end, where a full file system answers with an
 * {@link IOException} that can be handled. Only bytes past the end of everything Chronicle has written are touched,
 * and those are zero already.
 * <p>
 * The writer's thread tops the allocation up in its idle moments, 16 KiB at a time up to twice the reserve ahead
 * ({@link #topUp()}), so under ordinary load an append finds the reserve in place. Only an append that finds it short
 * (a burst with no idle moment for 512 KiB of records) extends it itself, in a step of 512 KiB: eight writes of
 * 64 KiB, a few hundred microseconds on a shared laptop-class machine. The reservation survives
 * the appender being dropped and opened again after a failure, as long as it writes to the same file.
 * Single-threaded: the journal writer's thread only; allocates only when the journal moves to a new cycle file.
 */
final class SpaceReservation implements AutoCloseable
{
    private static final int ZEROS_LENGTH = 64 * 1024;
    private static final long STEP_BYTES = 8 * ZEROS_LENGTH;
    private static final int IDLE_STEP_BYTES = 16 * 1024;

    private final long reserveBytes;
    private final ByteBuffer zeros = ByteBuffer.allocateDirect(ZEROS_LENGTH);
    private File file;
    private FileChannel channel;
    private long endPosition = -1;
    private long allocatedLimit;

    SpaceReservation(final long reserveBytes)
    {
        this.reserveBytes = reserveBytes;
    }

    /**
     * Bytes kept allocated beyond the end of the last record.
     *
     * @return the reserve in bytes.
     */
    long reserveBytes()
    {
        return reserveBytes;
    }

    /**
     * Bytes allocated beyond the end of the last record, for tests.
     *
     * @return bytes allocated ahead, 0 before the end is known.
     */
    long allocatedAhead()
    {
        return null == channel ? 0 : allocatedLimit - endPosition;
    }

    /**
     * Allocate the reserve beyond the end of the last record if it is not allocated already. Before the first append
     * into a file its end is unknown and nothing is done.
     *
     * @throws IOException if the file system cannot allocate it (full); the appender must not write then.
     */
    void ensureReserve() throws IOException
    {
        if (null == channel || endPosition + reserveBytes <= allocatedLimit)
        {
            return;
        }

        final long targetLimit = endPosition + reserveBytes + STEP_BYTES;
        while (allocatedLimit < targetLimit)
        {
            zeros.clear().limit((int) Math.min(ZEROS_LENGTH, targetLimit - allocatedLimit));
            allocatedLimit += channel.write(zeros, allocatedLimit);
        }
    }

    /**
     * Extend the allocation by one small step if it is less than twice the reserve ahead of the last record: called
     * when the writer's thread has nothing else to do, so that under ordinary load {@link #ensureReserve()} finds the
     * reserve in place and appends do not pay for it.
     *
     * @return true if a step was written.
     * @throws IOException if the file system cannot allocate it; the next append then finds out for itself.
     */
    boolean topUp() throws IOException
    {
        if (null == channel || endPosition + 2 * reserveBytes <= allocatedLimit)
        {
            return false;
        }

        zeros.clear().limit(IDLE_STEP_BYTES);
        allocatedLimit += channel.write(zeros, allocatedLimit);
        return true;
    }

    /**
     * Note where the record just written ends; call while its excerpt is still open.
     *
     * @param bytes the appender's bytes, positioned after the record.
     */
    void onRecordWritten(final Object bytes)
    {
        if (!(bytes instanceof MappedBytes))
        {
            return;
        }

        final MappedBytes mappedBytes = (MappedBytes) bytes;
        final long position = mappedBytes.writePosition();
        final File mappedFile = mappedBytes.mappedFile().file();
        if (!mappedFile.equals(file))
        {
            onNewFile(mappedFile, position);
        }
        endPosition = position;
        allocatedLimit = Math.max(allocatedLimit, position);
    }

    private void onNewFile(final File mappedFile, final long position)
    {
        closeChannel();
        file = mappedFile;
        allocatedLimit = position;
        try
        {
            channel = FileChannel.open(mappedFile.toPath(), StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            file = null;
            endPosition = -1;
        }
    }

    /**
     * Close the file this reservation writes to.
     */
    public void close()
    {
        closeChannel();
        file = null;
        endPosition = -1;
    }

    private void closeChannel()
    {
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // Nothing was written through this channel that needs flushing: only zeros past the end.
            }
            channel = null;
        }
    }
}
