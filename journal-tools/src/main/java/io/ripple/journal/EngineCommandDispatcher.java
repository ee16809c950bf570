package io.ripple.journal;

import io.ripple.codecs.AgentStateEncoder;
import io.ripple.codecs.AgentStateQueryDecoder;
import io.ripple.codecs.BooleanType;
import io.ripple.codecs.ConnectDecoder;
import io.ripple.codecs.DefineProfileDecoder;
import io.ripple.codecs.DisconnectDecoder;
import io.ripple.codecs.ErrorEncoder;
import io.ripple.codecs.FrameValidator;
import io.ripple.codecs.HeartbeatDecoder;
import io.ripple.codecs.JoinPoolDecoder;
import io.ripple.codecs.LeavePoolDecoder;
import io.ripple.codecs.MessageHeaderEncoder;
import io.ripple.codecs.MetricsQueryDecoder;
import io.ripple.codecs.MetricsSnapshotEncoder;
import io.ripple.codecs.OperationAckEncoder;
import io.ripple.codecs.OverloadPredictionEncoder;
import io.ripple.codecs.OverloadWarningEncoder;
import io.ripple.codecs.PredictOverloadDecoder;
import io.ripple.codecs.ProtocolLimits;
import io.ripple.codecs.RegisterAgentDecoder;
import io.ripple.codecs.ScoresQueryDecoder;
import io.ripple.codecs.ScoresResultEncoder;
import io.ripple.codecs.SelectDecoder;
import io.ripple.codecs.SelectResultEncoder;
import io.ripple.codecs.SessionClosedDecoder;
import io.ripple.codecs.SessionOpenedDecoder;
import io.ripple.codecs.SignalBatchDecoder;
import io.ripple.codecs.SignalDecoder;
import io.ripple.codecs.SubscribeOverloadWarningsDecoder;
import io.ripple.codecs.TimerEventDecoder;
import io.ripple.codecs.TimerKind;
import io.ripple.engine.AgentStateView;
import io.ripple.engine.CoordinationEngine;
import io.ripple.engine.EngineConfig;
import io.ripple.engine.EngineListener;
import io.ripple.engine.EngineMetrics;
import io.ripple.engine.ErrorCode;
import io.ripple.engine.OverloadPrediction;
import io.ripple.engine.ScoresRequest;
import io.ripple.engine.ScoresResult;
import io.ripple.engine.ScoringModel;
import io.ripple.engine.SelectRequest;
import io.ripple.engine.SelectionResult;
import io.ripple.engine.SignalType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Decodes SBE requests and internal events, applies them to a {@link CoordinationEngine} it owns, and encodes the
 * engine's answers for a {@link ResponseSink}: the adapter between the ring (or the journal, on replay) and the
 * engine.
 * <p>
 * Handles Signal, SignalBatch, Select, ScoresQuery, AgentStateQuery, MetricsQuery, PredictOverload,
 * SubscribeOverloadWarnings, DefineProfile, JoinPool, LeavePool, RegisterAgent and TimerEvent. Session events
 * (Connect, Heartbeat, Disconnect, SessionOpened, SessionClosed) change nothing in the engine; the last two keep the
 * count of open sessions reported in metrics. Accepted signals produce no answer (the gateway acknowledges them once
 * journaled); a rejected signal, or batch entry, produces an Error carrying its item index.
 * <p>
 * Every frame is checked by a {@link FrameValidator} before it is decoded, so any bytes at all (a hostile client or a
 * damaged journal) produce at worst an Error with a framing code, never an exception, and leave the engine untouched.
 * <p>
 * <b>Threading.</b> The engine's thread only. <b>Allocation.</b> None in steady state: decoders, encoders, request and
 * result objects and the answer buffer are allocated once.
 */
public final class EngineCommandDispatcher implements EngineListener
{
    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int CORRELATION_ID_OFFSET = HEADER_LENGTH + 8;
    private static final int NULL_ITEM = ErrorEncoder.itemIndexNullValue();
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final int MAX_WIRE_CODE = 64;
    private static final ErrorCode[] ENGINE_CODES = ErrorCode.values();
    private static final SignalType[] SIGNAL_TYPES = SignalType.values();
    private static final int WARNING_BUFFER_LENGTH = 512;
    private static final int UNKNOWN_WEIGHT_TYPE = -1;
    private static final int DUPLICATE_WEIGHT_TYPE = -2;

    private final CoordinationEngine engine;
    private final long warningHorizonMs;
    private ResponseSink sink;

