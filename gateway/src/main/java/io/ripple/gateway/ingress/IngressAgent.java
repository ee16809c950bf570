package io.ripple.gateway.ingress;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.ripple.codecs.ConnectDecoder;
import io.ripple.codecs.DefineProfileDecoder;
import io.ripple.codecs.DisconnectDecoder;
import io.ripple.codecs.ErrorCode;
import io.ripple.codecs.FrameValidator;
import io.ripple.codecs.HeartbeatDecoder;
import io.ripple.codecs.JoinPoolDecoder;
import io.ripple.codecs.LeavePoolDecoder;
import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.MessageHeaderEncoder;
import io.ripple.codecs.ProtocolLimits;
import io.ripple.codecs.RegisterAgentDecoder;
import io.ripple.codecs.Role;
import io.ripple.codecs.SessionCloseReason;
import io.ripple.codecs.SessionClosedEncoder;
import io.ripple.codecs.SessionOpenedEncoder;
import io.ripple.codecs.SignalBatchDecoder;
import io.ripple.codecs.SignalDecoder;
import io.ripple.codecs.TimerEventEncoder;
import io.ripple.codecs.TimerKind;
import io.ripple.gateway.ErrorAnswers;
import io.ripple.gateway.GatewayConfig;
import io.ripple.gateway.GatewayCounters;
import io.ripple.gateway.ReasonText;
import io.ripple.gateway.ring.RingPipeline;
import io.ripple.gateway.ring.RingSlot;
import io.ripple.gateway.session.CredentialStore;
import io.ripple.gateway.session.GatewaySession;
import io.ripple.gateway.session.Principal;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.Object2IntHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The ingress: polls the ingress subscriptions, checks every frame and every session, and is the only producer on
 * the ring. Each duty cycle it closes sessions that egress found slow, reads up to a fragment limit from each
 * subscription, fires due timers (sweep, snapshot, session timeout check) as ring events, and progresses pending
 * connect refusals.
 * <p>
 * A frame reaches the ring only after it passed {@link FrameValidator}, names an open session bound to the Aeron
 * image it arrived on, is allowed for the session's role and, for agents, names only agent ids the principal owns.
 * Anything else is answered here with a coded {@code Error} where a session can be reached, and counted. The ring
 * is never waited on: when it is full the request gets {@code SERVER_BUSY}. Every event is stamped once here, with
 * an epoch clock that never goes backwards, including across restarts.
 */
public final class IngressAgent implements Agent
{
    private static final Logger LOGGER = LoggerFactory.getLogger(IngressAgent.class);
    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int SESSION_ID_OFFSET = HEADER_LENGTH;
    private static final int CORRELATION_ID_OFFSET = HEADER_LENGTH + 8;

    private final GatewayConfig config;
    private final GatewayCounters counters;
    private final RingPipeline pipeline;
    private final CredentialStore credentials;
    private final Aeron aeron;
    private final List<Subscription> subscriptions;
    private final EpochNanoClock epochClock;
    private final ManyToOneConcurrentArrayQueue<GatewaySession> evictions;
    private final FrameValidator validator;
    private final FragmentHandler fragmentHandler;
    private final ConnectReplies connectReplies;
    private final Long2ObjectHashMap<GatewaySession> sessionById = new Long2ObjectHashMap<>();
    private final Int2ObjectHashMap<GatewaySession> sessionByImage = new Int2ObjectHashMap<>();
    private final Object2IntHashMap<String> openSessionsByPrincipal = new Object2IntHashMap<>(0);
    private final ArrayList<GatewaySession> expiredSessions = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private final ReasonText reason = new ReasonText();
    private final ErrorAnswers errorAnswers = new ErrorAnswers();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final TimerEventEncoder timerEncoder = new TimerEventEncoder();
    private final SessionOpenedEncoder sessionOpenedEncoder = new SessionOpenedEncoder();
    private final SessionClosedEncoder sessionClosedEncoder = new SessionClosedEncoder();

