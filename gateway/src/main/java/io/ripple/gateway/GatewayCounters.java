package io.ripple.gateway;

import io.ripple.codecs.ProtocolLimits;
import io.ripple.engine.EngineMetrics;
import io.ripple.engine.ErrorCode;
import io.ripple.engine.SignalType;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.ErrorHandler;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of the gateway, written by the ingress thread and the ring stages and read by anyone (the engine stage
 * merges them into {@code MetricsSnapshot}, the metrics service copies them into the driver's counters and the
 * Prometheus endpoint, the server reports them at shutdown). Updates are single atomic increments or ordered writes
 * from the owning thread: no locks, no allocation.
 */
public final class GatewayCounters
{
    private static final int MAX_CODE = 64;

    private final AtomicLongArray rejectionsByCode = new AtomicLongArray(MAX_CODE);
    private final AtomicInteger openSessions = new AtomicInteger();
    private final AtomicLong framesReceived = new AtomicLong();
    private final AtomicLongArray requestsByTemplate = new AtomicLongArray(ProtocolLimits.FIRST_INTERNAL_TEMPLATE_ID);
    private final AtomicLong sessionsOpened = new AtomicLong();
    private final AtomicLong sessionsTimedOut = new AtomicLong();
    private final AtomicLong slowClientsDisconnected = new AtomicLong();
    private final AtomicLong egressDrops = new AtomicLong();
    private final AtomicLong unansweredRejections = new AtomicLong();
    private final AtomicLong stageErrors = new AtomicLong();
    private final AtomicLong journalIndex = new AtomicLong(-1);
    private final AtomicLong journalBytes = new AtomicLong();
    private final AtomicLong lastSnapshotTimestampNs = new AtomicLong();
    private final AtomicLong journalUsableBytes = new AtomicLong(-1);
    private final AtomicLong journalSpaceLowEpisodes = new AtomicLong();
    private volatile boolean journalSpaceLow;
    private final AtomicLongArray engineFigures = new AtomicLongArray(EngineFigure.values().length);
    private final AtomicLongArray engineSignalsByType = new AtomicLongArray(SIGNAL_TYPES.length);
    private final AtomicLongArray engineRejectionsByCode = new AtomicLongArray(MAX_CODE);
    private final SingleWriterRecorder engineServiceTimeNs = newLatencyRecorder();
    private final SingleWriterRecorder ingressToEgressNs = newLatencyRecorder();
    private volatile ErrorHandler errorHandler = (throwable) -> {};

    /**
     * Figures the engine owns, copied by the engine thread with ordered writes on every timer event.
     */
    public enum EngineFigure
    {
        /** Selections made. */
        SELECTIONS,
        /** Score queries answered. */
        SCORE_QUERIES,
        /** Agent state queries answered. */
        STATE_QUERIES,
        /** Overload predictions made. */
        PREDICTIONS,
        /** Signals expired by sweeps. */
        EXPIRATIONS,
        /** Agents evicted by sweeps. */
        EVICTIONS,
        /** Overload warnings published. */
        WARNINGS,
        /** Timer events applied. */
        TIMER_EVENTS,
        /** Agents tracked now. */
        AGENTS_TRACKED
    }

    private static final long MAX_RECORDED_NS = 60_000_000_000L;
    private static final SignalType[] SIGNAL_TYPES = SignalType.values();
    private static final ErrorCode[] ENGINE_CODES = ErrorCode.values();

    /**
     * Count a rejection by the gateway.
     *
     * @param code the {@code ErrorCode} value.
     */
    public void onRejection(final int code)
    {
        if (code > 0 && code < MAX_CODE)
        {
            rejectionsByCode.incrementAndGet(code);
        }
    }

    /**
     * Rejections by the gateway with this code.
     *
     * @param code the {@code ErrorCode} value.
     * @return the count.
     */
    public long rejections(final int code)
    {
        return code > 0 && code < MAX_CODE ? rejectionsByCode.get(code) : 0;
    }

    /**
     * Largest error code value counted, exclusive.
     *
     * @return the bound of error code values.
     */
    public int codeLimit()
    {
        return MAX_CODE;
    }

    /**
     * Count a rejection that could not be answered (no session to answer on).
     */
    public void onUnansweredRejection()
    {
        unansweredRejections.incrementAndGet();
    }

    /**
     * Rejections that could not be answered.
     *
     * @return the count.
     */
    public long unansweredRejections()
    {
        return unansweredRejections.get();
    }

    /**
     * Count a frame received.
     */
    public void onFrameReceived()
    {
        framesReceived.incrementAndGet();
    }

