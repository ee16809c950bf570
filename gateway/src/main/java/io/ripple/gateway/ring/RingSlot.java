package io.ripple.gateway.ring;

import io.ripple.gateway.session.GatewaySession;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * One slot of the ring: an event as the ingress stamped it, and the answers the engine produced for it.
 * <p>
 * The request area holds one SBE message (header included) copied from the Aeron fragment; the response area holds
 * the engine's answers, each as {@code int32 length, int64 sessionId, bytes} (session id 0 for an overload warning
 * to broadcast). Both areas start at {@code slotInitialCapacity} bytes and grow by doubling up to the maximum
 * message length (requests) or the response area limit (answers); see {@code docs/architecture.md} for the memory
 * bound. Fields are written by one stage and read by later ones, ordered by the ring's sequences.
 */
public final class RingSlot
{
    /**
     * Session id of a response to broadcast to every session subscribed to overload warnings.
     */
    public static final long BROADCAST_SESSION_ID = 0;

    /**
     * Bytes in front of each response: length and session id.
     */
    public static final int RESPONSE_HEADER_LENGTH = 12;

    private final SlotArea request;
    private final SlotArea responses;
    private final int retainedCapacity;

    // Ingress.
    long timestampNs;
    long ingressNanoTime;
    long sessionId;
    int templateId;
    long correlationId;
    GatewaySession session;
    int requestLength;

    // Journal stage.
    long journalIndex;
    boolean journalFailed;

    // Engine stage.
    int responsesLength;
    boolean responsesOverflowed;

    RingSlot(
        final int initialCapacity,
        final int retainedCapacity,
        final int maxRequestLength,
        final int maxResponseAreaLength)
    {
        this.retainedCapacity = retainedCapacity;
        request = new SlotArea(initialCapacity, maxRequestLength);
        responses = new SlotArea(initialCapacity, maxResponseAreaLength);
    }

    /**
     * Ingress: make room for a request of this length and describe the event. Areas that grew past the retained
     * capacity for an earlier large message are shrunk first.
     *
     * @param timestampNs   ingress timestamp.
     * @param sessionId     session of the event, 0 for timers.
     * @param templateId    template of the message.
     * @param correlationId correlation id of the request, 0 for internal events.
     * @param session       the session object, for session events; null otherwise.
     * @param length        of the message in bytes.
     * @return the buffer to write the message into at index 0, or null if the length is above the limit.
     */
    public MutableDirectBuffer prepare(
        final long timestampNs,
        final long sessionId,
        final int templateId,
        final long correlationId,
        final GatewaySession session,
        final int length)
    {
        // Every stage is done with this slot (the producer is gated on the last of them), so areas that grew for
        // a large message can go back to their small size here.
        request.trim(retainedCapacity);
        responses.trim(retainedCapacity);
        if (!request.ensureCapacity(length, 0))
        {
            return null;
        }

        this.timestampNs = timestampNs;
        this.ingressNanoTime = System.nanoTime();
        this.sessionId = sessionId;
        this.templateId = templateId;
        this.correlationId = correlationId;
        this.session = session;
        this.requestLength = length;
        this.journalIndex = -1;
        this.journalFailed = false;
        this.responsesLength = 0;
        this.responsesOverflowed = false;
        return request.buffer();
    }

    /**
     * Ingress: set the length of a message encoded in place after {@link #prepare}.
     *
     * @param length of the message in bytes.
     */
    public void requestLength(final int length)
    {
        this.requestLength = length;
    }

    /**
     * Engine stage: append an answer.
     *
     * @param sessionId to answer, or {@link #BROADCAST_SESSION_ID}.
     * @param buffer    holding the answer.
     * @param offset    of the answer.
     * @param length    of the answer in bytes.
     * @return false if the response area is full; the answer is dropped.
     */
    boolean appendResponse(final long sessionId, final DirectBuffer buffer, final int offset, final int length)
    {
        final int required = responsesLength + RESPONSE_HEADER_LENGTH + length;
        if (!responses.ensureCapacity(required, responsesLength))
        {
            responsesOverflowed = true;
            return false;
        }

        final MutableDirectBuffer area = responses.buffer();
        area.putInt(responsesLength, length);
        area.putLong(responsesLength + 4, sessionId);
        area.putBytes(responsesLength + RESPONSE_HEADER_LENGTH, buffer, offset, length);
        responsesLength = required;
        return true;
    }

    DirectBuffer requestBuffer()
    {
        return request.buffer();
    }

    DirectBuffer responseBuffer()
    {
        return responses.buffer();
    }

    /**
     * Ingress timestamp of the event.
     *
     * @return timestamp in epoch nanoseconds.
     */
    public long timestampNs()
    {
        return timestampNs;
    }

    /**
     * Session of the event, 0 for timers.
     *
     * @return the session id.
     */
    public long sessionId()
    {
        return sessionId;
    }

    /**
     * Template of the message.
     *
     * @return the template id.
     */
    public int templateId()
    {
        return templateId;
    }

    /**
     * Length of the message.
     *
     * @return length in bytes.
     */
    public int requestLength()
    {
        return requestLength;
    }
}
