package io.ripple.journal;

/**
 * Layout of one journal record, the body of one Chronicle Queue excerpt, in the byte order of the platform
 * (little-endian on every machine Ripple supports):
 *
 * <pre>
 *   offset  size  field
 *        0     1  kind         {@link #KIND_EVENT} or {@link #KIND_ANSWER}
 *        1     8  sequence     ring sequence of the event, or of the request an answer belongs to
 *        9     8  timestampNs  event time stamped at ingress (engine time of the answer for an answer)
 *       17     8  sessionId    session the event came from or the answer went to, 0 for internal events
 *       25     4  length       number of SBE bytes that follow
 *       29     n  SBE message  header and body, exactly as the engine sees it
 * </pre>
 */
public final class JournalRecord
{
    /**
     * Kind of a record holding an event that entered the ring, in ring order.
     */
    public static final byte KIND_EVENT = 1;

    /**
     * Kind of a record holding the engine's answer to a request, journaled so that a replay can be verified.
     */
    public static final byte KIND_ANSWER = 2;

    /**
     * Offset of the kind byte.
     */
    public static final int KIND_OFFSET = 0;

    /**
     * Offset of the ring sequence.
     */
    public static final int SEQUENCE_OFFSET = 1;

    /**
     * Offset of the event time in nanoseconds since the epoch.
     */
    public static final int TIMESTAMP_OFFSET = 9;

    /**
     * Offset of the session id.
     */
    public static final int SESSION_ID_OFFSET = 17;

    /**
     * Offset of the length of the SBE message.
     */
    public static final int LENGTH_OFFSET = 25;

    /**
     * Length of the fixed part in front of the SBE message.
     */
    public static final int HEADER_LENGTH = 29;

    private JournalRecord()
    {
    }

    /**
     * Name of a record kind for tools and logs.
     *
     * @param kind the kind byte.
     * @return "EVENT", "ANSWER" or "UNKNOWN".
     */
    public static String kindName(final int kind)
    {
        switch (kind)
        {
            case KIND_EVENT:
                return "EVENT";

            case KIND_ANSWER:
                return "ANSWER";

            default:
                return "UNKNOWN";
        }
    }
}
