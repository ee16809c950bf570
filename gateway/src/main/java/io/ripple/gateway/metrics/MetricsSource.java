package io.ripple.gateway.metrics;

import io.ripple.gateway.GatewayCounters;
import io.ripple.gateway.GatewayCounters.EngineFigure;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Reads the current value of each figure from the gateway's counters, the ring and the engine's copied figures.
 * Any thread; does not allocate.
 */
public final class MetricsSource
{
    private final GatewayCounters counters;
    private final LongSupplier ringOccupancy;
    private final LongSupplier epochNowNs;

    /**
     * Read from these.
     *
     * @param counters      of the gateway.
     * @param ringOccupancy events in the ring not yet through egress.
     * @param epochNowNs    clock in epoch nanoseconds, for the snapshot age.
     */
    public MetricsSource(
        final GatewayCounters counters, final LongSupplier ringOccupancy, final LongSupplier epochNowNs)
    {
        this.counters = counters;
        this.ringOccupancy = ringOccupancy;
        this.epochNowNs = epochNowNs;
    }

    /**
     * The gateway's counters.
     *
     * @return the counters.
     */
    public GatewayCounters counters()
    {
        return counters;
    }

    /**
     * Current value of a figure.
     *
     * @param metric which figure.
     * @return its value.
     */
    public long read(final GatewayMetric metric)
    {
        switch (metric)
        {
            case FRAMES_RECEIVED: return counters.framesReceived();
            case SESSIONS_OPEN: return counters.openSessions();
            case SESSIONS_OPENED: return counters.sessionsOpened();
            case SESSIONS_TIMED_OUT: return counters.sessionsTimedOut();
            case SLOW_CLIENTS_DISCONNECTED: return counters.slowClientsDisconnected();
            case EGRESS_DROPS: return counters.egressDrops();
            case UNANSWERED_REJECTIONS: return counters.unansweredRejections();
            case ERRORS: return counters.stageErrors();
            case SELECTIONS: return counters.engineFigure(EngineFigure.SELECTIONS);
            case SCORE_QUERIES: return counters.engineFigure(EngineFigure.SCORE_QUERIES);
            case STATE_QUERIES: return counters.engineFigure(EngineFigure.STATE_QUERIES);
            case PREDICTIONS: return counters.engineFigure(EngineFigure.PREDICTIONS);
            case WARNINGS: return counters.engineFigure(EngineFigure.WARNINGS);
            case TIMER_EVENTS: return counters.engineFigure(EngineFigure.TIMER_EVENTS);
            case EXPIRATIONS: return counters.engineFigure(EngineFigure.EXPIRATIONS);
            case EVICTIONS: return counters.engineFigure(EngineFigure.EVICTIONS);
            case AGENTS_TRACKED: return counters.engineFigure(EngineFigure.AGENTS_TRACKED);
            case JOURNAL_INDEX: return counters.journalIndex();
            case JOURNAL_BYTES: return counters.journalBytes();
            case JOURNAL_FREE_BYTES: return counters.journalUsableBytes();
            case JOURNAL_SPACE_LOW: return counters.isJournalSpaceLow() ? 1 : 0;
            case JOURNAL_SPACE_LOW_EPISODES: return counters.journalSpaceLowEpisodes();
            case SNAPSHOT_AGE_MS: return snapshotAgeMs();
            case RING_OCCUPANCY: return ringOccupancy.getAsLong();
            default: return 0;
        }
    }

    /**
     * Rejections with this code, by the gateway and by the engine.
     *
     * @param code the {@code ErrorCode} value.
     * @return the count.
     */
    public long rejections(final int code)
    {
        return counters.rejections(code) + counters.engineRejections(code);
    }

    private long snapshotAgeMs()
    {
        final long snapshotNs = counters.lastSnapshotTimestampNs();
        return 0 == snapshotNs ? -1 : TimeUnit.NANOSECONDS.toMillis(Math.max(0, epochNowNs.getAsLong() - snapshotNs));
    }
}
