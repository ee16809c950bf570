package io.ripple.codecs;

/**
 * Limits of the Ripple wire protocol that the gateway enforces and clients respect, kept in one place so that both
 * sides agree. The numbers are part of the protocol contract in {@code docs/protocol.md}; the server announces the
 * ones a client needs in {@code ConnectAccepted}.
 */
public final class ProtocolLimits
{
    /**
     * Longest agent id in bytes; longer ids are rejected with {@code INVALID_AGENT_ID}.
     */
    public static final int MAX_AGENT_ID_LENGTH = 64;

    /**
     * Longest pool, profile or principal name, and longest trace id, in bytes.
     */
    public static final int MAX_NAME_LENGTH = 64;

    /**
     * Longest secret in a {@code Connect}, in bytes.
     */
    public static final int MAX_SECRET_LENGTH = 128;

    /**
     * Longest response channel in a {@code Connect}, in bytes.
     */
    public static final int MAX_CHANNEL_LENGTH = 1024;

    /**
     * Longest reason text the server puts in an {@code Error} or {@code ConnectRejected}, in bytes.
     */
    public static final int MAX_REASON_LENGTH = 512;

    /**
     * Most candidates in a {@code Select} and most agents in a {@code ScoresQuery}.
     */
    public static final int MAX_CANDIDATES = 1024;

    /**
     * Most entries in a {@code SignalBatch}.
     */
    public static final int MAX_BATCH_SIZE = 512;

    /**
     * Most pools listed for one agent in an {@code AgentState}; the engine should not let an agent join more.
     */
    public static final int MAX_POOLS_PER_AGENT = 1024;

    /**
     * Most inline weights in a request: one per signal type.
     */
    public static final int MAX_WEIGHTS = 6;

    /**
     * Largest message in bytes, header included, in either direction. Every message built within the other limits
     * fits, with room left for fields added by later schema versions.
     */
    public static final int MAX_MESSAGE_LENGTH = 256 * 1024;

    /**
     * First template id of the internal area: messages the server writes to its ring and journal and never accepts
     * from a client.
     */
    public static final int FIRST_INTERNAL_TEMPLATE_ID = 90;

    private ProtocolLimits()
    {
    }

    /**
     * Is this template one that a client may send? Answers and events the server sends, and internal messages, are
     * not: a gateway rejects them with {@code TEMPLATE_NOT_ALLOWED}, and unknown ids with {@code UNKNOWN_TEMPLATE}.
     *
     * @param templateId from the message header.
     * @return true if a client may send a message with this template id.
     */
    public static boolean isClientRequest(final int templateId)
    {
        switch (templateId)
        {
            case ConnectEncoder.TEMPLATE_ID:
            case HeartbeatEncoder.TEMPLATE_ID:
            case DisconnectEncoder.TEMPLATE_ID:
            case SignalEncoder.TEMPLATE_ID:
            case SignalBatchEncoder.TEMPLATE_ID:
            case SelectEncoder.TEMPLATE_ID:
            case ScoresQueryEncoder.TEMPLATE_ID:
            case AgentStateQueryEncoder.TEMPLATE_ID:
            case MetricsQueryEncoder.TEMPLATE_ID:
            case PredictOverloadEncoder.TEMPLATE_ID:
            case SubscribeOverloadWarningsEncoder.TEMPLATE_ID:
            case DefineProfileEncoder.TEMPLATE_ID:
            case JoinPoolEncoder.TEMPLATE_ID:
            case LeavePoolEncoder.TEMPLATE_ID:
            case RegisterAgentEncoder.TEMPLATE_ID:
                return true;

            default:
                return false;
        }
    }

    /**
     * Is this template one of the internal messages (timer, session and snapshot events) that only the server
     * writes?
     *
     * @param templateId from the message header.
     * @return true for template ids 90 to 99.
     */
    public static boolean isInternal(final int templateId)
    {
        return templateId >= FIRST_INTERNAL_TEMPLATE_ID && templateId <= FIRST_INTERNAL_TEMPLATE_ID + 9;
    }
}
