package io.ripple.tools.journal;

import io.ripple.codecs.AgentStateDecoder;
import io.ripple.codecs.AgentStateQueryDecoder;
import io.ripple.codecs.ConnectDecoder;
import io.ripple.codecs.DefineProfileDecoder;
import io.ripple.codecs.DisconnectDecoder;
import io.ripple.codecs.ErrorDecoder;
import io.ripple.codecs.FrameValidator;
import io.ripple.codecs.HeartbeatDecoder;
import io.ripple.codecs.JoinPoolDecoder;
import io.ripple.codecs.LeavePoolDecoder;
import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.MetricsQueryDecoder;
import io.ripple.codecs.MetricsSnapshotDecoder;
import io.ripple.codecs.OperationAckDecoder;
import io.ripple.codecs.OverloadPredictionDecoder;
import io.ripple.codecs.OverloadWarningDecoder;
import io.ripple.codecs.PredictOverloadDecoder;
import io.ripple.codecs.RegisterAgentDecoder;
import io.ripple.codecs.ScoresQueryDecoder;
import io.ripple.codecs.ScoresResultDecoder;
import io.ripple.codecs.SelectDecoder;
import io.ripple.codecs.SelectResultDecoder;
import io.ripple.codecs.SessionClosedDecoder;
import io.ripple.codecs.SessionOpenedDecoder;
import io.ripple.codecs.SignalAckDecoder;
import io.ripple.codecs.SignalBatchDecoder;
import io.ripple.codecs.SignalDecoder;
import io.ripple.codecs.SubscribeOverloadWarningsDecoder;
import io.ripple.codecs.TimerEventDecoder;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes any message of the Ripple schema into a {@link DecodedMessage}. Requests and internal events are checked
 * with a {@link FrameValidator} first; a message that fails a check, or that cannot be decoded, comes back with its
 * problem set rather than an exception. Secrets are never decoded. Allocates; for tools, not for the hot path.
 */
final class MessageDecoding
{
    private static final String[] SIGNAL_TYPE_NAMES =
        { "LOAD", "CAPACITY", "QUALITY", "COST", "LATENCY", "AVAILABILITY" };

    private final FrameValidator frameChecker = FrameValidator.forEngineSide();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    static String templateName(final int templateId)
    {
        switch (templateId)
        {
            case ConnectDecoder.TEMPLATE_ID: return "Connect";
            case 2: return "ConnectAccepted";
            case 3: return "ConnectRejected";
            case HeartbeatDecoder.TEMPLATE_ID: return "Heartbeat";
            case DisconnectDecoder.TEMPLATE_ID: return "Disconnect";
            case SignalDecoder.TEMPLATE_ID: return "Signal";
            case SignalBatchDecoder.TEMPLATE_ID: return "SignalBatch";
            case SignalAckDecoder.TEMPLATE_ID: return "SignalAck";
            case SelectDecoder.TEMPLATE_ID: return "Select";
            case SelectResultDecoder.TEMPLATE_ID: return "SelectResult";
            case ScoresQueryDecoder.TEMPLATE_ID: return "ScoresQuery";
            case ScoresResultDecoder.TEMPLATE_ID: return "ScoresResult";
            case AgentStateQueryDecoder.TEMPLATE_ID: return "AgentStateQuery";
            case AgentStateDecoder.TEMPLATE_ID: return "AgentState";
            case MetricsQueryDecoder.TEMPLATE_ID: return "MetricsQuery";
            case MetricsSnapshotDecoder.TEMPLATE_ID: return "MetricsSnapshot";
            case PredictOverloadDecoder.TEMPLATE_ID: return "PredictOverload";
            case OverloadPredictionDecoder.TEMPLATE_ID: return "OverloadPrediction";
            case SubscribeOverloadWarningsDecoder.TEMPLATE_ID: return "SubscribeOverloadWarnings";
            case OverloadWarningDecoder.TEMPLATE_ID: return "OverloadWarning";
            case DefineProfileDecoder.TEMPLATE_ID: return "DefineProfile";
            case JoinPoolDecoder.TEMPLATE_ID: return "JoinPool";
            case LeavePoolDecoder.TEMPLATE_ID: return "LeavePool";
            case RegisterAgentDecoder.TEMPLATE_ID: return "RegisterAgent";
            case OperationAckDecoder.TEMPLATE_ID: return "OperationAck";
            case ErrorDecoder.TEMPLATE_ID: return "Error";
            case TimerEventDecoder.TEMPLATE_ID: return "TimerEvent";
            case SessionOpenedDecoder.TEMPLATE_ID: return "SessionOpened";
            case SessionClosedDecoder.TEMPLATE_ID: return "SessionClosed";
            case 93: return "SnapshotHeader";
            case 94: return "SnapshotChunk";
            default: return "Unknown(" + templateId + ")";
        }
    }