    /**
     * Frames received.
     *
     * @return the count.
     */
    public long framesReceived()
    {
        return framesReceived.get();
    }

    /**
     * Count a request that passed the frame checks, by template; ingress thread only (single writer, an ordered
     * write: no lock, no allocation).
     *
     * @param templateId of the request, a client request template.
     */
    public void onRequestReceived(final int templateId)
    {
        if (templateId >= 0 && templateId < requestsByTemplate.length())
        {
            requestsByTemplate.lazySet(templateId, requestsByTemplate.get(templateId) + 1);
        }
    }

    /**
     * Requests of a template that passed the frame checks, whether or not they were accepted afterwards.
     *
     * @param templateId of the request.
     * @return the count, 0 for a template no client may send.
     */
    public long requestsReceived(final int templateId)
    {
        return templateId >= 0 && templateId < requestsByTemplate.length() ? requestsByTemplate.get(templateId) : 0;
    }

    /**
     * A session opened.
     */
    public void onSessionOpened()
    {
        sessionsOpened.incrementAndGet();
        openSessions.incrementAndGet();
    }

    /**
     * A session closed, for any reason.
     */
    public void onSessionClosed()
    {
        openSessions.decrementAndGet();
    }

    /**
     * Sessions open now.
     *
     * @return sessions open.
     */
    public int openSessions()
    {
        return openSessions.get();
    }

    /**
     * Sessions opened since start.
     *
     * @return the count.
     */
    public long sessionsOpened()
    {
        return sessionsOpened.get();
    }

    /**
     * A session timed out for silence.
     */
    public void onSessionTimedOut()
    {
        sessionsTimedOut.incrementAndGet();
    }

    /**
     * Sessions timed out for silence.
     *
     * @return the count.
     */
    public long sessionsTimedOut()
    {
        return sessionsTimedOut.get();
    }

    /**
     * A client was disconnected because its response publication stayed back-pressured.
     */
    public void onSlowClientDisconnected()
    {
        slowClientsDisconnected.incrementAndGet();
    }

    /**
     * Clients disconnected for being slow.
     *
     * @return the count.
     */
    public long slowClientsDisconnected()
    {
        return slowClientsDisconnected.get();
    }

    /**
     * An answer, ack or event was dropped because the client could not take it.
     */
    public void onEgressDrop()
    {
        egressDrops.incrementAndGet();
    }

    /**
     * Messages dropped on egress.
     *
     * @return the count.
     */
    public long egressDrops()
    {
        return egressDrops.get();
    }

    /**
     * A ring stage caught an unexpected exception.
     */
    public void onStageError()
    {
        stageErrors.incrementAndGet();
    }

    /**
     * Unexpected exceptions caught by ring stages.
     *
     * @return the count.
     */
    public long stageErrors()
    {
        return stageErrors.get();
    }

    /**
     * A ring stage or the ingress caught an unexpected exception: count it and record it in the error log.
     *
     * @param throwable the fault.
     */
    public void onStageError(final Throwable throwable)
    {
        stageErrors.incrementAndGet();
        errorHandler.onError(throwable);
    }