    private final long sweepIntervalNs;
    private final long snapshotIntervalNs;
    private final long heartbeatCheckIntervalNs;
    private final long sessionTimeoutNs;
    private long nextSweepNs;
    private long nextSnapshotNs;
    private long nextHeartbeatCheckNs;
    private long lastTimestampNs;
    private long nowNs;

    private volatile boolean shutdownRequested;
    private volatile boolean sessionsClosedForShutdown;

    /**
     * Build the ingress.
     *
     * @param config          server settings.
     * @param counters        gateway counters.
     * @param pipeline        the ring to produce onto.
     * @param aeron           client for publications to clients.
     * @param subscriptions   ingress subscriptions.
     * @param epochClock      clock that stamps events.
     * @param lastTimestampNs timestamp of the last journaled event; new stamps are never below it.
     * @param evictions       queue on which egress hands over slow sessions.
     */
    public IngressAgent(
        final GatewayConfig config,
        final GatewayCounters counters,
        final RingPipeline pipeline,
        final Aeron aeron,
        final List<Subscription> subscriptions,
        final EpochNanoClock epochClock,
        final long lastTimestampNs,
        final ManyToOneConcurrentArrayQueue<GatewaySession> evictions)
    {
        this.config = config;
        this.counters = counters;
        this.pipeline = pipeline;
        this.credentials = config.credentialStore();
        this.aeron = aeron;
        this.subscriptions = subscriptions;
        this.epochClock = epochClock;
        this.lastTimestampNs = lastTimestampNs;
        this.evictions = evictions;
        this.validator = new FrameValidator(config.maxMessageLength(), config.maxBatchSize(), config.maxCandidates());
        this.fragmentHandler = new FragmentAssembler(this::onFragment);
        this.connectReplies = new ConnectReplies(
            aeron, counters, TimeUnit.MILLISECONDS.toNanos(config.connectReplyTimeoutMs()));

        sweepIntervalNs = TimeUnit.MILLISECONDS.toNanos(config.sweepIntervalMs());
        snapshotIntervalNs = TimeUnit.MILLISECONDS.toNanos(config.snapshotIntervalMs());
        heartbeatCheckIntervalNs = TimeUnit.MILLISECONDS.toNanos(config.heartbeatIntervalMs());
        sessionTimeoutNs = TimeUnit.MILLISECONDS.toNanos(config.sessionTimeoutMs());
        final long startNs = System.nanoTime();
        nextSweepNs = startNs + sweepIntervalNs;
        nextSnapshotNs = startNs + snapshotIntervalNs;
        nextHeartbeatCheckNs = startNs + heartbeatCheckIntervalNs;
    }

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return "ripple-ingress";
    }

    /**
     * {@inheritDoc}
     */
    public int doWork()
    {
        nowNs = System.nanoTime();
        int workCount = 0;

        workCount += closeEvictedSessions();
        for (int i = 0, size = subscriptions.size(); i < size; i++)
        {
            workCount += subscriptions.get(i).poll(fragmentHandler, config.fragmentLimit());
        }
        workCount += fireTimers();
        workCount += pipeline.poll();
        workCount += connectReplies.poll(nowNs);
        if (shutdownRequested && !sessionsClosedForShutdown)
        {
            workCount += closeSessionsForShutdown();
        }

        return workCount;
    }

    /**
     * {@inheritDoc}
     */
    public void onClose()
    {
        connectReplies.close();
    }

    /**
     * Any thread: stop accepting requests (they get {@code SHUTTING_DOWN}) and close every session.
     */
    public void requestShutdown()
    {
        shutdownRequested = true;
    }

    /**
     * Any thread: has every session been closed since {@link #requestShutdown()}?
     *
     * @return true once every session's {@code SessionClosed} is on the ring.
     */
    public boolean isShutdownComplete()
    {
        return sessionsClosedForShutdown;
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        counters.onFrameReceived();
        final ErrorCode code = validator.validate(buffer, offset, length);
        if (null != code)
        {
            onInvalidFrame(buffer, offset, length, header, code);
            return;
        }

        final int templateId = validator.templateId();
        counters.onRequestReceived(templateId);
        if (ConnectDecoder.TEMPLATE_ID == templateId)
        {
            onConnect(buffer, offset, header);
            return;
        }

        final long sessionId = buffer.getLong(offset + SESSION_ID_OFFSET, LITTLE_ENDIAN);
        final long correlationId = buffer.getLong(offset + CORRELATION_ID_OFFSET, LITTLE_ENDIAN);
        final GatewaySession session = 0 == sessionId ? null : sessionById.get(sessionId);
        if (null == session || session.imageSessionId() != header.sessionId())
        {
            final ErrorCode error = 0 == sessionId ? ErrorCode.NOT_AUTHENTICATED : ErrorCode.UNKNOWN_SESSION;
            reason.reset().append(0 == sessionId ?
                "no session: send Connect first" : "session is unknown, closed or timed out on this connection");
            reject(sessionByImage.get(header.sessionId()), correlationId, templateId, -1, error);
            return;
        }

        session.onMessageReceived(nowNs);
        if (HeartbeatDecoder.TEMPLATE_ID == templateId)
        {
            return;
        }

        if (shutdownRequested)
        {
            reason.reset().append("the server is shutting down");
            reject(session, correlationId, templateId, -1, ErrorCode.SHUTTING_DOWN);
            return;
        }

        if (DisconnectDecoder.TEMPLATE_ID == templateId)
        {
            if (!closeSession(session, SessionCloseReason.CLIENT_REQUEST, correlationId))
            {
                reason.reset().append("the server is busy; try again");
                reject(session, correlationId, templateId, -1, ErrorCode.SERVER_BUSY);
            }
            return;
        }

        if (!isAllowed(session.principal().role(), templateId))
        {
            reason.reset().append("role ").append(session.principal().role().name()).append(" may not send ")
                .append(validator.requestName(templateId));
            reject(session, correlationId, templateId, -1, ErrorCode.NOT_AUTHORISED);
            return;
        }

        if (!checkAgentIds(session, buffer, offset, correlationId, templateId))
        {
            return;
        }

        if (!isWithinRate(session, buffer, offset, correlationId, templateId) || isJournalSpaceLow(session,
            correlationId, templateId))
        {
            return;
        }

        final long sequence = pipeline.tryClaim();
        if (sequence < 0)
        {
            reason.reset().append("the server is busy; try again");
            reject(session, correlationId, templateId, -1, ErrorCode.SERVER_BUSY);
            return;
        }

        final RingSlot slot = pipeline.slot(sequence);
        final MutableDirectBuffer target = slot.prepare(stamp(), sessionId, templateId, correlationId, null, length);
        target.putBytes(0, buffer, offset, length);
        pipeline.publish(sequence);
    }

    private void onInvalidFrame(
        final DirectBuffer buffer, final int offset, final int length, final Header header, final ErrorCode errorCode)
    {
        counters.onRejection(errorCode.value());

        GatewaySession session = null;
        long correlationId = 0;
        if (length >= FrameValidator.MIN_IDENTIFIED_LENGTH && ErrorCode.UNKNOWN_SCHEMA != errorCode)
        {
            final long sessionId = buffer.getLong(offset + SESSION_ID_OFFSET, LITTLE_ENDIAN);
            correlationId = buffer.getLong(offset + CORRELATION_ID_OFFSET, LITTLE_ENDIAN);
            session = sessionById.get(sessionId);
        }
        if (null == session || session.imageSessionId() != header.sessionId())
        {
            session = ErrorCode.UNKNOWN_SCHEMA == errorCode ? null : sessionByImage.get(header.sessionId());
        }

        if (null == session)
        {
            counters.onUnansweredRejection();
            return;
        }

        final int errorLength = errorAnswers.encode(
            correlationId, validator.templateId(), validator.itemIndex(), errorCode,
            reason.reset().append(validator.reason()));
        offer(session, errorAnswers.buffer(), errorLength);
    }

    private void onConnect(final DirectBuffer buffer, final int offset, final Header header)
    {
        final int blockLength = buffer.getShort(offset, LITTLE_ENDIAN) & 0xFFFF;
        final long sessionIdField = buffer.getLong(offset + SESSION_ID_OFFSET, LITTLE_ENDIAN);
        final long correlationId = buffer.getLong(offset + CORRELATION_ID_OFFSET, LITTLE_ENDIAN);
        final int streamId = buffer.getInt(
            offset + HEADER_LENGTH + ConnectDecoder.responseStreamIdEncodingOffset(), LITTLE_ENDIAN);

        int position = offset + HEADER_LENGTH + blockLength;
        final int principalLength = buffer.getByte(position) & 0xFF;
        final int principalOffset = position + 1;
        position = principalOffset + principalLength;
        final int secretLength = buffer.getByte(position) & 0xFF;
        final int secretOffset = position + 1;
        position = secretOffset + secretLength;
        final int channelLength = buffer.getShort(position, LITTLE_ENDIAN) & 0xFFFF;
        final int channelOffset = position + 2;

        if (channelLength < 1 || channelLength > ProtocolLimits.MAX_CHANNEL_LENGTH)
        {
            counters.onRejection(ErrorCode.MALFORMED_FRAME.value());
            counters.onUnansweredRejection();
            return;
        }
        final String channel = buffer.getStringWithoutLengthAscii(channelOffset, channelLength);

        if (0 != sessionIdField)
        {
            reason.reset().append("Connect must carry session id 0");
            rejectConnect(channel, streamId, correlationId, ErrorCode.MALFORMED_FRAME);
            return;
        }
        if (shutdownRequested)
        {
            reason.reset().append("the server is shutting down");
            rejectConnect(channel, streamId, correlationId, ErrorCode.SHUTTING_DOWN);
            return;
        }

        final Principal principal = credentials.authenticate(
            buffer, principalOffset, principalLength, secretOffset, secretLength);
        if (null == principal)
        {
            reason.reset().append("unknown principal or wrong secret");
            rejectConnect(channel, streamId, correlationId, ErrorCode.AUTHENTICATION_FAILED);
            return;
        }
        if (sessionById.size() >= config.maxSessions())
        {
            reason.reset().append("the server has its limit of ").append(config.maxSessions())
                .append(" sessions open");
            rejectConnect(channel, streamId, correlationId, ErrorCode.SESSION_LIMIT_REACHED);
            return;
        }
        final int principalLimit = config.maxSessionsPerPrincipal();
        if (0 != principalLimit && openSessionsByPrincipal.getValue(principal.name()) >= principalLimit)
        {
            reason.reset().append("principal ").append(principal.name()).append(" has its limit of ")
                .append(principalLimit).append(" sessions open");
            rejectConnect(channel, streamId, correlationId, ErrorCode.SESSION_LIMIT_REACHED);
            return;
        }

        final Publication publication;
        try
        {
            publication = aeron.addPublication(channel, streamId);
        }
        catch (final RuntimeException ex)
        {
            counters.onRejection(ErrorCode.MALFORMED_FRAME.value());
            counters.onUnansweredRejection();
            LOGGER.warn("refused Connect of {}: bad response channel {}: {}", principal.name(), channel,
                ex.getMessage());
            return;
        }

        final long sequence = pipeline.tryClaim();
        if (sequence < 0)
        {
            publication.close();
            reason.reset().append("the server is busy; try again");
            rejectConnect(channel, streamId, correlationId, ErrorCode.SERVER_BUSY);
            return;
        }

        final long sessionId = newSessionId();
        final GatewaySession session = new GatewaySession(
            sessionId, correlationId, principal, header.sessionId(), channel, streamId, publication, nowNs);
        final long timestampNs = stamp();
        final RingSlot slot = pipeline.slot(sequence);
        final int length = HEADER_LENGTH + SessionOpenedEncoder.BLOCK_LENGTH + 1 + principalLength + 2 + channelLength;
        final MutableDirectBuffer target = slot.prepare(
            timestampNs, sessionId, SessionOpenedEncoder.TEMPLATE_ID, correlationId, session, length);
        sessionOpenedEncoder.wrapAndApplyHeader(target, 0, headerEncoder)
            .timestampNs(timestampNs)
            .sessionId(sessionId)
            .responseStreamId(streamId)
            .role(principal.role())
            .putPrincipal(buffer, principalOffset, principalLength)
            .putResponseChannel(buffer, channelOffset, channelLength);
        slot.requestLength(HEADER_LENGTH + sessionOpenedEncoder.encodedLength());
        pipeline.publish(sequence);

        sessionById.put(sessionId, session);
        sessionByImage.put(header.sessionId(), session);
        openSessionsByPrincipal.put(principal.name(), openSessionsByPrincipal.getValue(principal.name()) + 1);
        counters.onSessionOpened();
        LOGGER.info("session {} opened for {} ({}), answers on {} stream {}",
            Long.toHexString(sessionId), principal.name(), principal.role(), channel, streamId);
    }

    private void rejectConnect(
        final String channel, final int streamId, final long correlationId, final ErrorCode code)
    {
        counters.onRejection(code.value());
        final int length = errorAnswers.encodeConnectRejected(correlationId, code, reason);
        connectReplies.send(channel, streamId, errorAnswers.buffer(), length, nowNs);
    }

    private boolean checkAgentIds(
        final GatewaySession session,
        final DirectBuffer buffer,
        final int offset,
        final long correlationId,
        final int templateId)
    {
        final Principal principal = session.principal();
        final int blockLength = buffer.getShort(offset, LITTLE_ENDIAN) & 0xFFFF;
        final int bodyStart = offset + HEADER_LENGTH + blockLength;

        switch (templateId)
        {
            case SignalDecoder.TEMPLATE_ID:
                return checkSignalEntry(session, principal, buffer, bodyStart, correlationId, templateId, -1) > 0;

            case SignalBatchDecoder.TEMPLATE_ID:
            {
                final int entryBlockLength = buffer.getShort(bodyStart, LITTLE_ENDIAN) & 0xFFFF;
                final int count = buffer.getShort(bodyStart + 2, LITTLE_ENDIAN) & 0xFFFF;
                int position = bodyStart + 4;
                for (int i = 0; i < count; i++)
                {
                    position = checkSignalEntry(
                        session, principal, buffer, position + entryBlockLength, correlationId, templateId, i);
                    if (position < 0)
                    {
                        return false;
                    }
                }
                return true;
            }

            case RegisterAgentDecoder.TEMPLATE_ID:
            case JoinPoolDecoder.TEMPLATE_ID:
            case LeavePoolDecoder.TEMPLATE_ID:
            {
                final int idLength = buffer.getByte(bodyStart) & 0xFF;
                if (!principal.mayActFor(buffer, bodyStart + 1, idLength))
                {
                    rejectAgent(session, buffer, bodyStart + 1, idLength, correlationId, templateId, -1);
                    return false;
                }
                return true;
            }

            default:
                return true;
        }
    }

    private int checkSignalEntry(
        final GatewaySession session,
        final Principal principal,
        final DirectBuffer buffer,
        final int varStart,
        final long correlationId,
        final int templateId,
        final int itemIndex)
    {
        final int idLength = buffer.getByte(varStart) & 0xFF;
        if (!principal.mayActFor(buffer, varStart + 1, idLength))
        {
            rejectAgent(session, buffer, varStart + 1, idLength, correlationId, templateId, itemIndex);
            return -1;
        }

        final int tracePosition = varStart + 1 + idLength;
        final int traceLength = buffer.getByte(tracePosition) & 0xFF;
        if (traceLength > ProtocolLimits.MAX_NAME_LENGTH)
        {
            reason.reset().append("trace id of ").append(traceLength).append(" bytes is above the limit of ")
                .append(ProtocolLimits.MAX_NAME_LENGTH);
            reject(session, correlationId, templateId, itemIndex, ErrorCode.MALFORMED_FRAME);
            return -1;
        }

        return tracePosition + 1 + traceLength;
    }

    private void rejectAgent(
        final GatewaySession session,
        final DirectBuffer buffer,
        final int idOffset,
        final int idLength,
        final long correlationId,
        final int templateId,
        final int itemIndex)
    {
        reason.reset().append("principal ").append(session.principal().name()).append(" may not act for agent ")
            .append(buffer, idOffset, Math.min(idLength, ProtocolLimits.MAX_AGENT_ID_LENGTH));
        reject(session, correlationId, templateId, itemIndex, ErrorCode.AGENT_NOT_PERMITTED);
    }

    private boolean isWithinRate(
        final GatewaySession session,
        final DirectBuffer buffer,
        final int offset,
        final long correlationId,
        final int templateId)
    {
        if (0 == config.sessionRate())
        {
            return true;
        }

        int messages = 1;
        if (SignalBatchDecoder.TEMPLATE_ID == templateId)
        {
            final int blockLength = buffer.getShort(offset, LITTLE_ENDIAN) & 0xFFFF;
            messages = Math.max(1, buffer.getShort(offset + HEADER_LENGTH + blockLength + 2, LITTLE_ENDIAN) & 0xFFFF);
        }

        final double burst = Math.max(
            0 == config.sessionBurst() ? config.sessionRate() : config.sessionBurst(), config.maxBatchSize());
        if (session.tryTakeRateTokens(nowNs, messages, config.sessionRate() / 1e9, burst))
        {
            return true;
        }

        reason.reset().append("session is above its rate of ").append(config.sessionRate())
            .append(" messages/s; slow down");
        reject(session, correlationId, templateId, -1, ErrorCode.RATE_LIMITED);
        return false;
    }

    private boolean isJournalSpaceLow(final GatewaySession session, final long correlationId, final int templateId)
    {
        if (!counters.isJournalSpaceLow())
        {
            return false;
        }

        reason.reset().append("the journal's file system is nearly full; try again later");
        reject(session, correlationId, templateId, -1, ErrorCode.JOURNAL_UNAVAILABLE);
        return true;
    }

    private static boolean isAllowed(final Role role, final int templateId)
    {
        if (Role.ADMIN == role)
        {
            return true;
        }

        switch (templateId)
        {
            case SignalDecoder.TEMPLATE_ID:
            case SignalBatchDecoder.TEMPLATE_ID:
            case RegisterAgentDecoder.TEMPLATE_ID:
            case JoinPoolDecoder.TEMPLATE_ID:
            case LeavePoolDecoder.TEMPLATE_ID:
                return Role.AGENT == role;

            case DefineProfileDecoder.TEMPLATE_ID:
                return false;

            default:
                return Role.ROUTER == role;
        }
    }

    private void reject(
        final GatewaySession session,
        final long correlationId,
        final int templateId,
        final int itemIndex,
        final ErrorCode code)
    {
        counters.onRejection(code.value());
        if (null == session)
        {
            counters.onUnansweredRejection();
            return;
        }

        final int length = errorAnswers.encode(correlationId, templateId, itemIndex, code, reason);
        offer(session, errorAnswers.buffer(), length);
    }

    private void offer(final GatewaySession session, final DirectBuffer buffer, final int length)
    {
        final Publication publication = session.publication();
        for (int attempt = 0; attempt < 3; attempt++)
        {
            final long result = publication.offer(buffer, 0, length);
            if (result > 0)
            {
                return;
            }
            if (Publication.ADMIN_ACTION != result)
            {
                break;
            }
        }
        counters.onEgressDrop();
    }

    private int fireTimers()
    {
        int workCount = 0;
        if (nowNs - nextSweepNs >= 0)
        {
            if (publishTimer(TimerKind.SWEEP))
            {
                nextSweepNs = nowNs + sweepIntervalNs;
                workCount++;
            }
        }

        if (snapshotIntervalNs > 0 && nowNs - nextSnapshotNs >= 0)
        {
            if (publishTimer(TimerKind.SNAPSHOT))
            {
                nextSnapshotNs = nowNs + snapshotIntervalNs;
                workCount++;
            }
        }

        if (nowNs - nextHeartbeatCheckNs >= 0 && publishTimer(TimerKind.HEARTBEAT_CHECK))
        {
            nextHeartbeatCheckNs = nowNs + heartbeatCheckIntervalNs;
            workCount += closeTimedOutSessions();
        }

        return workCount;
    }

    private boolean publishTimer(final TimerKind kind)
    {
        final long sequence = pipeline.tryClaim();
        if (sequence < 0)
        {
            return false;
        }

        final long timestampNs = stamp();
        final RingSlot slot = pipeline.slot(sequence);
        final MutableDirectBuffer target = slot.prepare(
            timestampNs, 0, TimerEventEncoder.TEMPLATE_ID, 0, null, HEADER_LENGTH + TimerEventEncoder.BLOCK_LENGTH);
        timerEncoder.wrapAndApplyHeader(target, 0, headerEncoder).timestampNs(timestampNs).kind(kind);
        pipeline.publish(sequence);
        return true;
    }

    private int closeTimedOutSessions()
    {
        expiredSessions.clear();
        for (final GatewaySession session : sessionById.values())
        {
            if (nowNs - session.lastReceivedNs() > sessionTimeoutNs)
            {
                expiredSessions.add(session);
            }
        }

        int workCount = 0;
        for (int i = 0, size = expiredSessions.size(); i < size; i++)
        {
            final GatewaySession session = expiredSessions.get(i);
            if (closeSession(session, SessionCloseReason.TIMEOUT, 0))
            {
                counters.onSessionTimedOut();
                LOGGER.info("session {} of {} timed out", Long.toHexString(session.sessionId()),
                    session.principal().name());
                workCount++;
            }
        }
        expiredSessions.clear();
        return workCount;
    }

    private int closeEvictedSessions()
    {
        int workCount = 0;
        GatewaySession session;
        while (null != (session = evictions.peek()))
        {
            if (session.isOpen() && !closeSession(session, SessionCloseReason.TIMEOUT, 0))
            {
                break;
            }
            evictions.poll();
            LOGGER.warn("session {} of {} disconnected: its client stopped taking answers",
                Long.toHexString(session.sessionId()), session.principal().name());
            workCount++;
        }
        return workCount;
    }

    private int closeSessionsForShutdown()
    {
        expiredSessions.clear();
        expiredSessions.addAll(sessionById.values());
        for (int i = 0, size = expiredSessions.size(); i < size; i++)
        {
            if (!closeSession(expiredSessions.get(i), SessionCloseReason.SHUTDOWN, 0))
            {
                expiredSessions.clear();
                return 0;
            }
        }
        expiredSessions.clear();
        sessionsClosedForShutdown = true;
        return 1;
    }

    private boolean closeSession(
        final GatewaySession session, final SessionCloseReason reason, final long correlationId)
    {
        final long sequence = pipeline.tryClaim();
        if (sequence < 0)
        {
            return false;
        }

        final long timestampNs = stamp();
        final RingSlot slot = pipeline.slot(sequence);
        final MutableDirectBuffer target = slot.prepare(
            timestampNs, session.sessionId(), SessionClosedEncoder.TEMPLATE_ID, correlationId, session,
            HEADER_LENGTH + SessionClosedEncoder.BLOCK_LENGTH);
        sessionClosedEncoder.wrapAndApplyHeader(target, 0, headerEncoder)
            .timestampNs(timestampNs)
            .sessionId(session.sessionId())
            .reason(reason);
        pipeline.publish(sequence);

        sessionById.remove(session.sessionId());
        if (sessionByImage.get(session.imageSessionId()) == session)
        {
            sessionByImage.remove(session.imageSessionId());
        }
        session.markClosed();
        final String principalName = session.principal().name();
        final int stillOpen = openSessionsByPrincipal.getValue(principalName) - 1;
        if (stillOpen > 0)
        {
            openSessionsByPrincipal.put(principalName, stillOpen);
        }
        else
        {
            openSessionsByPrincipal.removeKey(principalName);
        }
        counters.onSessionClosed();
        return true;
    }

    /**
     * A random 63-bit session id: positive, so that tools take it as a number and not as an option.
     */
    private long newSessionId()
    {
        long sessionId;
        do
        {
            sessionId = random.nextLong() & Long.MAX_VALUE;
        }
        while (0 == sessionId || sessionById.containsKey(sessionId));
        return sessionId;
    }

    private long stamp()
    {
        final long timestampNs = Math.max(epochClock.nanoTime(), lastTimestampNs);
        lastTimestampNs = timestampNs;
        return timestampNs;
    }
}
