package io.ripple.gateway.ring;

import com.lmax.disruptor.EventHandler;
import io.aeron.Publication;
import io.ripple.codecs.ConnectAcceptedEncoder;
import io.ripple.codecs.DisconnectEncoder;
import io.ripple.codecs.ErrorCode;
import io.ripple.codecs.HeartbeatEncoder;
import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.MessageHeaderEncoder;
import io.ripple.codecs.OperationAckEncoder;
import io.ripple.codecs.ProtocolLimits;
import io.ripple.codecs.SessionCloseReason;
import io.ripple.codecs.SessionClosedDecoder;
import io.ripple.codecs.SessionOpenedDecoder;
import io.ripple.codecs.SignalAckEncoder;
import io.ripple.codecs.SignalBatchDecoder;
import io.ripple.codecs.SignalDecoder;
import io.ripple.codecs.SubscribeOverloadWarningsDecoder;
import io.ripple.gateway.ErrorAnswers;
import io.ripple.gateway.GatewayConfig;
import io.ripple.gateway.GatewayCounters;
import io.ripple.gateway.session.GatewaySession;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Last stage of the ring: sends the engine's answers, acknowledges journaled signals, announces accepted sessions,
 * closes ended ones, sends heartbeats and overload warnings.
 * <p>
 * Acks are coalesced: a journaled {@code Signal} or {@code SignalBatch} only marks its session, and at the end of
 * each batch (or when the ring is idle) one {@code SignalAck} per marked session names the highest correlation id
 * journaled for it. Each offer is tried once (a few times on {@code ADMIN_ACTION}); a message the client cannot
 * take is dropped and counted, except acks and {@code ConnectAccepted}, which stay pending and are retried. A
 * session whose publication stays back-pressured or unconnected longer than the slow client timeout is marked
 * evicted and handed to the ingress, which closes it; nothing here ever waits on a client.
 */
final class EgressStage implements EventHandler<RingSlot>
{
    private static final int SESSION_CLOSED_REASON_OFFSET =
        MessageHeaderDecoder.ENCODED_LENGTH + SessionClosedDecoder.reasonEncodingOffset();
    private static final int SUBSCRIBE_OFFSET =
        MessageHeaderDecoder.ENCODED_LENGTH + SubscribeOverloadWarningsDecoder.subscribeEncodingOffset();
    private static final int MAX_ADMIN_ACTION_RETRIES = 3;

    private final GatewayConfig config;
    private final GatewayCounters counters;
    private final ManyToOneConcurrentArrayQueue<GatewaySession> evictions;
    private final Long2ObjectHashMap<GatewaySession> sessionById = new Long2ObjectHashMap<>();
    private final ArrayList<GatewaySession> sessions = new ArrayList<>();
    private final ArrayList<GatewaySession> pendingSessions = new ArrayList<>();
    private final long heartbeatIntervalNs;
    private final long slowClientTimeoutNs;
    private long nextHousekeepingNs;

    private final MutableDirectBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final SignalAckEncoder signalAckEncoder = new SignalAckEncoder();
    private final ConnectAcceptedEncoder connectAcceptedEncoder = new ConnectAcceptedEncoder();
    private final OperationAckEncoder operationAckEncoder = new OperationAckEncoder();
    private final DisconnectEncoder disconnectEncoder = new DisconnectEncoder();
    private final HeartbeatEncoder heartbeatEncoder = new HeartbeatEncoder();
    private final ErrorAnswers errorAnswers = new ErrorAnswers();

    EgressStage(
        final GatewayConfig config,
        final GatewayCounters counters,
        final ManyToOneConcurrentArrayQueue<GatewaySession> evictions)
    {
        this.config = config;
        this.counters = counters;
        this.evictions = evictions;
        this.heartbeatIntervalNs = TimeUnit.MILLISECONDS.toNanos(config.heartbeatIntervalMs());
        this.slowClientTimeoutNs = TimeUnit.MILLISECONDS.toNanos(config.slowClientTimeoutMs());
    }