    static String signalTypeName(final int typeId)
    {
        return typeId >= 0 && typeId < SIGNAL_TYPE_NAMES.length ? SIGNAL_TYPE_NAMES[typeId] : "UNKNOWN(" + typeId + ")";
    }

    static String errorCodeName(final int code)
    {
        for (final io.ripple.codecs.ErrorCode value : io.ripple.codecs.ErrorCode.values())
        {
            if (value.value() == code)
            {
                return value.name();
            }
        }

        return "UNKNOWN(" + code + ")";
    }

    /**
     * Template id of a message, or -1 if it is shorter than a header.
     */
    int templateIdOf(final DirectBuffer buffer, final int offset, final int length)
    {
        return length < MessageHeaderDecoder.ENCODED_LENGTH ? -1 : header.wrap(buffer, offset).templateId();
    }

    /**
     * Whether a template changes the profiles or pool memberships that explain and what-if analysis rebuild.
     */
    static boolean isProfileOrPoolChange(final int templateId)
    {
        return DefineProfileDecoder.TEMPLATE_ID == templateId ||
            JoinPoolDecoder.TEMPLATE_ID == templateId ||
            LeavePoolDecoder.TEMPLATE_ID == templateId;
    }

    DecodedMessage decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final int templateId = templateIdOf(buffer, offset, length);
        final DecodedMessage message = new DecodedMessage(templateId, templateName(templateId));
        if (templateId < 0)
        {
            message.problem = "MALFORMED_FRAME";
            return message;
        }

        final io.ripple.codecs.ErrorCode checked = frameChecker.validate(buffer, offset, length);
        final boolean isAnswer = io.ripple.codecs.ErrorCode.TEMPLATE_NOT_ALLOWED == checked;
        if (null != checked && !isAnswer)
        {
            message.problem = checked.name();
            return message;
        }

        try
        {
            decodeBody(buffer, offset, message);
        }
        catch (final RuntimeException ex)
        {
            message.problem = "undecodable: " + ex.getClass().getSimpleName();
        }

