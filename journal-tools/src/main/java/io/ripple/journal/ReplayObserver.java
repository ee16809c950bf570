package io.ripple.journal;

import org.agrona.DirectBuffer;

/**
 * Watches a replay of the journal: each event before and after the engine applies it, and each journaled answer.
 * Buffers are views of the journal, valid only during the call.
 */
public interface ReplayObserver
{
    /**
     * Observer that watches nothing.
     */
    ReplayObserver NONE = new ReplayObserver()
    {
    };

    /**
     * The replay is about to start, with the dispatcher it will feed (restored from a snapshot or new).
     *
     * @param dispatcher the dispatcher; its engine may be read (not changed) from the other callbacks.
     */
    default void onStart(final EngineCommandDispatcher dispatcher)
    {
    }

    /**
     * An event is about to be applied.
     *
     * @param index       Chronicle index of the record.
     * @param sequence    ring sequence of the event.
     * @param timestampNs event time.
     * @param sessionId   session id, 0 for internal events.
     * @param buffer      holding the SBE message.
     * @param offset      where it starts.
     * @param length      its length.
     * @return true to apply it and go on, false to stop the replay before it (it is not applied).
     */
    default boolean beforeEvent(
        final long index,
        final long sequence,
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        return true;
    }

    /**
     * An event has been applied.
     *
     * @param index       Chronicle index of the record.
     * @param sequence    ring sequence of the event.
     * @param timestampNs event time.
     * @param sessionId   session id, 0 for internal events.
     * @param buffer      holding the SBE message.
     * @param offset      where it starts.
     * @param length      its length.
     */
    default void afterEvent(
        final long index,
        final long sequence,
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
    }

    /**
     * A journaled answer was read.
     *
     * @param index           Chronicle index of the record.
     * @param requestSequence ring sequence of the request it answers.
     * @param timestampNs     engine time of the answer.
     * @param sessionId       session the answer went to.
     * @param buffer          holding the SBE answer.
     * @param offset          where it starts.
     * @param length          its length.
     */
    default void onAnswer(
        final long index,
        final long requestSequence,
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
    }
}
