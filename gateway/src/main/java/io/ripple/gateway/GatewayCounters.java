package io.ripple.gateway;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of the gateway, written by the ingress thread and the ring stages and read by anyone (the engine stage
 * merges them into {@code MetricsSnapshot}, the server reports them at shutdown). Updates are single atomic
 * increments: no locks, no allocation.
 */
public final class GatewayCounters
{
    private static final int MAX_CODE = 64;

    private final AtomicLongArray rejectionsByCode = new AtomicLongArray(MAX_CODE);
    private final AtomicInteger openSessions = new AtomicInteger();
    private final AtomicLong framesReceived = new AtomicLong();
    private final AtomicLong sessionsOpened = new AtomicLong();
    private final AtomicLong sessionsTimedOut = new AtomicLong();
    private final AtomicLong slowClientsDisconnected = new AtomicLong();
    private final AtomicLong egressDrops = new AtomicLong();
    private final AtomicLong unansweredRejections = new AtomicLong();
    private final AtomicLong stageErrors = new AtomicLong();

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
}