        return message;
    }

    private void decodeBody(final DirectBuffer buffer, final int offset, final DecodedMessage m)
    {
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int block = header.blockLength();
        final int version = header.version();
        switch (m.templateId)
        {
            case ConnectDecoder.TEMPLATE_ID:
            {
                final ConnectDecoder d = new ConnectDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId()).put("response_stream_id", d.responseStreamId())
                    .put("principal", d.principal());
                d.skipSecret();
                m.put("response_channel", d.responseChannel());
                break;
            }

            case HeartbeatDecoder.TEMPLATE_ID:
            {
                final HeartbeatDecoder d = new HeartbeatDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId()).put("timestamp_ns", d.timestampNs());
                break;
            }

            case DisconnectDecoder.TEMPLATE_ID:
            {
                final DisconnectDecoder d = new DisconnectDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId()).put("reason", d.reasonRaw());
                break;
            }

            case SignalDecoder.TEMPLATE_ID:
            {
                final SignalDecoder d = new SignalDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId())
                    .put("type", signalTypeName(d.signalTypeRaw()))
                    .put("value", d.value())
                    .put("confidence", d.confidence())
                    .put("ttl_ms", d.ttlMs())
                    .agent("agent", d.agentId());
                final String traceId = d.traceId();
                if (!traceId.isEmpty())
                {
                    m.put("trace_id", traceId);
                }
                break;
            }

            case SignalBatchDecoder.TEMPLATE_ID:
            {
                final SignalBatchDecoder d = new SignalBatchDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId());
                final List<Map<String, Object>> entries = new ArrayList<>();
                for (final SignalBatchDecoder.SignalsDecoder e : d.signals())
                {
                    final Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("type", signalTypeName(e.signalTypeRaw()));
                    entry.put("value", e.value());
                    entry.put("confidence", e.confidence());
                    entry.put("ttl_ms", e.ttlMs());
                    final String agentId = e.agentId();
                    entry.put("agent", agentId);
                    m.agentIds.add(agentId);
                    final String traceId = e.traceId();
                    if (!traceId.isEmpty())
                    {
                        entry.put("trace_id", traceId);
                    }
                    entries.add(entry);
                }
                m.put("signals", entries);
                break;
            }

            case SelectDecoder.TEMPLATE_ID:
            {
                final SelectDecoder d = new SelectDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId()).put("k", d.k());
                final Map<String, Object> weights = weights(d.weights());
                final List<String> candidates = new ArrayList<>();
                for (final SelectDecoder.CandidatesDecoder c : d.candidates())
                {
                    candidates.add(c.agentId());
                }
                m.agentIds.addAll(candidates);
                final String pool = d.poolName();
                final String profile = d.profileName();
                if (!candidates.isEmpty() || pool.isEmpty())
                {
                    m.put("candidates", candidates);
                }
                if (!pool.isEmpty())
                {
                    m.put("pool", pool);
                }
                if (!profile.isEmpty())
                {
                    m.put("profile", profile);
                }
                if (!weights.isEmpty())
                {
                    m.put("weights", weights);
                }
                break;
            }

            case SelectResultDecoder.TEMPLATE_ID:
            {
                final SelectResultDecoder d = new SelectResultDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId());
                final List<Map<String, Object>> selected = new ArrayList<>();
                for (final SelectResultDecoder.SelectedDecoder s : d.selected())
                {
                    final Map<String, Object> row = scoreRow(
                        s.routingScore(), s.loadScore(), s.capacityScore(), s.qualityScore(), s.costScore(),
                        s.latencyScore(), s.availabilityScore());
                    row.put("in_flight", s.inFlightCount());
                    row.put("candidate_index", s.candidateIndex());
                    final String agentId = s.agentId();
                    row.put("agent", agentId);
                    m.agentIds.add(agentId);
                    selected.add(row);
                }
                m.put("selected", selected);
                break;
            }

            case ScoresQueryDecoder.TEMPLATE_ID:
            {
                final ScoresQueryDecoder d = new ScoresQueryDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId());
                final Map<String, Object> weights = weights(d.weights());
                final List<String> agents = new ArrayList<>();
                for (final ScoresQueryDecoder.AgentsDecoder a : d.agents())
                {
                    agents.add(a.agentId());
                }
                m.agentIds.addAll(agents);
                m.put("agents", agents);
                final String profile = d.profileName();
                if (!profile.isEmpty())
                {
                    m.put("profile", profile);
                }
                if (!weights.isEmpty())
                {
                    m.put("weights", weights);
                }
                break;
            }

            case ScoresResultDecoder.TEMPLATE_ID:
            {
                final ScoresResultDecoder d = new ScoresResultDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId());
                final List<Map<String, Object>> rows = new ArrayList<>();
                for (final ScoresResultDecoder.ScoresDecoder s : d.scores())
                {
                    final Map<String, Object> row = scoreRow(
                        s.routingScore(), s.loadScore(), s.capacityScore(), s.qualityScore(), s.costScore(),
                        s.latencyScore(), s.availabilityScore());
                    row.put("known", 1 == s.knownRaw());
                    final String agentId = s.agentId();
                    row.put("agent", agentId);
                    m.agentIds.add(agentId);
                    rows.add(row);
                }
                m.put("scores", rows);
                break;
            }

            case AgentStateQueryDecoder.TEMPLATE_ID:
            {
                final AgentStateQueryDecoder d = new AgentStateQueryDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId()).agent("agent", d.agentId());
                final String profile = d.profileName();
                if (!profile.isEmpty())
                {
                    m.put("profile", profile);
                }
                break;
            }

            case AgentStateDecoder.TEMPLATE_ID:
            {
                final AgentStateDecoder d = new AgentStateDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId()).put("score", d.routingScore())
                    .put("in_flight", d.inFlightCount()).put("history_size", d.historySize());
                final AgentStateDecoder.SignalsDecoder signals = d.signals();
                m.put("signals", signals.count());
                while (signals.hasNext())
                {
                    signals.next();
                }
                final List<String> pools = new ArrayList<>();
                for (final AgentStateDecoder.PoolsDecoder p : d.pools())
                {
                    pools.add(p.poolName());
                }
                m.put("pools", pools).agent("agent", d.agentId());
                break;
            }

            case MetricsQueryDecoder.TEMPLATE_ID:
            {
                final MetricsQueryDecoder d = new MetricsQueryDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId());
                break;
            }

            case MetricsSnapshotDecoder.TEMPLATE_ID:
            {
                final MetricsSnapshotDecoder d = new MetricsSnapshotDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId()).put("selections", d.selections())
                    .put("predictions", d.predictions()).put("expirations", d.expirations())
                    .put("agents_tracked", d.agentsTracked());
                break;
            }

            case PredictOverloadDecoder.TEMPLATE_ID:
            {
                final PredictOverloadDecoder d = new PredictOverloadDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId()).put("horizon_ms", d.horizonMs())
                    .put("threshold", d.threshold()).agent("agent", d.agentId());
                break;
            }

            case OverloadPredictionDecoder.TEMPLATE_ID:
            {
                final OverloadPredictionDecoder d = new OverloadPredictionDecoder()
                    .wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId()).put("will_overload", 1 == d.willOverloadRaw())
                    .put("probability", d.predictedLoad()).put("samples", d.samplesUsed());
                break;
            }

            case SubscribeOverloadWarningsDecoder.TEMPLATE_ID:
            {
                final SubscribeOverloadWarningsDecoder d = new SubscribeOverloadWarningsDecoder()
                    .wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId()).put("subscribe", 1 == d.subscribeRaw());
                break;
            }

            case OverloadWarningDecoder.TEMPLATE_ID:
            {
                final OverloadWarningDecoder d = new OverloadWarningDecoder().wrap(buffer, body, block, version);
                m.put("predicted_load", d.predictedLoad()).put("threshold", d.threshold())
                    .put("horizon_ms", d.horizonMs()).agent("agent", d.agentId());
                break;
            }

            case DefineProfileDecoder.TEMPLATE_ID:
            {
                final DefineProfileDecoder d = new DefineProfileDecoder().wrap(buffer, body, block, version);
                final Map<String, Object> weights = new LinkedHashMap<>();
                weights.put("load", d.loadWeight());
                weights.put("capacity", d.capacityWeight());
                weights.put("quality", d.qualityWeight());
                weights.put("cost", d.costWeight());
                weights.put("latency", d.latencyWeight());
                weights.put("availability", d.availabilityWeight());
                m.put("correlation_id", d.correlationId()).put("weights", weights)
                    .put("in_flight_penalty", d.inFlightPenalty())
                    .put("model", 0 == d.modelRaw() ? "reference" : 1 == d.modelRaw() ? "neutral" : "unknown")
                    .put("name", d.profileName());
                break;
            }

            case JoinPoolDecoder.TEMPLATE_ID:
            {
                final JoinPoolDecoder d = new JoinPoolDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId()).agent("agent", d.agentId()).put("pool", d.poolName());
                break;
            }

            case LeavePoolDecoder.TEMPLATE_ID:
            {
                final LeavePoolDecoder d = new LeavePoolDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId()).agent("agent", d.agentId()).put("pool", d.poolName());
                break;
            }

            case RegisterAgentDecoder.TEMPLATE_ID:
            {
                final RegisterAgentDecoder d = new RegisterAgentDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId()).agent("agent", d.agentId());
                break;
            }

            case OperationAckDecoder.TEMPLATE_ID:
            {
                final OperationAckDecoder d = new OperationAckDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId()).put("request", templateName(d.templateId()));
                break;
            }

            case ErrorDecoder.TEMPLATE_ID:
            {
                final ErrorDecoder d = new ErrorDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId()).put("request", templateName(d.templateId()));
                if (d.itemIndex() != ErrorDecoder.itemIndexNullValue())
                {
                    m.put("item_index", d.itemIndex());
                }
                m.put("error", errorCodeName(d.codeRaw())).put("reason", d.reason());
                break;
            }

            case SignalAckDecoder.TEMPLATE_ID:
            {
                final SignalAckDecoder d = new SignalAckDecoder().wrap(buffer, body, block, version);
                m.put("correlation_id", d.correlationId()).put("messages_journaled", d.messagesJournaled());
                break;
            }

            case TimerEventDecoder.TEMPLATE_ID:
            {
                final TimerEventDecoder d = new TimerEventDecoder().wrap(buffer, body, block, version);
                final short kind = d.kindRaw();
                m.put("kind", 0 == kind ? "SWEEP" : 1 == kind ? "SNAPSHOT" : 2 == kind ? "HEARTBEAT_CHECK" : "" + kind);
                break;
            }

            case SessionOpenedDecoder.TEMPLATE_ID:
            {
                final SessionOpenedDecoder d = new SessionOpenedDecoder().wrap(buffer, body, block, version);
                m.put("session_id", d.sessionId()).put("role", d.roleRaw()).put("principal", d.principal())
                    .put("response_stream_id", d.responseStreamId()).put("response_channel", d.responseChannel());
                break;
            }

            case SessionClosedDecoder.TEMPLATE_ID:
            {
                final SessionClosedDecoder d = new SessionClosedDecoder().wrap(buffer, body, block, version);
                m.put("session_id", d.sessionId()).put("reason", d.reasonRaw());
                break;
            }

            default:
                break;
        }
    }

    private static Map<String, Object> weights(final SelectDecoder.WeightsDecoder decoder)
    {
        final Map<String, Object> weights = new LinkedHashMap<>();
        for (final SelectDecoder.WeightsDecoder entry : decoder)
        {
            weights.put(signalTypeName(entry.signalTypeRaw()).toLowerCase(), entry.weight());
        }
        return weights;
    }

    private static Map<String, Object> weights(final ScoresQueryDecoder.WeightsDecoder decoder)
    {
        final Map<String, Object> weights = new LinkedHashMap<>();
        for (final ScoresQueryDecoder.WeightsDecoder entry : decoder)
        {
            weights.put(signalTypeName(entry.signalTypeRaw()).toLowerCase(), entry.weight());
        }
        return weights;
    }

    private static Map<String, Object> scoreRow(
        final double score,
        final double load,
        final double capacity,
        final double quality,
        final double cost,
        final double latency,
        final double availability)
    {
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("score", score);
        row.put("load", load);
        row.put("capacity", capacity);
        row.put("quality", quality);
        row.put("cost", cost);
        row.put("latency", latency);
        row.put("availability", availability);
        return row;
    }
}
