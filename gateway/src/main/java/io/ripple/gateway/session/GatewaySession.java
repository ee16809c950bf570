package io.ripple.gateway.session;

import io.aeron.Publication;

/**
 * One client session. Created by the ingress thread on an accepted {@code Connect} and handed to the egress stage
 * through the ring (the {@code SessionOpened} event carries it), so each field has one writer:
 * <ul>
 *     <li>final fields: set before the session enters the ring, read by both;</li>
 *     <li>ingress fields ({@code lastReceivedNs}, {@code open}): ingress thread only;</li>
 *     <li>egress fields (acks, heartbeats, back-pressure, subscriptions): egress stage only.</li>
 * </ul>
 * The response publication is an Aeron concurrent publication: ingress offers the errors it finds before the ring,
 * egress offers everything else.
 */
public final class GatewaySession
{
    private final long sessionId;
    private final long connectCorrelationId;
    private final Principal principal;
    private final int imageSessionId;
    private final String responseChannel;
    private final int responseStreamId;
    private final Publication publication;

    // Ingress thread.
    private long lastReceivedNs;
    private boolean open = true;
    private double rateTokens = -1;
    private long rateRefilledNs;

    // Egress stage.
    private long highestJournaledCorrelationId = Long.MIN_VALUE;
    private long messagesJournaled;
    private long highestAckedCorrelationId = Long.MIN_VALUE;
    private boolean ackPending;
    private boolean connectAcceptedPending = true;
    private long lastSentNs;
    private long backPressuredSinceNs;
    private boolean subscribedToWarnings;
    private boolean evicted;

    /**
     * Make a session for an accepted {@code Connect}.
     *
     * @param sessionId            non-zero, unpredictable id.
     * @param connectCorrelationId correlation id of the {@code Connect}.
     * @param principal            authenticated principal.
     * @param imageSessionId       Aeron session id of the image the {@code Connect} arrived on.
     * @param responseChannel      channel of the response publication.
     * @param responseStreamId     stream id of the response publication.
     * @param publication          response publication.
     * @param nowNs                time of the {@code Connect}, {@link System#nanoTime()}.
     */
    public GatewaySession(
        final long sessionId,
        final long connectCorrelationId,
        final Principal principal,
        final int imageSessionId,
        final String responseChannel,
        final int responseStreamId,
        final Publication publication,
        final long nowNs)
    {
        this.sessionId = sessionId;
        this.connectCorrelationId = connectCorrelationId;
        this.principal = principal;
        this.imageSessionId = imageSessionId;
        this.responseChannel = responseChannel;
        this.responseStreamId = responseStreamId;
        this.publication = publication;
        this.lastReceivedNs = nowNs;
        this.lastSentNs = nowNs;
    }

    /**
     * Session id.
     *
     * @return the session id.
     */
    public long sessionId()
    {
        return sessionId;
    }

    /**
     * Correlation id of the {@code Connect} that opened the session.
     *
     * @return the correlation id of the connect.
     */
    public long connectCorrelationId()
    {
        return connectCorrelationId;
    }

    /**
     * The authenticated principal.
     *
     * @return the principal.
     */
    public Principal principal()
    {
        return principal;
    }

    /**
     * Aeron session id of the image the session is bound to; requests from another image are refused.
     *
     * @return the image's session id.
     */
    public int imageSessionId()
    {
        return imageSessionId;
    }

    /**
     * Response channel named in the {@code Connect}.
     *
     * @return the response channel.
     */
    public String responseChannel()
    {
        return responseChannel;
    }

    /**
     * Response stream id named in the {@code Connect}.
     *
     * @return the response stream id.
     */
    public int responseStreamId()
    {
        return responseStreamId;
    }

    /**
     * Response publication.
     *
     * @return the response publication.
     */
    public Publication publication()
    {
        return publication;
    }

    /**
     * Ingress thread: time the last message arrived, {@link System#nanoTime()}.
     *
     * @return time of the last message received.
     */
    public long lastReceivedNs()
    {
        return lastReceivedNs;
    }

    /**
     * Ingress thread: record that a message arrived.
     *
     * @param nowNs {@link System#nanoTime()}.
     */
    public void onMessageReceived(final long nowNs)
    {
        lastReceivedNs = nowNs;
    }

