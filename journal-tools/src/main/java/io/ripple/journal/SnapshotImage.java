package io.ripple.journal;

/**
 * Engine state captured in memory for a snapshot, with what the SnapshotHeader needs, ready to be persisted by
 * {@link SnapshotStore#persist(SnapshotImage)} on any thread.
 */
public final class SnapshotImage
{
    final long journalIndex;
    final long timestampNs;
    final byte[] engineState;
    final int engineStateLength;
    final int checksum;

    SnapshotImage(
        final long journalIndex,
        final long timestampNs,
        final byte[] engineState,
        final int engineStateLength,
        final int checksum)
    {
        this.journalIndex = journalIndex;
        this.timestampNs = timestampNs;
        this.engineState = engineState;
        this.engineStateLength = engineStateLength;
        this.checksum = checksum;
    }

    /**
     * Last journal index the state includes.
     *
     * @return the index, or -1.
     */
    public long journalIndex()
    {
        return journalIndex;
    }

    /**
     * Engine time of the snapshot.
     *
     * @return nanoseconds since the epoch.
     */
    public long timestampNs()
    {
        return timestampNs;
    }

    /**
     * Length of the engine state.
     *
     * @return bytes.
     */
    public int engineStateLength()
    {
        return engineStateLength;
    }

    /**
     * CRC32 of the engine state.
     *
     * @return the low 32 bits of the CRC.
     */
    public int checksum()
    {
        return checksum;
    }
}
