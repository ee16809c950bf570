package io.ripple.journal;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * A snapshot read back from disk and checked: the engine state as of a journal index, whole and with a matching
 * CRC32.
 */
public final class Snapshot
{
    private final Path path;
    private final long journalIndex;
    private final long timestampNs;
    private final int engineStateVersion;
    private final UnsafeBuffer engineState;

    Snapshot(
        final Path path,
        final long journalIndex,
        final long timestampNs,
        final int engineStateVersion,
        final UnsafeBuffer engineState)
    {
        this.path = path;
        this.journalIndex = journalIndex;
        this.timestampNs = timestampNs;
        this.engineStateVersion = engineStateVersion;
        this.engineState = engineState;
    }

    /**
     * File the snapshot was read from.
     *
     * @return the path.
     */
    public Path path()
    {
        return path;
    }

    /**
     * Last journal index whose effects the state includes; replay starts after it.
     *
     * @return the index, or -1 for a snapshot taken before anything was journaled.
     */
    public long journalIndex()
    {
        return journalIndex;
    }

    /**
     * Engine time of the snapshot, nanoseconds since the epoch.
     *
     * @return the time.
     */
    public long timestampNs()
    {
        return timestampNs;
    }

    /**
     * Format version of the engine state bytes.
     *
     * @return the version written with the state.
     */
    public int engineStateVersion()
    {
        return engineStateVersion;
    }

    /**
     * The engine state, exactly {@link #engineStateLength()} bytes from offset 0.
     *
     * @return a buffer over the state.
     */
    public DirectBuffer engineState()
    {
        return engineState;
    }

    /**
     * Length of the engine state.
     *
     * @return bytes.
     */
    public int engineStateLength()
    {
        return engineState.capacity();
    }

    /**
     * Build a dispatcher around an engine restored from this snapshot.
     *
     * @param sink receives the dispatcher's answers.
     * @return the dispatcher.
     * @throws IllegalArgumentException if the engine does not accept the state.
     */
    public EngineCommandDispatcher restore(final ResponseSink sink)
    {
        return EngineCommandDispatcher.fromSnapshot(engineState, 0, engineState.capacity(), sink);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "Snapshot{path=" + path + ", journalIndex=" + Long.toHexString(journalIndex) + ", timestampNs=" +
            timestampNs + ", engineStateLength=" + engineState.capacity() + '}';
    }
}
