package io.ripple.gateway.client;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.ripple.codecs.AgentStateDecoder;
import io.ripple.codecs.AgentStateQueryEncoder;
import io.ripple.codecs.BooleanType;
import io.ripple.codecs.ConnectAcceptedDecoder;
import io.ripple.codecs.ConnectEncoder;
import io.ripple.codecs.ConnectRejectedDecoder;
import io.ripple.codecs.DefineProfileEncoder;
import io.ripple.codecs.DisconnectDecoder;
import io.ripple.codecs.DisconnectEncoder;
import io.ripple.codecs.ErrorCode;
import io.ripple.codecs.ErrorDecoder;
import io.ripple.codecs.HeartbeatDecoder;
import io.ripple.codecs.HeartbeatEncoder;
import io.ripple.codecs.JoinPoolEncoder;
import io.ripple.codecs.LeavePoolEncoder;
import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.MessageHeaderEncoder;
import io.ripple.codecs.MetricsQueryEncoder;
import io.ripple.codecs.MetricsSnapshotDecoder;
import io.ripple.codecs.OperationAckDecoder;
import io.ripple.codecs.OverloadPredictionDecoder;
import io.ripple.codecs.OverloadWarningDecoder;
import io.ripple.codecs.PredictOverloadEncoder;
import io.ripple.codecs.RegisterAgentEncoder;
import io.ripple.codecs.Role;
import io.ripple.codecs.ScoresQueryEncoder;
import io.ripple.codecs.ScoresResultDecoder;
import io.ripple.codecs.ScoringModel;
import io.ripple.codecs.SelectEncoder;
import io.ripple.codecs.SelectResultDecoder;
import io.ripple.codecs.SessionCloseReason;
import io.ripple.codecs.SignalAckDecoder;
import io.ripple.codecs.SignalBatchEncoder;
import io.ripple.codecs.SignalEncoder;
import io.ripple.codecs.SignalType;
import io.ripple.codecs.SubscribeOverloadWarningsEncoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.sbe.MessageDecoderFlyweight;

