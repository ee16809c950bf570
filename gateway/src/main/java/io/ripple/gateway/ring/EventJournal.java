package io.ripple.gateway.ring;

import org.agrona.DirectBuffer;

/**
 * What the journal stage needs of a journal: the contract of {@code io.ripple.journal.JournalWriter}. Called on the
 * journal stage's thread only (and by the server after the ring has stopped).
 */
public interface EventJournal
{
    /**
     * Append an event before the engine applies it; returns once the bytes are in the journal.
     *
     * @param ringSequence sequence of the event, increasing across restarts.
     * @param timestampNs  ingress timestamp, the engine's now for this event.
     * @param sessionId    session the event came from, 0 for timers.
     * @param buffer       holding the SBE message, header included.
     * @param offset       of the message.
     * @param length       of the message in bytes.
     * @return the journal index of the entry.
     * @throws RuntimeException if the journal cannot be written; the event is then not applied.
     */
    long appendEvent(long ringSequence, long timestampNs, long sessionId, DirectBuffer buffer, int offset, int length);

    /**
     * Append the answer to a selection, for audit and explanation.
     *
     * @param requestSequence ring sequence of the request answered.
     * @param timestampNs     timestamp of the request.
     * @param sessionId       session answered.
     * @param buffer          holding the SBE answer.
     * @param offset          of the answer.
     * @param length          of the answer in bytes.
     * @return the journal index of the entry.
     */
    long appendAnswer(
        long requestSequence, long timestampNs, long sessionId, DirectBuffer buffer, int offset, int length);

    /**
     * Flush and close the journal.
     */
    void close();

    /**
     * Housekeeping for a moment when the ring is empty, on the thread that appends.
     *
     * @return 1 if something was done, 0 if not.
     */
    default int onIdle()
    {
        return 0;
    }
}