    /**
     * Where faults are recorded: the media driver's distinct error log when the driver is embedded.
     *
     * @param errorHandler to record faults with; must not throw.
     */
    public void errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
    }

    /**
     * The journal stage appended an event; journal thread only.
     *
     * @param index  Chronicle index of the event.
     * @param length of the event's message in bytes.
     */
    public void onJournalAppend(final long index, final int length)
    {
        journalIndex.lazySet(index);
        journalBytes.lazySet(journalBytes.get() + length);
    }

    /**
     * Chronicle index of the last event journaled.
     *
     * @return the journal index, -1 if none since start.
     */
    public long journalIndex()
    {
        return journalIndex.get();
    }

    /**
     * Message bytes journaled since start.
     *
     * @return bytes journaled.
     */
    public long journalBytes()
    {
        return journalBytes.get();
    }

    /**
     * The journal's free space was read; the free-space guard's thread only.
     *
     * @param usableBytes free bytes of the journal's file system, -1 if unknown.
     * @param low         is it below the threshold, so that requests are refused?
     */
    public void onJournalSpace(final long usableBytes, final boolean low)
    {
        journalUsableBytes.lazySet(usableBytes);
        if (low && !journalSpaceLow)
        {
            journalSpaceLowEpisodes.incrementAndGet();
        }
        journalSpaceLow = low;
    }

    /**
     * Is the journal's free space below the threshold, so that requests are refused with
     * {@code JOURNAL_UNAVAILABLE}? A volatile read, for the ingress.
     *
     * @return true while space is low.
     */
    public boolean isJournalSpaceLow()
    {
        return journalSpaceLow;
    }

    /**
     * Free bytes of the journal's file system as last read.
     *
     * @return bytes, -1 if unknown.
     */
    public long journalUsableBytes()
    {
        return journalUsableBytes.get();
    }

    /**
     * Times the journal's free space fell below the threshold since start.
     *
     * @return the count.
     */
    public long journalSpaceLowEpisodes()
    {
        return journalSpaceLowEpisodes.get();
    }

    /**
     * A snapshot was written; engine thread or the server at shutdown.
     *
     * @param timestampNs engine time of the snapshot in epoch nanoseconds.
     */
    public void onSnapshot(final long timestampNs)
    {
        lastSnapshotTimestampNs.lazySet(timestampNs);
    }

    /**
     * Engine time of the last snapshot written since start.
     *
     * @return epoch nanoseconds, 0 if none.
     */
    public long lastSnapshotTimestampNs()
    {
        return lastSnapshotTimestampNs.get();
    }

    /**
     * Copy the engine's figures with ordered writes; engine thread only, does not allocate.
     *
     * @param metrics of the engine.
     */
    public void onEngineMetrics(final EngineMetrics metrics)
    {
        engineFigures.lazySet(EngineFigure.SELECTIONS.ordinal(), metrics.selections());
        engineFigures.lazySet(EngineFigure.SCORE_QUERIES.ordinal(), metrics.scoreQueries());
        engineFigures.lazySet(EngineFigure.STATE_QUERIES.ordinal(), metrics.stateQueries());
        engineFigures.lazySet(EngineFigure.PREDICTIONS.ordinal(), metrics.predictions());
        engineFigures.lazySet(EngineFigure.EXPIRATIONS.ordinal(), metrics.expirations());
        engineFigures.lazySet(EngineFigure.EVICTIONS.ordinal(), metrics.evictions());
        engineFigures.lazySet(EngineFigure.WARNINGS.ordinal(), metrics.warnings());
        engineFigures.lazySet(EngineFigure.TIMER_EVENTS.ordinal(), metrics.timerEvents());
        engineFigures.lazySet(EngineFigure.AGENTS_TRACKED.ordinal(), metrics.agentsTracked());
        for (final SignalType type : SIGNAL_TYPES)
        {
            engineSignalsByType.lazySet(type.ordinal(), metrics.signals(type));
        }
        for (final ErrorCode code : ENGINE_CODES)
        {
            if (code.code() < MAX_CODE)
            {
                engineRejectionsByCode.lazySet(code.code(), metrics.rejections(code));
            }
        }
    }

    /**
     * An engine figure as last copied.
     *
     * @param figure which one.
     * @return its value.
     */
    public long engineFigure(final EngineFigure figure)
    {
        return engineFigures.get(figure.ordinal());
    }

    /**
     * Signals of a type the engine accepted, as last copied.
     *
     * @param type of signal.
     * @return the count.
     */
    public long engineSignals(final SignalType type)
    {
        return engineSignalsByType.get(type.ordinal());
    }

    /**
     * Rejections by the engine with this code, as last copied.
     *
     * @param code the {@code ErrorCode} value.
     * @return the count.
     */
    public long engineRejections(final int code)
    {
        return code > 0 && code < MAX_CODE ? engineRejectionsByCode.get(code) : 0;
    }

    /**
     * Engine service time per event, recorded by the engine thread; the metrics service takes interval histograms.
     *
     * @return the recorder, in nanoseconds.
     */
    public SingleWriterRecorder engineServiceTimeNs()
    {
        return engineServiceTimeNs;
    }

    /**
     * Time from ingress stamp to the answer sent, recorded by the egress thread for client requests.
     *
     * @return the recorder, in nanoseconds.
     */
    public SingleWriterRecorder ingressToEgressNs()
    {
        return ingressToEgressNs;
    }

    /**
     * A recorder as the latency summaries use: nanoseconds up to a minute, two significant digits.
     *
     * @return a new recorder.
     */
    public static SingleWriterRecorder newLatencyRecorder()
    {
        return new SingleWriterRecorder(MAX_RECORDED_NS, 2);
    }

    /**
     * Record a duration, clamped to the recorders' range; does not allocate.
     *
     * @param recorder   to record into.
     * @param durationNs the duration in nanoseconds.
     */
    public static void record(final SingleWriterRecorder recorder, final long durationNs)
    {
        recorder.recordValue(Math.min(Math.max(durationNs, 0), MAX_RECORDED_NS));
    }
}