    /**
     * Ingress thread: take messages from the session's token bucket, which refills at a steady rate up to a burst
     * and starts full. Does not allocate.
     *
     * @param nowNs       {@link System#nanoTime()} of the request.
     * @param messages    messages in the request, at least 1.
     * @param tokensPerNs refill rate in messages per nanosecond, positive.
     * @param burst       most messages the bucket holds.
     * @return true if the bucket held enough and they were taken, false (nothing taken) if the session is above its
     * rate.
     */
    public boolean tryTakeRateTokens(final long nowNs, final int messages, final double tokensPerNs, final double burst)
    {
        if (rateTokens < 0)
        {
            rateTokens = burst;
        }
        else
        {
            rateTokens = Math.min(burst, rateTokens + (nowNs - rateRefilledNs) * tokensPerNs);
        }
        rateRefilledNs = nowNs;

        if (rateTokens < messages)
        {
            return false;
        }
        rateTokens -= messages;
        return true;
    }

    /**
     * Ingress thread: is the session still open?
     *
     * @return true until the ingress closes it.
     */
    public boolean isOpen()
    {
        return open;
    }

    /**
     * Ingress thread: mark the session closed.
     */
    public void markClosed()
    {
        open = false;
    }

    /**
     * Egress stage: record that a signal message of this session was journaled.
     *
     * @param correlationId of the message.
     */
    public void onSignalJournaled(final long correlationId)
    {
        messagesJournaled++;
        if (correlationId > highestJournaledCorrelationId)
        {
            highestJournaledCorrelationId = correlationId;
        }
        ackPending = true;
    }

    /**
     * Egress stage: highest correlation id of a journaled signal message.
     *
     * @return the highest correlation id journaled, {@link Long#MIN_VALUE} if none.
     */
    public long highestJournaledCorrelationId()
    {
        return highestJournaledCorrelationId;
    }

    /**
     * Egress stage: signal messages journaled since the session opened.
     *
     * @return count of signal messages journaled.
     */
    public long messagesJournaled()
    {
        return messagesJournaled;
    }

    /**
     * Egress stage: is an ack waiting to be sent?
     *
     * @return true if an ack is waiting.
     */
    public boolean isAckPending()
    {
        return ackPending;
    }

    /**
     * Egress stage: the ack covering everything journaled was sent.
     */
    public void onAckSent()
    {
        ackPending = false;
        highestAckedCorrelationId = highestJournaledCorrelationId;
    }

    /**
     * Egress stage: is the {@code ConnectAccepted} still to be delivered?
     *
     * @return true until it is delivered.
     */
    public boolean isConnectAcceptedPending()
    {
        return connectAcceptedPending;
    }

    /**
     * Egress stage: the {@code ConnectAccepted} was delivered.
     */
    public void onConnectAcceptedSent()
    {
        connectAcceptedPending = false;
    }

    /**
     * Egress stage: time something was last sent.
     *
     * @return time of the last send, {@link System#nanoTime()}.
     */
    public long lastSentNs()
    {
        return lastSentNs;
    }

    /**
     * Egress stage: an offer succeeded.
     *
     * @param nowNs {@link System#nanoTime()}.
     */
    public void onSent(final long nowNs)
    {
        lastSentNs = nowNs;
        backPressuredSinceNs = 0;
    }

    /**
     * Egress stage: an offer failed for back-pressure or lack of a subscriber.
     *
     * @param nowNs {@link System#nanoTime()}.
     * @return time since when the publication has been unable to take messages, in nanoseconds.
     */
    public long onBackPressured(final long nowNs)
    {
        if (0 == backPressuredSinceNs)
        {
            backPressuredSinceNs = nowNs;
        }
        return nowNs - backPressuredSinceNs;
    }

    /**
     * Egress stage: time since the publication has been back-pressured, 0 if it is not.
     *
     * @param nowNs {@link System#nanoTime()}.
     * @return nanoseconds back-pressured, or 0.
     */
    public long backPressuredForNs(final long nowNs)
    {
        return 0 == backPressuredSinceNs ? 0 : nowNs - backPressuredSinceNs;
    }

    /**
     * Egress stage: does the session want overload warnings?
     *
     * @return true if subscribed.
     */
    public boolean isSubscribedToWarnings()
    {
        return subscribedToWarnings;
    }

    /**
     * Egress stage: start or stop overload warnings.
     *
     * @param subscribed true to receive warnings.
     */
    public void subscribedToWarnings(final boolean subscribed)
    {
        subscribedToWarnings = subscribed;
    }

    /**
     * Egress stage: has the session been disconnected as a slow client?
     *
     * @return true once evicted.
     */
    public boolean isEvicted()
    {
        return evicted;
    }

    /**
     * Egress stage: mark the session as disconnected for being slow.
     */
    public void markEvicted()
    {
        evicted = true;
    }
}