    private final FrameValidator frameChecker = FrameValidator.forEngineSide();
    private final SignalDecoder signalDecoder = new SignalDecoder();
    private final SignalBatchDecoder signalBatchDecoder = new SignalBatchDecoder();
    private final SelectDecoder selectDecoder = new SelectDecoder();
    private final ScoresQueryDecoder scoresQueryDecoder = new ScoresQueryDecoder();
    private final AgentStateQueryDecoder agentStateQueryDecoder = new AgentStateQueryDecoder();
    private final MetricsQueryDecoder metricsQueryDecoder = new MetricsQueryDecoder();
    private final PredictOverloadDecoder predictOverloadDecoder = new PredictOverloadDecoder();
    private final SubscribeOverloadWarningsDecoder subscribeDecoder = new SubscribeOverloadWarningsDecoder();
    private final DefineProfileDecoder defineProfileDecoder = new DefineProfileDecoder();
    private final JoinPoolDecoder joinPoolDecoder = new JoinPoolDecoder();
    private final LeavePoolDecoder leavePoolDecoder = new LeavePoolDecoder();
    private final RegisterAgentDecoder registerAgentDecoder = new RegisterAgentDecoder();
    private final TimerEventDecoder timerEventDecoder = new TimerEventDecoder();

    private final UnsafeBuffer responseBuffer = new UnsafeBuffer(new byte[ProtocolLimits.MAX_MESSAGE_LENGTH]);
    private final UnsafeBuffer warningBuffer = new UnsafeBuffer(new byte[WARNING_BUFFER_LENGTH]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ErrorEncoder errorEncoder = new ErrorEncoder();
    private final OperationAckEncoder operationAckEncoder = new OperationAckEncoder();
    private final SelectResultEncoder selectResultEncoder = new SelectResultEncoder();
    private final ScoresResultEncoder scoresResultEncoder = new ScoresResultEncoder();
    private final AgentStateEncoder agentStateEncoder = new AgentStateEncoder();
    private final MetricsSnapshotEncoder metricsSnapshotEncoder = new MetricsSnapshotEncoder();
    private final OverloadPredictionEncoder overloadPredictionEncoder = new OverloadPredictionEncoder();
    private final OverloadWarningEncoder overloadWarningEncoder = new OverloadWarningEncoder();

    private final AsciiBytesView agentIdView = new AsciiBytesView();
    private final AsciiBytesView nameView = new AsciiBytesView();
    private final SelectRequest selectRequest = new SelectRequest(ProtocolLimits.MAX_CANDIDATES);
    private final SelectionResult selectionResult;
    private final ScoresRequest scoresRequest = new ScoresRequest(ProtocolLimits.MAX_CANDIDATES);
    private final ScoresResult scoresResult = new ScoresResult(ProtocolLimits.MAX_CANDIDATES);
    private final AgentStateView agentStateView;
    private final int agentStatePoolCapacity;
    private final OverloadPrediction overloadPrediction = new OverloadPrediction();
    private final double[] profileWeights = new double[SignalType.COUNT];
    private final long[] framingRejections = new long[MAX_WIRE_CODE];

    private long eventsDispatched;
    private int openSessions;

    /**
     * Build a dispatcher around a new, empty engine.
     *
     * @param config sizes and limits of the engine.
     * @param sink   receives answers and warnings; {@link ResponseSink#NO_OP} to drop them.
     * @throws IllegalArgumentException if the configuration is invalid.
     */
    public EngineCommandDispatcher(final EngineConfig config, final ResponseSink sink)
    {
        this(config, sink, null, 0, 0);
    }

    private EngineCommandDispatcher(
        final EngineConfig config,
        final ResponseSink sink,
        final DirectBuffer snapshot,
        final int snapshotOffset,
        final int snapshotLength)
    {
        this.sink = null == sink ? ResponseSink.NO_OP : sink;
        engine = null == snapshot ?
            new CoordinationEngine(config, this) :
            CoordinationEngine.fromSnapshot(snapshot, snapshotOffset, snapshotLength, this);

        final EngineConfig engineConfig = engine.config();
        warningHorizonMs = engineConfig.warningHorizonMs();
        selectionResult = new SelectionResult(Math.max(1, engineConfig.maxK()));
        agentStatePoolCapacity = Math.min(engineConfig.maxPools(), ProtocolLimits.MAX_POOLS_PER_AGENT);
        agentStateView = new AgentStateView(agentStatePoolCapacity);
    }

    /**
     * Build a dispatcher around an engine restored from its snapshot state bytes (the engine state of a snapshot,
     * without the SnapshotHeader). The engine takes its configuration from the state.
     *
     * @param state  holding the engine state.
     * @param offset where it starts.
     * @param length its length in bytes.
     * @param sink   receives answers and warnings.
     * @return the dispatcher.
     * @throws IllegalArgumentException if the bytes are not a valid engine state.
     */
    public static EngineCommandDispatcher fromSnapshot(
        final DirectBuffer state, final int offset, final int length, final ResponseSink sink)
    {
        return new EngineCommandDispatcher(null, sink, state, offset, length);
    }

    /**
     * The engine this dispatcher owns. Use it on the engine's thread only, and only to read (queries, snapshots):
     * changes must go through {@link #dispatch(long, long, DirectBuffer, int, int)} so that they are journaled.
     *
     * @return the engine.
     */
    public CoordinationEngine engine()
    {
        return engine;
    }

    /**
     * Replace the sink, for example after a replay that ran with {@link ResponseSink#NO_OP}.
     *
     * @param sink the new sink.
     */
    public void responseSink(final ResponseSink sink)
    {
        this.sink = null == sink ? ResponseSink.NO_OP : sink;
    }

    /**
     * Messages dispatched since the dispatcher was built, whatever their outcome.
     *
     * @return the count.
     */
    public long eventsDispatched()
    {
        return eventsDispatched;
    }

    /**
     * Requests rejected before reaching the engine, by wire error code: framing errors, and the values the dispatcher
     * checks itself (weight signal types, scoring model).
     *
     * @param code wire number of an error such as {@code MALFORMED_FRAME} or {@code UNKNOWN_SIGNAL_TYPE}.
     * @return the count.
     */
    public long framingRejections(final int code)
    {
        return code >= 0 && code < MAX_WIRE_CODE ? framingRejections[code] : 0;
    }

    /**
     * Open sessions, counted from the SessionOpened and SessionClosed events dispatched.
     *
     * @return the count.
     */
    public int openSessions()
    {
        return openSessions;
    }

    /**
     * Decode one SBE message, apply it to the engine, and hand any answer to the sink.
     *
     * @param timestampNs event time stamped at ingress, used as the engine's now.
     * @param sessionId   session the message came from, 0 for internal events; answers go to it.
     * @param buffer      holding the message, header included.
     * @param offset      where the message starts.
     * @param length      its length in bytes.
     */
    public void dispatch(
        final long timestampNs, final long sessionId, final DirectBuffer buffer, final int offset, final int length)
    {
        eventsDispatched++;
        final io.ripple.codecs.ErrorCode checkResult = frameChecker.validate(buffer, offset, length);
        if (null != checkResult)
        {
            rejectFrame(sessionId, buffer, offset, length, checkResult);
            return;
        }

        final int templateId = frameChecker.templateId();
        final int blockLength = frameChecker.blockLength();
        final int version = frameChecker.version();
        final int bodyOffset = offset + HEADER_LENGTH;

        switch (templateId)
        {
            case SignalDecoder.TEMPLATE_ID:
                onSignal(timestampNs, sessionId, buffer, bodyOffset, blockLength, version);
                break;

            case SignalBatchDecoder.TEMPLATE_ID:
                onSignalBatch(timestampNs, sessionId, buffer, bodyOffset, blockLength, version);
                break;

            case SelectDecoder.TEMPLATE_ID:
                onSelect(timestampNs, sessionId, buffer, bodyOffset, blockLength, version);
                break;

            case ScoresQueryDecoder.TEMPLATE_ID:
                onScoresQuery(timestampNs, sessionId, buffer, bodyOffset, blockLength, version);
                break;

            case AgentStateQueryDecoder.TEMPLATE_ID:
                onAgentStateQuery(timestampNs, sessionId, buffer, bodyOffset, blockLength, version);
                break;

            case MetricsQueryDecoder.TEMPLATE_ID:
                metricsQueryDecoder.wrap(buffer, bodyOffset, blockLength, version);
                sendMetrics(timestampNs, sessionId, metricsQueryDecoder.correlationId());
                break;

            case PredictOverloadDecoder.TEMPLATE_ID:
                onPredictOverload(timestampNs, sessionId, buffer, bodyOffset, blockLength, version);
                break;

            case SubscribeOverloadWarningsDecoder.TEMPLATE_ID:
                onSubscribe(sessionId, buffer, bodyOffset, blockLength, version);
                break;

            case DefineProfileDecoder.TEMPLATE_ID:
                onDefineProfile(timestampNs, sessionId, buffer, bodyOffset, blockLength, version);
                break;

            case JoinPoolDecoder.TEMPLATE_ID:
                onJoinPool(timestampNs, sessionId, buffer, bodyOffset, blockLength, version);
                break;

            case LeavePoolDecoder.TEMPLATE_ID:
                onLeavePool(timestampNs, sessionId, buffer, bodyOffset, blockLength, version);
                break;

            case RegisterAgentDecoder.TEMPLATE_ID:
                onRegisterAgent(timestampNs, sessionId, buffer, bodyOffset, blockLength, version);
                break;

            case TimerEventDecoder.TEMPLATE_ID:
                onTimerEvent(timestampNs, sessionId, buffer, bodyOffset, blockLength, version);
                break;

            case SessionOpenedDecoder.TEMPLATE_ID:
                openSessions++;
                break;

            case SessionClosedDecoder.TEMPLATE_ID:
                openSessions = Math.max(0, openSessions - 1);
                break;

            case ConnectDecoder.TEMPLATE_ID:
            case HeartbeatDecoder.TEMPLATE_ID:
            case DisconnectDecoder.TEMPLATE_ID:
            default:
                break;
        }
    }

    /**
     * Encode an overload warning published by the engine and hand it to the sink's broadcast.
     *
     * @param timestampNs   time of the LOAD signal that caused the crossing.
     * @param agentId       the agent.
     * @param predictedLoad load predicted at the warning horizon.
     * @param threshold     the configured threshold.
     */
    public void onOverloadWarning(
        final long timestampNs, final CharSequence agentId, final double predictedLoad, final double threshold)
    {
        overloadWarningEncoder.wrapAndApplyHeader(warningBuffer, 0, headerEncoder)
            .timestampNs(timestampNs)
            .horizonMs(warningHorizonMs)
            .predictedLoad(predictedLoad)
            .threshold(threshold)
            .agentId(agentId);

        sink.onOverloadWarning(warningBuffer, 0, HEADER_LENGTH + overloadWarningEncoder.encodedLength());
    }

    private void onSignal(
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        final SignalDecoder decoder = signalDecoder.wrap(buffer, bodyOffset, blockLength, version);
        final long correlationId = decoder.correlationId();
        final double value = decoder.value();
        final double confidence = decoder.confidence();
        final long ttlMs = decoder.ttlMs();
        final int typeId = decoder.signalTypeRaw();
        agentIdView.wrap(buffer, decoder.limit() + SignalDecoder.agentIdHeaderLength(), decoder.agentIdLength());

        final ErrorCode error = engine.onSignal(timestampNs, agentIdView, typeId, value, confidence, ttlMs, 0);
        if (null != error)
        {
            sendEngineError(sessionId, correlationId, SignalDecoder.TEMPLATE_ID, NULL_ITEM, error);
        }
    }

    private void onSignalBatch(
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        final SignalBatchDecoder decoder = signalBatchDecoder.wrap(buffer, bodyOffset, blockLength, version);
        final long correlationId = decoder.correlationId();
        final SignalBatchDecoder.SignalsDecoder signals = decoder.signals();
        int itemIndex = 0;
        while (signals.hasNext())
        {
            signals.next();
            final double value = signals.value();
            final double confidence = signals.confidence();
            final long ttlMs = signals.ttlMs();
            final int typeId = signals.signalTypeRaw();
            agentIdView.wrap(
                buffer, decoder.limit() + SignalBatchDecoder.SignalsDecoder.agentIdHeaderLength(),
                signals.agentIdLength());
            signals.skipAgentId();
            signals.skipTraceId();

            final ErrorCode error = engine.onSignal(timestampNs, agentIdView, typeId, value, confidence, ttlMs, 0);
            if (null != error)
            {
                sendEngineError(sessionId, correlationId, SignalBatchDecoder.TEMPLATE_ID, itemIndex, error);
            }
            itemIndex++;
        }
    }

    private void onSelect(
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        final SelectDecoder decoder = selectDecoder.wrap(buffer, bodyOffset, blockLength, version);
        final long correlationId = decoder.correlationId();
        final SelectRequest request = selectRequest.reset();
        request.k(decoder.k());

        final SelectDecoder.WeightsDecoder weights = decoder.weights();
        int seenTypes = 0;
        for (int weightIndex = 0; weights.hasNext(); weightIndex++)
        {
            weights.next();
            seenTypes = addWeight(seenTypes, weights.signalTypeRaw());
            if (seenTypes < 0)
            {
                sendWeightError(sessionId, correlationId, SelectDecoder.TEMPLATE_ID, weightIndex, seenTypes);
                return;
            }
            request.weight(SignalType.get(weights.signalTypeRaw()), weights.weight());
        }

        final SelectDecoder.CandidatesDecoder candidates = decoder.candidates();
        while (candidates.hasNext())
        {
            candidates.next();
            agentIdView.wrap(
                buffer, decoder.limit() + SelectDecoder.CandidatesDecoder.agentIdHeaderLength(),
                candidates.agentIdLength());
            request.addCandidate(agentIdView);
            candidates.skipAgentId();
        }

        final int poolNameLength = decoder.poolNameLength();
        if (poolNameLength > 0)
        {
            nameView.wrap(buffer, decoder.limit() + SelectDecoder.poolNameHeaderLength(), poolNameLength);
            request.pool(nameView);
        }
        decoder.skipPoolName();

        final int profileNameLength = decoder.profileNameLength();
        if (profileNameLength > 0)
        {
            nameView.wrap(buffer, decoder.limit() + SelectDecoder.profileNameHeaderLength(), profileNameLength);
            request.profile(nameView);
        }
        decoder.skipProfileName();

        final SelectionResult result = selectionResult;
        final ErrorCode error = engine.select(timestampNs, request, result);
        if (null != error)
        {
            final int errorIndex = result.errorIndex();
            sendEngineError(
                sessionId, correlationId, SelectDecoder.TEMPLATE_ID, errorIndex >= 0 ? errorIndex : NULL_ITEM, error);
            return;
        }

        final int count = result.count();
        final SelectResultEncoder encoder = selectResultEncoder.wrapAndApplyHeader(responseBuffer, 0, headerEncoder)
            .correlationId(correlationId);
        final SelectResultEncoder.SelectedEncoder selected = encoder.selectedCount(count);
        for (int rank = 0; rank < count; rank++)
        {
            selected.next()
                .routingScore(result.score(rank))
                .loadScore(result.typeScore(rank, SignalType.LOAD))
                .capacityScore(result.typeScore(rank, SignalType.CAPACITY))
                .qualityScore(result.typeScore(rank, SignalType.QUALITY))
                .costScore(result.typeScore(rank, SignalType.COST))
                .latencyScore(result.typeScore(rank, SignalType.LATENCY))
                .availabilityScore(result.typeScore(rank, SignalType.AVAILABILITY))
                .inFlightCount(clampToInt(result.inFlight(rank)))
                .candidateIndex(result.candidateIndex(rank))
                .agentId(result.agentId(rank));
        }

        sink.onResponse(sessionId, responseBuffer, 0, HEADER_LENGTH + encoder.encodedLength());
    }

    private void onScoresQuery(
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        final ScoresQueryDecoder decoder = scoresQueryDecoder.wrap(buffer, bodyOffset, blockLength, version);
        final long correlationId = decoder.correlationId();
        final ScoresRequest request = scoresRequest.reset();

        final ScoresQueryDecoder.WeightsDecoder weights = decoder.weights();
        int seenTypes = 0;
        for (int weightIndex = 0; weights.hasNext(); weightIndex++)
        {
            weights.next();
            seenTypes = addWeight(seenTypes, weights.signalTypeRaw());
            if (seenTypes < 0)
            {
                sendWeightError(sessionId, correlationId, ScoresQueryDecoder.TEMPLATE_ID, weightIndex, seenTypes);
                return;
            }
            request.weight(SignalType.get(weights.signalTypeRaw()), weights.weight());
        }

        final ScoresQueryDecoder.AgentsDecoder agents = decoder.agents();
        while (agents.hasNext())
        {
            agents.next();
            agentIdView.wrap(
                buffer, decoder.limit() + ScoresQueryDecoder.AgentsDecoder.agentIdHeaderLength(),
                agents.agentIdLength());
            request.addAgent(agentIdView);
            agents.skipAgentId();
        }

        final int profileNameLength = decoder.profileNameLength();
        if (profileNameLength > 0)
        {
            nameView.wrap(buffer, decoder.limit() + ScoresQueryDecoder.profileNameHeaderLength(), profileNameLength);
            request.profile(nameView);
        }
        decoder.skipProfileName();

        final ScoresResult result = scoresResult;
        final ErrorCode error = engine.scores(timestampNs, request, result);
        if (null != error)
        {
            final int errorIndex = result.errorIndex();
            sendEngineError(
                sessionId, correlationId, ScoresQueryDecoder.TEMPLATE_ID, errorIndex >= 0 ? errorIndex : NULL_ITEM,
                error);
            return;
        }

        final int count = result.count();
        final ScoresResultEncoder encoder = scoresResultEncoder.wrapAndApplyHeader(responseBuffer, 0, headerEncoder)
            .correlationId(correlationId);
        final ScoresResultEncoder.ScoresEncoder scores = encoder.scoresCount(count);
        for (int row = 0; row < count; row++)
        {
            scores.next()
                .routingScore(result.score(row))
                .loadScore(result.typeScore(row, SignalType.LOAD))
                .capacityScore(result.typeScore(row, SignalType.CAPACITY))
                .qualityScore(result.typeScore(row, SignalType.QUALITY))
                .costScore(result.typeScore(row, SignalType.COST))
                .latencyScore(result.typeScore(row, SignalType.LATENCY))
                .availabilityScore(result.typeScore(row, SignalType.AVAILABILITY))
                .known(result.tracked(row) ? BooleanType.TRUE : BooleanType.FALSE)
                .agentId(result.agentId(row));
        }

        sink.onResponse(sessionId, responseBuffer, 0, HEADER_LENGTH + encoder.encodedLength());
    }

    private void onAgentStateQuery(
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        final AgentStateQueryDecoder decoder = agentStateQueryDecoder.wrap(buffer, bodyOffset, blockLength, version);
        final long correlationId = decoder.correlationId();
        agentIdView.wrap(
            buffer, decoder.limit() + AgentStateQueryDecoder.agentIdHeaderLength(), decoder.agentIdLength());
        decoder.skipAgentId();
        final int profileNameLength = decoder.profileNameLength();
        nameView.wrap(
            buffer, decoder.limit() + AgentStateQueryDecoder.profileNameHeaderLength(), profileNameLength);

        final AgentStateView view = agentStateView;
        final ErrorCode error = engine.agentState(
            timestampNs, agentIdView, profileNameLength > 0 ? nameView : null, view);
        if (null != error)
        {
            sendEngineError(sessionId, correlationId, AgentStateQueryDecoder.TEMPLATE_ID, NULL_ITEM, error);
            return;
        }

        final AgentStateEncoder encoder = agentStateEncoder.wrapAndApplyHeader(responseBuffer, 0, headerEncoder)
            .correlationId(correlationId)
            .timestampNs(timestampNs)
            .routingScore(view.routingScore())
            .loadScore(view.typeScore(SignalType.LOAD))
            .capacityScore(view.typeScore(SignalType.CAPACITY))
            .qualityScore(view.typeScore(SignalType.QUALITY))
            .costScore(view.typeScore(SignalType.COST))
            .latencyScore(view.typeScore(SignalType.LATENCY))
            .availabilityScore(view.typeScore(SignalType.AVAILABILITY))
            .inFlightCount(clampToInt(view.inFlight()))
            .historySize(view.historySize());

        int signalCount = 0;
        for (final SignalType type : SIGNAL_TYPES)
        {
            if (view.hasSignal(type))
            {
                signalCount++;
            }
        }

        final AgentStateEncoder.SignalsEncoder signals = encoder.signalsCount(signalCount);
        for (final SignalType type : SIGNAL_TYPES)
        {
            if (view.hasSignal(type))
            {
                signals.next()
                    .ageMs(view.ageNs(type) / NANOS_PER_MILLI)
                    .ttlMs(view.ttlNs(type) / NANOS_PER_MILLI)
                    .value(view.value(type))
                    .confidence(view.confidence(type))
                    .decayFactor(view.decayFactor(type))
                    .score(view.typeScore(type))
                    .signalType(io.ripple.codecs.SignalType.get((short) type.id()))
                    .expired(view.expired(type) ? BooleanType.TRUE : BooleanType.FALSE);
            }
        }

        final int poolCount = Math.min(view.poolCount(), agentStatePoolCapacity);
        final AgentStateEncoder.PoolsEncoder pools = encoder.poolsCount(poolCount);
        for (int i = 0; i < poolCount; i++)
        {
            pools.next().poolName(view.poolName(i));
        }
        encoder.agentId(view.agentId());

        sink.onResponse(sessionId, responseBuffer, 0, HEADER_LENGTH + encoder.encodedLength());
    }

    private void sendMetrics(final long timestampNs, final long sessionId, final long correlationId)
    {
        final EngineMetrics metrics = engine.metrics();
        final MetricsSnapshotEncoder encoder = metricsSnapshotEncoder.wrapAndApplyHeader(
            responseBuffer, 0, headerEncoder)
            .correlationId(correlationId)
            .timestampNs(timestampNs)
            .selections(metrics.selections())
            .predictions(metrics.predictions())
            .expirations(metrics.expirations())
            .evictions(metrics.evictions())
            .warnings(metrics.warnings())
            .agentsTracked(metrics.agentsTracked())
            .sessions(openSessions);

        final MetricsSnapshotEncoder.SignalsByTypeEncoder byType = encoder.signalsByTypeCount(SIGNAL_TYPES.length);
        for (final SignalType type : SIGNAL_TYPES)
        {
            byType.next()
                .signalCount(metrics.signals(type))
                .signalType(io.ripple.codecs.SignalType.get((short) type.id()));
        }

        int codes = 0;
        for (int code = 0; code < MAX_WIRE_CODE; code++)
        {
            if (rejectionCount(metrics, code) > 0)
            {
                codes++;
            }
        }

        final MetricsSnapshotEncoder.RejectionsByCodeEncoder byCode = encoder.rejectionsByCodeCount(codes);
        for (int code = 0; code < MAX_WIRE_CODE; code++)
        {
            final long count = rejectionCount(metrics, code);
            if (count > 0)
            {
                byCode.next().rejectionCount(count).code(io.ripple.codecs.ErrorCode.get(code));
            }
        }

        sink.onResponse(sessionId, responseBuffer, 0, HEADER_LENGTH + encoder.encodedLength());
    }

    private long rejectionCount(final EngineMetrics metrics, final int code)
    {
        long count = framingRejections[code];
        for (final ErrorCode engineCode : ENGINE_CODES)
        {
            if (engineCode.code() == code)
            {
                count += metrics.rejections(engineCode);
            }
        }

        return count;
    }

    private void onPredictOverload(
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        final PredictOverloadDecoder decoder = predictOverloadDecoder.wrap(buffer, bodyOffset, blockLength, version);
        final long correlationId = decoder.correlationId();
        final long horizonMs = decoder.horizonMs();
        final double threshold = decoder.threshold();
        agentIdView.wrap(
            buffer, decoder.limit() + PredictOverloadDecoder.agentIdHeaderLength(), decoder.agentIdLength());

        final OverloadPrediction prediction = overloadPrediction;
        final ErrorCode error = engine.predictOverload(timestampNs, agentIdView, horizonMs, threshold, prediction);
        if (null != error)
        {
            sendEngineError(sessionId, correlationId, PredictOverloadDecoder.TEMPLATE_ID, NULL_ITEM, error);
            return;
        }

        final OverloadPredictionEncoder encoder = overloadPredictionEncoder.wrapAndApplyHeader(
            responseBuffer, 0, headerEncoder)
            .correlationId(correlationId)
            .predictedLoad(prediction.probability())
            .samplesUsed(prediction.sampleCount())
            .willOverload(prediction.willOverload() ? BooleanType.TRUE : BooleanType.FALSE);

        sink.onResponse(sessionId, responseBuffer, 0, HEADER_LENGTH + encoder.encodedLength());
    }

    private void onSubscribe(
        final long sessionId, final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int version)
    {
        final SubscribeOverloadWarningsDecoder decoder = subscribeDecoder.wrap(
            buffer, bodyOffset, blockLength, version);
        final long correlationId = decoder.correlationId();
        final short subscribe = decoder.subscribeRaw();
        if (subscribe != BooleanType.TRUE.value() && subscribe != BooleanType.FALSE.value())
        {
            countFraming(io.ripple.codecs.ErrorCode.MALFORMED_FRAME.value());
            sendWireError(sessionId, correlationId, SubscribeOverloadWarningsDecoder.TEMPLATE_ID, NULL_ITEM,
                io.ripple.codecs.ErrorCode.MALFORMED_FRAME, "subscribe must be TRUE or FALSE");
            return;
        }

        sendAck(sessionId, correlationId, SubscribeOverloadWarningsDecoder.TEMPLATE_ID);
    }

    private void onDefineProfile(
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        final DefineProfileDecoder decoder = defineProfileDecoder.wrap(buffer, bodyOffset, blockLength, version);
        final long correlationId = decoder.correlationId();
        final double[] weights = profileWeights;
        weights[SignalType.LOAD.id()] = decoder.loadWeight();
        weights[SignalType.CAPACITY.id()] = decoder.capacityWeight();
        weights[SignalType.QUALITY.id()] = decoder.qualityWeight();
        weights[SignalType.COST.id()] = decoder.costWeight();
        weights[SignalType.LATENCY.id()] = decoder.latencyWeight();
        weights[SignalType.AVAILABILITY.id()] = decoder.availabilityWeight();
        final double inFlightPenalty = decoder.inFlightPenalty();
        final ScoringModel model = ScoringModel.get(decoder.modelRaw());
        nameView.wrap(buffer, decoder.limit() + DefineProfileDecoder.profileNameHeaderLength(),
            decoder.profileNameLength());

        if (null == model)
        {
            countFraming(io.ripple.codecs.ErrorCode.INVALID_PROFILE.value());
            sendWireError(sessionId, correlationId, DefineProfileDecoder.TEMPLATE_ID, NULL_ITEM,
                io.ripple.codecs.ErrorCode.INVALID_PROFILE, "unknown scoring model");
            return;
        }

        final ErrorCode error = engine.defineProfile(timestampNs, nameView, model, weights, inFlightPenalty);
        ackOrError(sessionId, correlationId, DefineProfileDecoder.TEMPLATE_ID, error);
    }

    private void onJoinPool(
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        final JoinPoolDecoder decoder = joinPoolDecoder.wrap(buffer, bodyOffset, blockLength, version);
        final long correlationId = decoder.correlationId();
        agentIdView.wrap(buffer, decoder.limit() + JoinPoolDecoder.agentIdHeaderLength(), decoder.agentIdLength());
        decoder.skipAgentId();
        nameView.wrap(buffer, decoder.limit() + JoinPoolDecoder.poolNameHeaderLength(), decoder.poolNameLength());

        final ErrorCode error = engine.joinPool(timestampNs, agentIdView, nameView);
        ackOrError(sessionId, correlationId, JoinPoolDecoder.TEMPLATE_ID, error);
    }

    private void onLeavePool(
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        final LeavePoolDecoder decoder = leavePoolDecoder.wrap(buffer, bodyOffset, blockLength, version);
        final long correlationId = decoder.correlationId();
        agentIdView.wrap(buffer, decoder.limit() + LeavePoolDecoder.agentIdHeaderLength(), decoder.agentIdLength());
        decoder.skipAgentId();
        nameView.wrap(buffer, decoder.limit() + LeavePoolDecoder.poolNameHeaderLength(), decoder.poolNameLength());

        final ErrorCode error = engine.leavePool(timestampNs, agentIdView, nameView);
        ackOrError(sessionId, correlationId, LeavePoolDecoder.TEMPLATE_ID, error);
    }

    private void onRegisterAgent(
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        final RegisterAgentDecoder decoder = registerAgentDecoder.wrap(buffer, bodyOffset, blockLength, version);
        final long correlationId = decoder.correlationId();
        agentIdView.wrap(
            buffer, decoder.limit() + RegisterAgentDecoder.agentIdHeaderLength(), decoder.agentIdLength());

        final ErrorCode error = engine.registerAgent(timestampNs, agentIdView);
        ackOrError(sessionId, correlationId, RegisterAgentDecoder.TEMPLATE_ID, error);
    }

    private void onTimerEvent(
        final long timestampNs,
        final long sessionId,
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        final TimerEventDecoder decoder = timerEventDecoder.wrap(buffer, bodyOffset, blockLength, version);
        final short kind = decoder.kindRaw();
        if (kind == TimerKind.SWEEP.value())
        {
            engine.onTimer(timestampNs);
        }
        else if (kind != TimerKind.SNAPSHOT.value() && kind != TimerKind.HEARTBEAT_CHECK.value())
        {
            countFraming(io.ripple.codecs.ErrorCode.MALFORMED_FRAME.value());
            sendWireError(sessionId, 0, TimerEventDecoder.TEMPLATE_ID, NULL_ITEM,
                io.ripple.codecs.ErrorCode.MALFORMED_FRAME, "unknown timer kind");
        }
    }

    /**
     * Account for one inline weight: the bit of its type is added to the mask of types seen.
     *
     * @return the new mask, {@link #UNKNOWN_WEIGHT_TYPE} or {@link #DUPLICATE_WEIGHT_TYPE}.
     */
    private static int addWeight(final int seenTypes, final short typeRaw)
    {
        final SignalType type = SignalType.get(typeRaw);
        if (null == type)
        {
            return UNKNOWN_WEIGHT_TYPE;
        }

        final int typeBit = 1 << type.id();
        return 0 != (seenTypes & typeBit) ? DUPLICATE_WEIGHT_TYPE : seenTypes | typeBit;
    }

    private void sendWeightError(
        final long sessionId, final long correlationId, final int templateId, final int weightIndex, final int reason)
    {
        if (UNKNOWN_WEIGHT_TYPE == reason)
        {
            countFraming(io.ripple.codecs.ErrorCode.UNKNOWN_SIGNAL_TYPE.value());
            sendWireError(sessionId, correlationId, templateId, weightIndex,
                io.ripple.codecs.ErrorCode.UNKNOWN_SIGNAL_TYPE, ErrorCode.UNKNOWN_SIGNAL_TYPE.reason());
        }
        else
        {
            countFraming(io.ripple.codecs.ErrorCode.INVALID_WEIGHTS.value());
            sendWireError(sessionId, correlationId, templateId, weightIndex,
                io.ripple.codecs.ErrorCode.INVALID_WEIGHTS, "signal type given twice in weights");
        }
    }

    private void ackOrError(
        final long sessionId, final long correlationId, final int templateId, final ErrorCode error)
    {
        if (null == error)
        {
            sendAck(sessionId, correlationId, templateId);
        }
        else
        {
            sendEngineError(sessionId, correlationId, templateId, NULL_ITEM, error);
        }
    }

    private void sendAck(final long sessionId, final long correlationId, final int templateId)
    {
        operationAckEncoder.wrapAndApplyHeader(responseBuffer, 0, headerEncoder)
            .correlationId(correlationId)
            .templateId(templateId);

        sink.onResponse(sessionId, responseBuffer, 0, HEADER_LENGTH + operationAckEncoder.encodedLength());
    }

    private void sendEngineError(
        final long sessionId,
        final long correlationId,
        final int templateId,
        final int itemIndex,
        final ErrorCode error)
    {
        sendWireError(
            sessionId, correlationId, templateId, itemIndex, io.ripple.codecs.ErrorCode.get(error.code()),
            error.reason());
    }

    private void sendWireError(
        final long sessionId,
        final long correlationId,
        final int templateId,
        final int itemIndex,
        final io.ripple.codecs.ErrorCode code,
        final String reason)
    {
        errorEncoder.wrapAndApplyHeader(responseBuffer, 0, headerEncoder)
            .correlationId(correlationId)
            .templateId(templateId)
            .itemIndex(itemIndex)
            .code(code)
            .reason(reason);

        sink.onResponse(sessionId, responseBuffer, 0, HEADER_LENGTH + errorEncoder.encodedLength());
    }

    private void rejectFrame(
        final long sessionId,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final io.ripple.codecs.ErrorCode code)
    {
        countFraming(code.value());

        int templateId = 0;
        long correlationId = 0;
        if (length >= HEADER_LENGTH && offset >= 0 && offset + length <= buffer.capacity())
        {
            templateId = buffer.getShort(offset + 2, LITTLE_ENDIAN) & 0xFFFF;
            if (ProtocolLimits.isClientRequest(templateId) && length >= CORRELATION_ID_OFFSET + Long.BYTES)
            {
                correlationId = buffer.getLong(offset + CORRELATION_ID_OFFSET, LITTLE_ENDIAN);
            }
        }

        final int itemIndex = frameChecker.itemIndex();
        sendWireError(
            sessionId, correlationId, templateId, itemIndex >= 0 ? itemIndex : NULL_ITEM,
            code, FramingReasons.reason(code.value()));
    }

    private void countFraming(final int code)
    {
        if (code >= 0 && code < MAX_WIRE_CODE)
        {
            framingRejections[code]++;
        }
    }

    private static int clampToInt(final long value)
    {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(Integer.MIN_VALUE, value));
    }
}
