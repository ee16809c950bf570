package io.ripple.journal;

import io.ripple.codecs.ProtocolLimits;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * Settings of a journal and of the retention of its files and snapshots. Mutable builder style; not thread-safe.
 * <p>
 * Retention: the journal keeps every cycle file that the oldest retained snapshot still needs (the cycle holding the
 * entry after the snapshot's journal index, and every later one), and the newest {@link #retainedSnapshots()}
 * snapshots. With {@link #deleteCoveredCycles()} false nothing is ever deleted from the journal.
 */
public final class JournalConfig
{
    static
    {
        JournalDirectory.disableChronicleReporting();
    }

    /**
     * Roll cycle used unless another is set: one file per hour, up to 4,294,967,295 entries per hour.
     */
    public static final RollCycle DEFAULT_ROLL_CYCLE = RollCycles.FAST_HOURLY;

    /**
     * Snapshots kept by default: the newest and two to fall back on.
     */
    public static final int DEFAULT_RETAINED_SNAPSHOTS = 3;

    /**
     * Least time between two attempts of {@link JournalWriter} to reopen the journal after a failed append.
     */
    public static final long DEFAULT_REOPEN_INTERVAL_MS = 100;

    private RollCycle rollCycle = DEFAULT_ROLL_CYCLE;
    private long blockSizeBytes;
    private long reopenIntervalMs = DEFAULT_REOPEN_INTERVAL_MS;
    private int retainedSnapshots = DEFAULT_RETAINED_SNAPSHOTS;
    private boolean deleteCoveredCycles = true;
    private int maxMessageLength = ProtocolLimits.MAX_MESSAGE_LENGTH;

    /**
     * How often the journal starts a new file.
     *
     * @return the roll cycle.
     */
    public RollCycle rollCycle()
    {
        return rollCycle;
    }

    /**
     * Set how often the journal starts a new file.
     *
     * @param rollCycle any Chronicle roll cycle.
     * @return this for a fluent API.
     */
    public JournalConfig rollCycle(final RollCycle rollCycle)
    {
        this.rollCycle = rollCycle;
        return this;
    }

    /**
     * Set the roll cycle by its name, for example {@code FAST_HOURLY}, {@code FAST_DAILY} or {@code LARGE_DAILY}.
     *
     * @param name of one of Chronicle's roll cycles.
     * @return this for a fluent API.
     * @throws IllegalArgumentException if no roll cycle has that name.
     */
    public JournalConfig rollCycle(final String name)
    {
        for (final RollCycle candidate : RollCycles.all())
        {
            if (candidate.toString().equals(name))
            {
                this.rollCycle = candidate;
                return this;
            }
        }

        throw new IllegalArgumentException("unknown roll cycle: " + name);
    }

    /**
     * Number of snapshots kept; older ones are deleted after a new one is written.
     *
     * @return at least 1.
     */
    public int retainedSnapshots()
    {
        return retainedSnapshots;
    }

    /**
     * Set the number of snapshots kept.
     *
     * @param retainedSnapshots at least 1.
     * @return this for a fluent API.
     */
    public JournalConfig retainedSnapshots(final int retainedSnapshots)
    {
        if (retainedSnapshots < 1)
        {
            throw new IllegalArgumentException("retainedSnapshots must be at least 1: " + retainedSnapshots);
        }

        this.retainedSnapshots = retainedSnapshots;
        return this;
    }

    /**
     * Are journal cycle files that no retained snapshot needs deleted after a snapshot is written?
     *
     * @return true to delete them (the default), false to keep the whole journal.
     */
    public boolean deleteCoveredCycles()
    {
        return deleteCoveredCycles;
    }

    /**
     * Choose whether journal cycle files that no retained snapshot needs are deleted.
     *
     * @param deleteCoveredCycles false to keep the whole journal.
     * @return this for a fluent API.
     */
    public JournalConfig deleteCoveredCycles(final boolean deleteCoveredCycles)
    {
        this.deleteCoveredCycles = deleteCoveredCycles;
        return this;
    }

    /**
     * Longest SBE message accepted by {@link JournalWriter}, in bytes.
     *
     * @return the limit, {@link ProtocolLimits#MAX_MESSAGE_LENGTH} by default.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * Set the longest SBE message accepted by {@link JournalWriter}.
     *
     * @param maxMessageLength in bytes, positive.
     * @return this for a fluent API.
     */
    public JournalConfig maxMessageLength(final int maxMessageLength)
    {
        if (maxMessageLength < 1)
        {
            throw new IllegalArgumentException("maxMessageLength must be positive: " + maxMessageLength);
        }

        this.maxMessageLength = maxMessageLength;
        return this;
    }

    /**
     * Size of the chunks in which Chronicle maps journal files, in bytes.
     *
     * @return the block size, 0 for Chronicle's default.
     */
    public long blockSizeBytes()
    {
        return blockSizeBytes;
    }

    /**
     * Set the size of the chunks in which Chronicle maps journal files; small journals on small file systems want
     * a small block.
     *
     * @param blockSizeBytes 0 for Chronicle's default, else at least 64 KiB.
     * @return this for a fluent API.
     */
    public JournalConfig blockSizeBytes(final long blockSizeBytes)
    {
        if (0 != blockSizeBytes && blockSizeBytes < 64 * 1024)
        {
            throw new IllegalArgumentException("blockSizeBytes must be 0 or at least 64 KiB: " + blockSizeBytes);
        }

        this.blockSizeBytes = blockSizeBytes;
        return this;
    }

    /**
     * Least time between two attempts of {@link JournalWriter} to reopen the journal after a failed append; appends
     * in between fail at once.
     *
     * @return the interval in milliseconds.
     */
    public long reopenIntervalMs()
    {
        return reopenIntervalMs;
    }

    /**
     * Set the least time between two attempts to reopen the journal after a failed append.
     *
     * @param reopenIntervalMs in milliseconds, 0 or more.
     * @return this for a fluent API.
     */
    public JournalConfig reopenIntervalMs(final long reopenIntervalMs)
    {
        if (reopenIntervalMs < 0)
        {
            throw new IllegalArgumentException("reopenIntervalMs must not be negative: " + reopenIntervalMs);
        }

        this.reopenIntervalMs = reopenIntervalMs;
        return this;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "JournalConfig{rollCycle=" + rollCycle + ", blockSizeBytes=" + blockSizeBytes +
            ", reopenIntervalMs=" + reopenIntervalMs + ", retainedSnapshots=" + retainedSnapshots +
            ", deleteCoveredCycles=" + deleteCoveredCycles + ", maxMessageLength=" + maxMessageLength + '}';
    }
}