    /**
     * {@inheritDoc}
     */
    public void onEvent(final RingSlot slot, final long sequence, final boolean endOfBatch)
    {
        final long nowNs = System.nanoTime();
        final DirectBuffer request = slot.requestBuffer();

        switch (slot.templateId)
        {
            case SessionOpenedDecoder.TEMPLATE_ID:
                onSessionOpened(slot.session, nowNs);
                break;

            case SessionClosedDecoder.TEMPLATE_ID:
                onSessionClosed(slot, request.getByte(SESSION_CLOSED_REASON_OFFSET), nowNs);
                break;

            case SignalDecoder.TEMPLATE_ID:
            case SignalBatchDecoder.TEMPLATE_ID:
                onSignalMessage(slot, nowNs);
                break;

            case SubscribeOverloadWarningsDecoder.TEMPLATE_ID:
                if (!slot.journalFailed)
                {
                    final GatewaySession session = sessionById.get(slot.sessionId);
                    if (null != session)
                    {
                        session.subscribedToWarnings(0 != request.getByte(SUBSCRIBE_OFFSET));
                    }
                }
                break;

            default:
                break;
        }

        if (slot.journalFailed && slot.sessionId != 0 && slot.templateId != SessionClosedDecoder.TEMPLATE_ID)
        {
            sendError(slot, ErrorCode.JOURNAL_UNAVAILABLE, "the journal cannot be written", nowNs);
        }

        sendResponses(slot, nowNs);
        if (slot.responsesOverflowed)
        {
            sendError(slot, ErrorCode.INTERNAL_ERROR, "answers exceeded the response area; some were dropped", nowNs);
        }

        if (endOfBatch)
        {
            flush(nowNs);
        }

        if (0 != slot.sessionId)
        {
            GatewayCounters.record(counters.ingressToEgressNs(), System.nanoTime() - slot.ingressNanoTime);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onTimeout(final long sequence)
    {
        flush(System.nanoTime());
    }

    /**
     * Send pending acks and accepts, heartbeats to idle sessions, and evict clients that stayed slow.
     *
     * @param nowNs {@link System#nanoTime()}.
     */
    void flush(final long nowNs)
    {
        for (int i = pendingSessions.size() - 1; i >= 0; i--)
        {
            final GatewaySession session = pendingSessions.get(i);
            if (session.isEvicted() || sendPending(session, nowNs))
            {
                fastRemove(pendingSessions, i);
            }
        }

        if (nowNs - nextHousekeepingNs >= 0)
        {
            nextHousekeepingNs = nowNs + Math.max(heartbeatIntervalNs / 4, 1);
            for (int i = 0, size = sessions.size(); i < size; i++)
            {
                final GatewaySession session = sessions.get(i);
                if (session.isEvicted() || session.isConnectAcceptedPending())
                {
                    continue;
                }
                if (nowNs - session.lastSentNs() >= heartbeatIntervalNs)
                {
                    heartbeatEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
                        .sessionId(session.sessionId())
                        .correlationId(0)
                        .timestampNs(System.currentTimeMillis() * 1_000_000L);
                    offer(session, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + heartbeatEncoder.encodedLength(),
                        nowNs);
                }
                checkSlow(session, nowNs);
            }
        }
    }

    private void onSessionOpened(final GatewaySession session, final long nowNs)
    {
        sessionById.put(session.sessionId(), session);
        sessions.add(session);
        if (!sendPending(session, nowNs))
        {
            pendingSessions.add(session);
        }
    }

    private void onSessionClosed(final RingSlot slot, final byte reason, final long nowNs)
    {
        final GatewaySession session = sessionById.remove(slot.sessionId);
        if (null == session)
        {
            return;
        }
        sessions.remove(session);
        pendingSessions.remove(session);

        if (!session.isEvicted())
        {
            if (session.isAckPending())
            {
                sendAck(session, nowNs);
            }

            final int length;
            if (SessionCloseReason.CLIENT_REQUEST.value() == reason)
            {
                operationAckEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
                    .correlationId(slot.correlationId)
                    .templateId(DisconnectEncoder.TEMPLATE_ID);
                length = MessageHeaderEncoder.ENCODED_LENGTH + operationAckEncoder.encodedLength();
            }
            else
            {
                disconnectEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
                    .sessionId(session.sessionId())
                    .correlationId(0)
                    .reason(SessionCloseReason.get(reason));
                length = MessageHeaderEncoder.ENCODED_LENGTH + disconnectEncoder.encodedLength();
            }
            offer(session, buffer, 0, length, nowNs);
        }

        session.markEvicted();
        session.publication().close();
    }

    private void onSignalMessage(final RingSlot slot, final long nowNs)
    {
        if (slot.journalFailed)
        {
            return;
        }

        final GatewaySession session = sessionById.get(slot.sessionId);
        if (null != session)
        {
            final boolean wasPending = session.isAckPending() || session.isConnectAcceptedPending();
            session.onSignalJournaled(slot.correlationId);
            if (!wasPending)
            {
                pendingSessions.add(session);
            }
        }
    }

    private void sendResponses(final RingSlot slot, final long nowNs)
    {
        final DirectBuffer area = slot.responseBuffer();
        int position = 0;
        while (position < slot.responsesLength)
        {
            final int length = area.getInt(position);
            final long sessionId = area.getLong(position + 4);
            final int offset = position + RingSlot.RESPONSE_HEADER_LENGTH;

            if (RingSlot.BROADCAST_SESSION_ID == sessionId)
            {
                for (int i = 0, size = sessions.size(); i < size; i++)
                {
                    final GatewaySession session = sessions.get(i);
                    if (session.isSubscribedToWarnings())
                    {
                        offer(session, area, offset, length, nowNs);
                    }
                }
            }
            else
            {
                final GatewaySession session = sessionById.get(sessionId);
                if (null != session)
                {
                    offer(session, area, offset, length, nowNs);
                }
            }

            position = offset + length;
        }
    }

    private void sendError(final RingSlot slot, final ErrorCode code, final String reason, final long nowNs)
    {
        final GatewaySession session = sessionById.get(slot.sessionId);
        if (null != session)
        {
            final int length = errorAnswers.encode(slot.correlationId, slot.templateId, -1, code, reason);
            offer(session, errorAnswers.buffer(), 0, length, nowNs);
        }
    }

    private boolean sendPending(final GatewaySession session, final long nowNs)
    {
        if (session.isConnectAcceptedPending())
        {
            connectAcceptedEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
                .correlationId(session.connectCorrelationId())
                .sessionId(session.sessionId())
                .heartbeatIntervalMs((int) config.heartbeatIntervalMs())
                .sessionTimeoutMs((int) config.sessionTimeoutMs())
                .maxMessageLength(config.maxMessageLength())
                .maxBatchSize(config.maxBatchSize())
                .maxCandidates(config.maxCandidates())
                .maxAgentIdLength((short) ProtocolLimits.MAX_AGENT_ID_LENGTH)
                .role(session.principal().role());
            final int length = MessageHeaderEncoder.ENCODED_LENGTH + connectAcceptedEncoder.encodedLength();
            if (!offer(session, buffer, 0, length, nowNs))
            {
                return false;
            }
            session.onConnectAcceptedSent();
        }

        return !session.isAckPending() || sendAck(session, nowNs);
    }

    private boolean sendAck(final GatewaySession session, final long nowNs)
    {
        signalAckEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(session.highestJournaledCorrelationId())
            .messagesJournaled(session.messagesJournaled());
        if (offer(session, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + signalAckEncoder.encodedLength(), nowNs))
        {
            session.onAckSent();
            return true;
        }
        return false;
    }

    private boolean offer(
        final GatewaySession session, final DirectBuffer source, final int offset, final int length, final long nowNs)
    {
        if (session.isEvicted())
        {
            return false;
        }

        final Publication publication = session.publication();
        for (int attempt = 0; attempt <= MAX_ADMIN_ACTION_RETRIES; attempt++)
        {
            final long result = publication.offer(source, offset, length);
            if (result > 0)
            {
                session.onSent(nowNs);
                return true;
            }
            if (Publication.ADMIN_ACTION != result)
            {
                if (Publication.BACK_PRESSURED == result || Publication.NOT_CONNECTED == result)
                {
                    session.onBackPressured(nowNs);
                    checkSlow(session, nowNs);
                }
                else
                {
                    evict(session);
                }
                break;
            }
        }

        counters.onEgressDrop();
        return false;
    }

    private void checkSlow(final GatewaySession session, final long nowNs)
    {
        if (!session.isEvicted() && session.backPressuredForNs(nowNs) > slowClientTimeoutNs)
        {
            counters.onSlowClientDisconnected();
            evict(session);
        }
    }

    private void evict(final GatewaySession session)
    {
        if (!session.isEvicted())
        {
            session.markEvicted();
            if (!evictions.offer(session))
            {
                counters.onStageError();
            }
        }
    }

    /**
     * Close every session's publication; called once the ring has stopped.
     */
    void closeAll()
    {
        for (final GatewaySession session : sessions)
        {
            session.publication().close();
        }
        sessions.clear();
        sessionById.clear();
        pendingSessions.clear();
    }

    private static void fastRemove(final ArrayList<GatewaySession> list, final int index)
    {
        final int last = list.size() - 1;
        if (index != last)
        {
            list.set(index, list.get(last));
        }
        list.remove(last);
    }
}
