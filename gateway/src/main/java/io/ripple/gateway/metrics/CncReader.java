package io.ripple.gateway.metrics;

import io.aeron.CncFileDescriptor;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A read-only view of a media driver's CnC file: its counters and its distinct error log, for {@code ripple stat}
 * and {@code ripple errors}. Does not connect to the driver.
 */
public final class CncReader implements AutoCloseable
{
    private final MappedByteBuffer cncByteBuffer;
    private final CountersReader countersReader;
    private final AtomicBuffer errorLogBuffer;

    private CncReader(final MappedByteBuffer cncByteBuffer)
    {
        this.cncByteBuffer = cncByteBuffer;
        final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(cncByteBuffer);
        final int version = metaData.getInt(CncFileDescriptor.cncVersionOffset(0));
        if (0 == version)
        {
            throw new IllegalStateException("the CnC file is not ready (the driver is starting)");
        }
        countersReader = new CountersReader(
            CncFileDescriptor.createCountersMetaDataBuffer(cncByteBuffer, metaData),
            CncFileDescriptor.createCountersValuesBuffer(cncByteBuffer, metaData),
            StandardCharsets.US_ASCII);
        errorLogBuffer = CncFileDescriptor.createErrorLogBuffer(cncByteBuffer, metaData);
    }

    /**
     * Map the CnC file of a driver.
     *
     * @param aeronDirectoryName the driver's Aeron directory.
     * @return the reader.
     * @throws IllegalStateException if there is no CnC file there.
     */
    public static CncReader open(final String aeronDirectoryName)
    {
        final File cncFile = new File(aeronDirectoryName, CncFileDescriptor.CNC_FILE);
        if (!cncFile.exists())
        {
            throw new IllegalStateException("no media driver at " + aeronDirectoryName + " (no " +
                CncFileDescriptor.CNC_FILE + ")");
        }
        return new CncReader(IoUtil.mapExistingFile(cncFile, "cnc"));
    }

    /**
     * The driver's counters.
     *
     * @return the counters reader.
     */
    public CountersReader counters()
    {
        return countersReader;
    }

    /**
     * The driver's distinct error log, read with {@code ErrorLogReader}.
     *
     * @return the error log buffer.
     */
    public AtomicBuffer errorLog()
    {
        return errorLogBuffer;
    }

    /**
     * Unmap the file.
     */
    public void close()
    {
        IoUtil.unmap(cncByteBuffer);
    }
}
