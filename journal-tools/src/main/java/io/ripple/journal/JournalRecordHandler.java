package io.ripple.journal;

import org.agrona.DirectBuffer;

/**
 * Receives journal records from a {@link JournalReader}.
 */
@FunctionalInterface
public interface JournalRecordHandler
{
    /**
     * One well-formed record. The buffer is a view of the journal's memory, valid only during the call.
     *
     * @param index       Chronicle index of the record.
     * @param kind        {@link JournalRecord#KIND_EVENT} or {@link JournalRecord#KIND_ANSWER}.
     * @param sequence    ring sequence of the event, or of the request the answer belongs to.
     * @param timestampNs event time in nanoseconds since the epoch.
     * @param sessionId   session id, 0 for internal events.
     * @param buffer      holding the SBE message.
     * @param offset      where the SBE message starts.
     * @param length      length of the SBE message in bytes.
     */
    void onRecord(
        long index,
        byte kind,
        long sequence,
        long timestampNs,
        long sessionId,
        DirectBuffer buffer,
        int offset,
        int length);
}