import java.util.concurrent.TimeUnit;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Java client of a Ripple server, for agents (signals), routers (selections and queries) and operators (admin).
 * <p>
 * <b>Threading.</b> A client is not thread-safe: one thread drives it. That thread sends requests and calls
 * {@link #poll()} regularly (its duty cycle) to read answers, which go to the {@link RippleClientListener}, and to
 * send heartbeats when the client has been idle. Blocking calls ({@link #select}, {@link #signalAndAwaitAck},
 * {@link #metrics()} ...) poll while they wait, so listener callbacks may run inside them.
 * <p>
 * <b>Correlation.</b> Every request gets the next correlation id from one increasing counter; asynchronous calls
 * return it, and answers name it. Acks are cumulative ({@link #highestAckedCorrelationId()}).
 * <p>
 * <b>Allocation.</b> Signals, batches and selections reuse encoders, a send buffer and a reusable
 * {@link SelectRequest}; blocking results are flyweight decoders over a reused buffer, valid until the next call on
 * this client. Steady-state signalling and selecting do not allocate.
 * <p>
 * <b>Back-pressure.</b> A send that finds the ingress back-pressured or not connected polls answers and retries
 * with the idle strategy until the offer timeout, then throws {@link RippleException}.
 */
public final class RippleClient implements AutoCloseable
{
    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final long NO_CORRELATION = Long.MIN_VALUE;
    private static final CharSequence NO_TRACE = "";
    private static final SignalType[] SIGNAL_TYPES = SignalType.values();

    private final RippleClientContext context;
    private final Aeron aeron;
    private final boolean ownsAeron;
    private final IdleStrategy idleStrategy;
    private final RippleClientListener listener;
    private Subscription subscription;
    private ExclusivePublication publication;
    private final FragmentHandler fragmentHandler = new FragmentAssembler(this::onFragment);

    private final MutableDirectBuffer sendBuffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ConnectEncoder connectEncoder = new ConnectEncoder();
    private final HeartbeatEncoder heartbeatEncoder = new HeartbeatEncoder();
    private final DisconnectEncoder disconnectEncoder = new DisconnectEncoder();
    private final SignalEncoder signalEncoder = new SignalEncoder();
    private final SignalBatchEncoder batchEncoder = new SignalBatchEncoder();
    private final SelectEncoder selectEncoder = new SelectEncoder();
    private final ScoresQueryEncoder scoresEncoder = new ScoresQueryEncoder();
    private final AgentStateQueryEncoder stateEncoder = new AgentStateQueryEncoder();
    private final MetricsQueryEncoder metricsEncoder = new MetricsQueryEncoder();
    private final PredictOverloadEncoder predictEncoder = new PredictOverloadEncoder();
    private final SubscribeOverloadWarningsEncoder subscribeEncoder = new SubscribeOverloadWarningsEncoder();
    private final DefineProfileEncoder profileEncoder = new DefineProfileEncoder();
    private final JoinPoolEncoder joinEncoder = new JoinPoolEncoder();
    private final LeavePoolEncoder leaveEncoder = new LeavePoolEncoder();
    private final RegisterAgentEncoder registerEncoder = new RegisterAgentEncoder();
    private SignalBatchEncoder.SignalsEncoder batchEntries;
    private long batchCorrelationId = NO_CORRELATION;
    private final SelectRequest selectRequest = new SelectRequest();

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final ErrorDecoder errorDecoder = new ErrorDecoder();
    private final SignalAckDecoder ackDecoder = new SignalAckDecoder();
    private final OverloadWarningDecoder warningDecoder = new OverloadWarningDecoder();
    private final DisconnectDecoder disconnectDecoder = new DisconnectDecoder();
    private final ConnectAcceptedDecoder acceptedDecoder = new ConnectAcceptedDecoder();
    private final ConnectRejectedDecoder rejectedDecoder = new ConnectRejectedDecoder();
    private final SelectResultDecoder selectResultDecoder = new SelectResultDecoder();
    private final ScoresResultDecoder scoresResultDecoder = new ScoresResultDecoder();
    private final AgentStateDecoder agentStateDecoder = new AgentStateDecoder();
    private final MetricsSnapshotDecoder metricsDecoder = new MetricsSnapshotDecoder();
    private final OverloadPredictionDecoder predictionDecoder = new OverloadPredictionDecoder();
    private final OperationAckDecoder operationAckDecoder = new OperationAckDecoder();

    private final MutableDirectBuffer answerBuffer = new ExpandableArrayBuffer(4096);
    private long awaitedCorrelationId = NO_CORRELATION;
    private int answerLength;
    private int answerTemplateId;
    private final StringBuilder reasonText = new StringBuilder();

    private long sessionId;
    private Role role;
    private int heartbeatIntervalMs;
    private int sessionTimeoutMs;
    private int maxBatchSize;
    private int maxCandidates;
    private long heartbeatIntervalNs;
    private long nextCorrelationId = 1;
    private long highestAckedCorrelationId = NO_CORRELATION;
    private long messagesJournaled;
    private long lastSentNs;
    private long lastReceivedNs;
    private boolean connected;
    private volatile Throwable aeronError;
    private SessionCloseReason disconnectReason;

    private RippleClient(final RippleClientContext context)
    {
        this.context = context;
        this.ownsAeron = null == context.aeron();
        this.aeron = ownsAeron ?
            Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(context.aeronDirectoryName())
                .errorHandler(this::onAeronError)) :
            context.aeron();
        this.idleStrategy = context.idleStrategy().get();
        this.listener = context.listener();
    }

    /**
     * Connect to a server and open a session; waits for {@code ConnectAccepted}.
     *
     * @param context where the server is and who this client is.
     * @return a connected client.
     * @throws RippleException if the server refuses ({@code AUTHENTICATION_FAILED}, {@code SESSION_LIMIT_REACHED}
     *                         ...) or does not answer within the connect timeout.
     */
    public static RippleClient connect(final RippleClientContext context)
    {
        final RippleClient client = new RippleClient(context);
        try
        {
            client.doConnect();
            return client;
        }
        catch (final RuntimeException ex)
        {
            client.closeResources();
            throw ex;
        }
    }

    private void doConnect()
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(context.connectTimeoutMs());
        subscription = aeron.addSubscription(context.responseChannel(), context.responseStreamId());
        String responseChannel = context.responseChannel();
        if (responseChannel.startsWith("aeron:udp"))
        {
            String resolved;
            while (null == (resolved = subscription.tryResolveChannelEndpointPort()))
            {
                awaitUntil(deadlineNs, "resolve the response channel", NO_CORRELATION);
            }
            responseChannel = resolved;
        }

        publication = aeron.addExclusivePublication(context.ingressChannel(), context.ingressStreamId());
        while (!publication.isConnected())
        {
            awaitUntil(deadlineNs, "reach the server's ingress", NO_CORRELATION);
        }

        final long correlationId = nextCorrelationId++;
        connectEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
            .sessionId(0)
            .correlationId(correlationId)
            .responseStreamId(context.responseStreamId())
            .principal(context.principal())
            .secret(context.secret())
            .responseChannel(responseChannel);
        send(HEADER_LENGTH + connectEncoder.encodedLength());

        awaitedCorrelationId = correlationId;
        answerTemplateId = 0;
        while (0 == answerTemplateId)
        {
            if (0 == pollOnce())
            {
                awaitUntil(deadlineNs, "get an answer to Connect", NO_CORRELATION);
            }
        }
        awaitedCorrelationId = NO_CORRELATION;

        if (ConnectRejectedDecoder.TEMPLATE_ID == answerTemplateId)
        {
            wrapAnswer(rejectedDecoder);
            reasonText.setLength(0);
            rejectedDecoder.getReason(reasonText);
            throw new RippleException(rejectedDecoder.code(), correlationId, -1, reasonText.toString());
        }
        if (ConnectAcceptedDecoder.TEMPLATE_ID != answerTemplateId)
        {
            throw new RippleException(ErrorCode.MALFORMED_FRAME, correlationId, -1,
                "unexpected answer to Connect: template " + answerTemplateId);
        }

        wrapAnswer(acceptedDecoder);
        sessionId = acceptedDecoder.sessionId();
        role = acceptedDecoder.role();
        heartbeatIntervalMs = acceptedDecoder.heartbeatIntervalMs();
        sessionTimeoutMs = acceptedDecoder.sessionTimeoutMs();
        maxBatchSize = acceptedDecoder.maxBatchSize();
        maxCandidates = acceptedDecoder.maxCandidates();
        heartbeatIntervalNs = TimeUnit.MILLISECONDS.toNanos(heartbeatIntervalMs);
        connected = true;
    }

    /**
     * Duty cycle: read answers (up to a fragment limit) and send a heartbeat if the client has been idle.
     *
     * @return work done; 0 lets the caller idle.
     */
    public int poll()
    {
        final int workCount = pollOnce();
        if (connected && System.nanoTime() - lastSentNs >= heartbeatIntervalNs)
        {
            heartbeatEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
                .sessionId(sessionId)
                .correlationId(0)
                .timestampNs(System.currentTimeMillis() * 1_000_000L);
            if (publication.offer(sendBuffer, 0, HEADER_LENGTH + heartbeatEncoder.encodedLength()) > 0)
            {
                lastSentNs = System.nanoTime();
            }
        }
        return workCount;
    }

    private int pollOnce()
    {
        if (null != aeronError)
        {
            connected = false;
            return 0;
        }
        return subscription.poll(fragmentHandler, context.fragmentLimit());
    }

    private void onAeronError(final Throwable error)
    {
        // Called on the Aeron client's conductor thread; the driver is gone or broken, so the session is lost.
        aeronError = error;
    }

    /**
     * Publish one signal; returns without waiting for the ack.
     *
     * @param agentId    ASCII agent id this principal owns.
     * @param type       signal type.
     * @param value      in [0, 1].
     * @param confidence in [0, 1].
     * @param ttlMs      time to live, 1 ms to 24 h.
     * @return the correlation id.
     */
    public long signal(
        final CharSequence agentId,
        final SignalType type,
        final double value,
        final double confidence,
        final long ttlMs)
    {
        return signal(agentId, type, value, confidence, ttlMs, NO_TRACE);
    }

    /**
     * Publish one signal with a trace id; returns without waiting for the ack.
     *
     * @param agentId    ASCII agent id this principal owns.
     * @param type       signal type.
     * @param value      in [0, 1].
     * @param confidence in [0, 1].
     * @param ttlMs      time to live, 1 ms to 24 h.
     * @param traceId    up to 64 ASCII bytes, empty for none.
     * @return the correlation id.
     */
    public long signal(
        final CharSequence agentId,
        final SignalType type,
        final double value,
        final double confidence,
        final long ttlMs,
        final CharSequence traceId)
    {
        final long correlationId = nextCorrelationId();
        signalEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
            .sessionId(sessionId)
            .correlationId(correlationId)
            .value(value)
            .confidence(confidence)
            .ttlMs(ttlMs)
            .signalType(type)
            .agentId(agentId)
            .traceId(traceId);
        send(HEADER_LENGTH + signalEncoder.encodedLength());
        return correlationId;
    }

    /**
     * Publish one signal and wait until the server has journaled it.
     *
     * @param agentId    ASCII agent id this principal owns.
     * @param type       signal type.
     * @param value      in [0, 1].
     * @param confidence in [0, 1].
     * @param ttlMs      time to live, 1 ms to 24 h.
     * @return the correlation id.
     * @throws RippleException if the signal was rejected or no ack came within the request timeout.
     */
    public long signalAndAwaitAck(
        final CharSequence agentId,
        final SignalType type,
        final double value,
        final double confidence,
        final long ttlMs)
    {
        final long correlationId = signal(agentId, type, value, confidence, ttlMs);
        awaitAck(correlationId);
        return correlationId;
    }

    /**
     * Start a batch of signals; add entries with {@link #addToBatch}, send with {@link #sendBatch()}.
     *
     * @return this for a fluent style.
     */
    public RippleClient beginBatch()
    {
        batchCorrelationId = nextCorrelationId();
        batchEntries = batchEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
            .sessionId(sessionId)
            .correlationId(batchCorrelationId)
            .signalsCount(maxBatchSize);
        return this;
    }

    /**
     * Add a signal to the batch begun with {@link #beginBatch()}.
     *
     * @param agentId    ASCII agent id this principal owns.
     * @param type       signal type.
     * @param value      in [0, 1].
     * @param confidence in [0, 1].
     * @param ttlMs      time to live, 1 ms to 24 h.
     * @return this for a fluent style.
     */
    public RippleClient addToBatch(
        final CharSequence agentId,
        final SignalType type,
        final double value,
        final double confidence,
        final long ttlMs)
    {
        batchEntries.next().value(value).confidence(confidence).ttlMs(ttlMs).signalType(type)
            .agentId(agentId).traceId(NO_TRACE);
        return this;
    }

    /**
     * Send the batch begun with {@link #beginBatch()}; one journal write and one ack for all its entries.
     *
     * @return the correlation id of the batch.
     */
    public long sendBatch()
    {
        batchEntries.resetCountToIndex();
        send(HEADER_LENGTH + batchEncoder.encodedLength());
        return batchCorrelationId;
    }

    /**
     * The client's reusable selection request, emptied.
     *
     * @return the request to fill.
     */
    public SelectRequest selectRequest()
    {
        return selectRequest.reset();
    }

    /**
     * Send a selection; the {@code SelectResult} or {@code Error} goes to the listener.
     *
     * @param request candidates or pool, profile or weights, k.
     * @return the correlation id.
     */
    public long sendSelect(final SelectRequest request)
    {
        final long correlationId = nextCorrelationId();
        selectEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
            .sessionId(sessionId)
            .correlationId(correlationId)
            .k(request.k());
        final SelectEncoder.WeightsEncoder weights = selectEncoder.weightsCount(request.weightCount());
        for (final SignalType type : SIGNAL_TYPES)
        {
            if (SignalType.NULL_VAL != type && request.isWeightSet(type.value()))
            {
                weights.next().weight(request.weight(type.value())).signalType(type);
            }
        }
        final SelectEncoder.CandidatesEncoder candidates = selectEncoder.candidatesCount(request.candidateCount());
        for (int i = 0, count = request.candidateCount(); i < count; i++)
        {
            candidates.next().putAgentId(request.ids(), request.idOffset(i), request.idLength(i));
        }
        selectEncoder.poolName(request.poolName()).profileName(request.profileName());
        send(HEADER_LENGTH + selectEncoder.encodedLength());
        return correlationId;
    }

    /**
     * Select and wait for the answer.
     *
     * @param request candidates or pool, profile or weights, k.
     * @return the result, a flyweight valid until the next call on this client.
     * @throws RippleException if the server rejected the request or did not answer in time.
     */
    public SelectResultDecoder select(final SelectRequest request)
    {
        awaitAnswer(sendSelect(request), SelectResultDecoder.TEMPLATE_ID);
        wrapAnswer(selectResultDecoder);
        return selectResultDecoder;
    }

    /**
     * Scores of the request's candidates (k and pool are ignored), waiting for the answer.
     *
     * @param request candidates and profile or weights.
     * @return the result, a flyweight valid until the next call on this client.
     */
    public ScoresResultDecoder scores(final SelectRequest request)
    {
        final long correlationId = nextCorrelationId();
        scoresEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
            .sessionId(sessionId)
            .correlationId(correlationId);
        final ScoresQueryEncoder.WeightsEncoder weights = scoresEncoder.weightsCount(request.weightCount());
        for (final SignalType type : SIGNAL_TYPES)
        {
            if (SignalType.NULL_VAL != type && request.isWeightSet(type.value()))
            {
                weights.next().weight(request.weight(type.value())).signalType(type);
            }
        }
        final ScoresQueryEncoder.AgentsEncoder agents = scoresEncoder.agentsCount(request.candidateCount());
        for (int i = 0, count = request.candidateCount(); i < count; i++)
        {
            agents.next().putAgentId(request.ids(), request.idOffset(i), request.idLength(i));
        }
        scoresEncoder.profileName(request.profileName());
        send(HEADER_LENGTH + scoresEncoder.encodedLength());

        awaitAnswer(correlationId, ScoresResultDecoder.TEMPLATE_ID);
        wrapAnswer(scoresResultDecoder);
        return scoresResultDecoder;
    }

    /**
     * Full state of one agent, waiting for the answer.
     *
     * @param agentId     the agent.
     * @param profileName for the scores; empty for default.
     * @return the state, a flyweight valid until the next call on this client.
     */
    public AgentStateDecoder agentState(final CharSequence agentId, final CharSequence profileName)
    {
        final long correlationId = nextCorrelationId();
        stateEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
            .sessionId(sessionId)
            .correlationId(correlationId)
            .agentId(agentId)
            .profileName(profileName);
        send(HEADER_LENGTH + stateEncoder.encodedLength());
        awaitAnswer(correlationId, AgentStateDecoder.TEMPLATE_ID);
        wrapAnswer(agentStateDecoder);
        return agentStateDecoder;
    }

    /**
     * Counters of the server, waiting for the answer.
     *
     * @return the snapshot, a flyweight valid until the next call on this client.
     */
    public MetricsSnapshotDecoder metrics()
    {
        final long correlationId = nextCorrelationId();
        metricsEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
            .sessionId(sessionId)
            .correlationId(correlationId);
        send(HEADER_LENGTH + metricsEncoder.encodedLength());
        awaitAnswer(correlationId, MetricsSnapshotDecoder.TEMPLATE_ID);
        wrapAnswer(metricsDecoder);
        return metricsDecoder;
    }

    /**
     * Predict whether an agent will overload, waiting for the answer.
     *
     * @param agentId   the agent.
     * @param horizonMs how far ahead, above 0.
     * @param threshold load in [0, 1] counted as overload.
     * @return the prediction, a flyweight valid until the next call on this client.
     */
    public OverloadPredictionDecoder predictOverload(
        final CharSequence agentId, final long horizonMs, final double threshold)
    {
        final long correlationId = nextCorrelationId();
        predictEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
            .sessionId(sessionId)
            .correlationId(correlationId)
            .horizonMs(horizonMs)
            .threshold(threshold)
            .agentId(agentId);
        send(HEADER_LENGTH + predictEncoder.encodedLength());
        awaitAnswer(correlationId, OverloadPredictionDecoder.TEMPLATE_ID);
        wrapAnswer(predictionDecoder);
        return predictionDecoder;
    }

    /**
     * Start or stop overload warnings to the listener, waiting for the server's ack.
     *
     * @param subscribe true to receive warnings.
     */
    public void subscribeOverloadWarnings(final boolean subscribe)
    {
        final long correlationId = nextCorrelationId();
        subscribeEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
            .sessionId(sessionId)
            .correlationId(correlationId)
            .subscribe(subscribe ? BooleanType.TRUE : BooleanType.FALSE);
        send(HEADER_LENGTH + subscribeEncoder.encodedLength());
        awaitAnswer(correlationId, OperationAckDecoder.TEMPLATE_ID);
    }

    /**
     * Admin: define or replace a weight profile, waiting for the server's ack.
     *
     * @param profileName     name of the profile.
     * @param weights         six weights in signal type order (LOAD, CAPACITY, QUALITY, COST, LATENCY,
     *                        AVAILABILITY).
     * @param inFlightPenalty in [0, 1).
     * @param model           scoring model.
     */
    public void defineProfile(
        final CharSequence profileName, final double[] weights, final double inFlightPenalty, final ScoringModel model)
    {
        final long correlationId = nextCorrelationId();
        profileEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
            .sessionId(sessionId)
            .correlationId(correlationId)
            .loadWeight(weights[0])
            .capacityWeight(weights[1])
            .qualityWeight(weights[2])
            .costWeight(weights[3])
            .latencyWeight(weights[4])
            .availabilityWeight(weights[5])
            .inFlightPenalty(inFlightPenalty)
            .model(model)
            .profileName(profileName);
        send(HEADER_LENGTH + profileEncoder.encodedLength());
        awaitAnswer(correlationId, OperationAckDecoder.TEMPLATE_ID);
    }

    /**
     * Add an agent to a pool, waiting for the server's ack.
     *
     * @param agentId  the agent.
     * @param poolName the pool.
     */
    public void joinPool(final CharSequence agentId, final CharSequence poolName)
    {
        final long correlationId = nextCorrelationId();
        joinEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
            .sessionId(sessionId)
            .correlationId(correlationId)
            .agentId(agentId)
            .poolName(poolName);
        send(HEADER_LENGTH + joinEncoder.encodedLength());
        awaitAnswer(correlationId, OperationAckDecoder.TEMPLATE_ID);
    }

    /**
     * Remove an agent from a pool, waiting for the server's ack.
     *
     * @param agentId  the agent.
     * @param poolName the pool.
     */
    public void leavePool(final CharSequence agentId, final CharSequence poolName)
    {
        final long correlationId = nextCorrelationId();
        leaveEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
            .sessionId(sessionId)
            .correlationId(correlationId)
            .agentId(agentId)
            .poolName(poolName);
        send(HEADER_LENGTH + leaveEncoder.encodedLength());
        awaitAnswer(correlationId, OperationAckDecoder.TEMPLATE_ID);
    }

    /**
     * Track an agent before its first signal, waiting for the server's ack.
     *
     * @param agentId the agent.
     */
    public void registerAgent(final CharSequence agentId)
    {
        final long correlationId = nextCorrelationId();
        registerEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
            .sessionId(sessionId)
            .correlationId(correlationId)
            .agentId(agentId);
        send(HEADER_LENGTH + registerEncoder.encodedLength());
        awaitAnswer(correlationId, OperationAckDecoder.TEMPLATE_ID);
    }

    /**
     * Send raw bytes as they are, for tests of the server's checks; the bytes are not validated here.
     *
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length of the message.
     */
    public void sendRaw(final DirectBuffer buffer, final int offset, final int length)
    {
        sendBuffer.putBytes(0, buffer, offset, length);
        send(length);
    }

    /**
     * Wait for the answer to a request sent by this client, for example with {@link #sendRaw}.
     *
     * @param correlationId of the request.
     * @return the template id of the answer, whose bytes are in {@link #answerBuffer()}; an {@code Error} is
     * returned too (as {@code ErrorDecoder.TEMPLATE_ID}), not thrown.
     * @throws RippleException if no answer comes within the request timeout.
     */
    public int awaitAnyAnswer(final long correlationId)
    {
        awaitedCorrelationId = correlationId;
        answerTemplateId = 0;
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(context.requestTimeoutMs());
        try
        {
            while (0 == answerTemplateId)
            {
                if (0 == poll())
                {
                    awaitUntil(deadlineNs, "get an answer to request", correlationId);
                }
            }
        }
        finally
        {
            awaitedCorrelationId = NO_CORRELATION;
        }
        return answerTemplateId;
    }

    /**
     * Wait until the server has journaled every signal message up to a correlation id.
     * <p>
     * The server sends a request's errors before the ack that covers it, so an {@code Error} naming this correlation
     * id, whether from the gateway (not journaled) or from the engine (journaled, but rejected), is thrown. For a
     * batch that is the first rejected entry ({@link RippleException#itemIndex()}); errors of later entries go to the
     * listener, and the other entries are applied.
     *
     * @param correlationId of a signal or batch sent by this client.
     * @throws RippleException if the message or an entry of it was rejected, or no ack came within the request
     *                         timeout.
     */
    public void awaitAck(final long correlationId)
    {
        awaitedCorrelationId = correlationId;
        answerTemplateId = 0;
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(context.requestTimeoutMs());
        try
        {
            while (highestAckedCorrelationId < correlationId && ErrorDecoder.TEMPLATE_ID != answerTemplateId)
            {
                if (0 == poll())
                {
                    awaitUntil(deadlineNs, "get the ack of", correlationId);
                }
            }
            if (ErrorDecoder.TEMPLATE_ID == answerTemplateId)
            {
                throwError();
            }
        }
        finally
        {
            awaitedCorrelationId = NO_CORRELATION;
        }
    }

    private void awaitAnswer(final long correlationId, final int expectedTemplateId)
    {
        final int templateId = awaitAnyAnswer(correlationId);
        if (ErrorDecoder.TEMPLATE_ID == templateId)
        {
            throwError();
        }
        if (expectedTemplateId != templateId)
        {
            throw new RippleException(ErrorCode.MALFORMED_FRAME, correlationId, -1,
                "expected template " + expectedTemplateId + " but the answer was " + templateId);
        }
    }

    private void throwError()
    {
        wrapAnswer(errorDecoder);
        final int itemIndex = errorDecoder.itemIndex();
        final long correlationId = errorDecoder.correlationId();
        final ErrorCode code = errorDecoder.code();
        reasonText.setLength(0);
        errorDecoder.getReason(reasonText);
        throw new RippleException(code, correlationId,
            ErrorDecoder.itemIndexNullValue() == itemIndex ? -1 : itemIndex, reasonText.toString());
    }

    private void wrapAnswer(final MessageDecoderFlyweight decoder)
    {
        headerDecoder.wrap(answerBuffer, 0);
        decoder.wrap(answerBuffer, HEADER_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
    }

    /**
     * The bytes of the last answer a blocking call received, header included, from index 0.
     *
     * @return the answer buffer.
     */
    public DirectBuffer answerBuffer()
    {
        return answerBuffer;
    }

    /**
     * Length of the last answer a blocking call received.
     *
     * @return length in bytes.
     */
    public int answerLength()
    {
        return answerLength;
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length < HEADER_LENGTH)
        {
            return;
        }
        lastReceivedNs = System.nanoTime();
        headerDecoder.wrap(buffer, offset);
        final int templateId = headerDecoder.templateId();
        final int bodyOffset = offset + HEADER_LENGTH;
        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();

        switch (templateId)
        {
            case SignalAckDecoder.TEMPLATE_ID:
                ackDecoder.wrap(buffer, bodyOffset, blockLength, version);
                if (ackDecoder.correlationId() > highestAckedCorrelationId)
                {
                    highestAckedCorrelationId = ackDecoder.correlationId();
                }
                messagesJournaled = ackDecoder.messagesJournaled();
                if (null != listener)
                {
                    listener.onSignalAck(ackDecoder.correlationId(), ackDecoder.messagesJournaled());
                }
                return;

            case OverloadWarningDecoder.TEMPLATE_ID:
                if (null != listener)
                {
                    warningDecoder.wrap(buffer, bodyOffset, blockLength, version);
                    listener.onOverloadWarning(warningDecoder);
                }
                return;

            case HeartbeatDecoder.TEMPLATE_ID:
                return;

            case DisconnectDecoder.TEMPLATE_ID:
                disconnectDecoder.wrap(buffer, bodyOffset, blockLength, version);
                connected = false;
                disconnectReason = disconnectDecoder.reason();
                if (null != listener)
                {
                    listener.onDisconnect(disconnectReason);
                }
                return;

            default:
                break;
        }

        if (length < HEADER_LENGTH + 8)
        {
            return;
        }
        final long correlationId = buffer.getLong(bodyOffset, LITTLE_ENDIAN);
        if (correlationId == awaitedCorrelationId && 0 == answerTemplateId)
        {
            answerBuffer.putBytes(0, buffer, offset, length);
            answerLength = length;
            answerTemplateId = templateId;
        }
        else if (null != listener)
        {
            if (ErrorDecoder.TEMPLATE_ID == templateId)
            {
                errorDecoder.wrap(buffer, bodyOffset, blockLength, version);
                listener.onError(errorDecoder);
            }
            else
            {
                listener.onAnswer(templateId, correlationId, buffer, offset, length);
            }
        }
    }

    private long nextCorrelationId()
    {
        if (!connected)
        {
            throw new RippleException(ErrorCode.UNKNOWN_SESSION, 0, -1, "not connected" +
                (null == disconnectReason ? "" : ": the server ended the session (" + disconnectReason + ")"));
        }
        return nextCorrelationId++;
    }

    private void send(final int length)
    {
        long deadlineNs = 0;
        while (true)
        {
            final long result = publication.offer(sendBuffer, 0, length);
            if (result > 0)
            {
                lastSentNs = System.nanoTime();
                return;
            }
            if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result || null != aeronError)
            {
                connected = false;
                throw new RippleException(null, 0, -1, "the ingress publication is closed");
            }
            if (0 == deadlineNs)
            {
                deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(context.offerTimeoutMs());
            }
            if (0 == pollOnce())
            {
                awaitUntil(deadlineNs, "send: the ingress stayed back-pressured or unreachable", NO_CORRELATION);
            }
        }
    }

    private void awaitUntil(final long deadlineNs, final String what, final long correlationId)
    {
        if (System.nanoTime() - deadlineNs > 0)
        {
            throw new RippleException(null, NO_CORRELATION == correlationId ? 0 : correlationId, -1,
                "timed out trying to " + what + (NO_CORRELATION == correlationId ? "" : " " + correlationId));
        }
        idleStrategy.idle();
    }

    /**
     * Session id assigned by the server.
     *
     * @return the session id.
     */
    public long sessionId()
    {
        return sessionId;
    }

    /**
     * Role of this client's principal.
     *
     * @return the role.
     */
    public Role role()
    {
        return role;
    }

    /**
     * Heartbeat interval announced by the server.
     *
     * @return milliseconds.
     */
    public int heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }

    /**
     * Session timeout announced by the server.
     *
     * @return milliseconds.
     */
    public int sessionTimeoutMs()
    {
        return sessionTimeoutMs;
    }

    /**
     * Most entries in a batch, announced by the server.
     *
     * @return the batch limit.
     */
    public int maxBatchSize()
    {
        return maxBatchSize;
    }

    /**
     * Most candidates per request, announced by the server.
     *
     * @return the candidate limit.
     */
    public int maxCandidates()
    {
        return maxCandidates;
    }

    /**
     * Highest correlation id the server acknowledged as journaled.
     *
     * @return the correlation id, {@link Long#MIN_VALUE} before the first ack.
     */
    public long highestAckedCorrelationId()
    {
        return highestAckedCorrelationId;
    }

    /**
     * Signal messages the server journaled for this session, per the last ack.
     *
     * @return the count.
     */
    public long messagesJournaled()
    {
        return messagesJournaled;
    }

    /**
     * Is the session open, as far as this client knows?
     *
     * @return false after {@link #close()} or a {@code Disconnect} from the server.
     */
    public boolean isConnected()
    {
        return connected;
    }

    /**
     * Why the server ended the session, if it did.
     *
     * @return the reason, or null.
     */
    public SessionCloseReason disconnectReason()
    {
        return disconnectReason;
    }

    /**
     * Time an answer, ack or heartbeat last arrived.
     *
     * @return {@link System#nanoTime()} of the last message received.
     */
    public long lastReceivedNs()
    {
        return lastReceivedNs;
    }

    /**
     * Stop polling without closing, so that answers pile up; for tests of slow clients.
     *
     * @return the subscription this client reads answers from.
     */
    public Subscription responseSubscription()
    {
        return subscription;
    }

    /**
     * End the session (a {@code Disconnect}, waiting briefly for its ack) and release Aeron resources.
     */
    public void close()
    {
        while (connected && pollOnce() > 0)
        {
            // Take in a Disconnect the server may have sent already (timeout, shutdown).
        }
        if (connected)
        {
            try
            {
                final long correlationId = nextCorrelationId();
                disconnectEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
                    .sessionId(sessionId)
                    .correlationId(correlationId)
                    .reason(SessionCloseReason.CLIENT_REQUEST);
                send(HEADER_LENGTH + disconnectEncoder.encodedLength());
                awaitAnyAnswer(correlationId);
            }
            catch (final RippleException ignore)
            {
                // The server may be gone already; the session then times out on its side.
            }
            connected = false;
        }
        closeResources();
    }

    private void closeResources()
    {
        CloseHelper.quietClose(publication);
        CloseHelper.quietClose(subscription);
        if (ownsAeron)
        {
            CloseHelper.quietClose(aeron);
        }
    }
}
