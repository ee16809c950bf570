package io.ripple.gateway.ingress;

import io.ripple.codecs.AgentStateQueryDecoder;
import io.ripple.codecs.ConnectDecoder;
import io.ripple.codecs.DefineProfileDecoder;
import io.ripple.codecs.DisconnectDecoder;
import io.ripple.codecs.ErrorCode;
import io.ripple.codecs.HeartbeatDecoder;
import io.ripple.codecs.JoinPoolDecoder;
import io.ripple.codecs.LeavePoolDecoder;
import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.MetricsQueryDecoder;
import io.ripple.codecs.PredictOverloadDecoder;
import io.ripple.codecs.ProtocolLimits;
import io.ripple.codecs.RegisterAgentDecoder;
import io.ripple.codecs.ScoresQueryDecoder;
import io.ripple.codecs.SelectDecoder;
import io.ripple.codecs.SignalBatchDecoder;
import io.ripple.codecs.SignalDecoder;
import io.ripple.codecs.SubscribeOverloadWarningsDecoder;
import io.ripple.gateway.ReasonText;
import io.ripple.gateway.ingress.MessageLayout.GroupLayout;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Checks a frame received from a client before anything decodes it, in the order of the protocol's table (see
 * {@code docs/protocol.md}, "What the gateway checks before it decodes"): header, schema id, version, length,
 * template, root block, then every group and var data field against the end of the frame, then group counts.
 * The first failing check decides the error code.
 * <p>
 * It walks the frame with the block lengths found on the wire, as a decoder would, so that nothing a decoder later
 * reads lies outside the frame. It does not allocate. Not thread-safe: one instance per ingress thread.
 */
public final class FrameValidator
{
    /**
     * Result of a frame that passed every check.
     */
    public static final int VALID = 0;

    /**
     * Smallest frame whose session id and correlation id can be read: header plus two int64 fields.
     */
    public static final int MIN_IDENTIFIED_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH + 16;

    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int GROUP_HEADER_LENGTH = 4;
    private static final int MAX_TEMPLATE_ID = 100;

    private final MessageLayout[] layoutByTemplateId = new MessageLayout[MAX_TEMPLATE_ID];
    private final boolean[] knownTemplateIds = new boolean[MAX_TEMPLATE_ID];
    private final int maxMessageLength;
    private final ReasonText reason = new ReasonText();

    private int templateId;
    private int itemIndex;

    /**
     * Build a validator for this server's limits, which may be tighter than the protocol maxima.
     *
     * @param maxMessageLength largest frame in bytes, at most {@link ProtocolLimits#MAX_MESSAGE_LENGTH}.
     * @param maxBatchSize     most entries in a {@code SignalBatch}.
     * @param maxCandidates    most candidates in a {@code Select} or agents in a {@code ScoresQuery}.
     */
    public FrameValidator(final int maxMessageLength, final int maxBatchSize, final int maxCandidates)
    {
        this.maxMessageLength = maxMessageLength;

        final int batchTooLarge = ErrorCode.BATCH_TOO_LARGE.value();
        final int tooManyCandidates = ErrorCode.TOO_MANY_CANDIDATES.value();
        final int groupTooLarge = ErrorCode.GROUP_TOO_LARGE.value();
        final GroupLayout[] none = new GroupLayout[0];

        add(new MessageLayout(ConnectDecoder.TEMPLATE_ID, "Connect", ConnectDecoder.BLOCK_LENGTH, none, 1, 1, 2));
        add(new MessageLayout(HeartbeatDecoder.TEMPLATE_ID, "Heartbeat", HeartbeatDecoder.BLOCK_LENGTH, none));
        add(new MessageLayout(DisconnectDecoder.TEMPLATE_ID, "Disconnect", DisconnectDecoder.BLOCK_LENGTH, none));
        add(new MessageLayout(SignalDecoder.TEMPLATE_ID, "Signal", SignalDecoder.BLOCK_LENGTH, none, 1, 1));
        add(new MessageLayout(
            SignalBatchDecoder.TEMPLATE_ID, "SignalBatch", SignalBatchDecoder.BLOCK_LENGTH,
            new GroupLayout[]{ new GroupLayout(
                "signals", SignalBatchDecoder.SignalsDecoder.sbeBlockLength(), maxBatchSize, batchTooLarge, 1, 1) }));
        add(new MessageLayout(
            SelectDecoder.TEMPLATE_ID, "Select", SelectDecoder.BLOCK_LENGTH,
            new GroupLayout[]{
                new GroupLayout("weights", SelectDecoder.WeightsDecoder.sbeBlockLength(),
                    ProtocolLimits.MAX_WEIGHTS, groupTooLarge),
                new GroupLayout("candidates", SelectDecoder.CandidatesDecoder.sbeBlockLength(),
                    maxCandidates, tooManyCandidates, 1) },
            1, 1));
        add(new MessageLayout(
            ScoresQueryDecoder.TEMPLATE_ID, "ScoresQuery", ScoresQueryDecoder.BLOCK_LENGTH,
            new GroupLayout[]{
                new GroupLayout("weights", ScoresQueryDecoder.WeightsDecoder.sbeBlockLength(),
                    ProtocolLimits.MAX_WEIGHTS, groupTooLarge),
                new GroupLayout("agents", ScoresQueryDecoder.AgentsDecoder.sbeBlockLength(),
                    maxCandidates, tooManyCandidates, 1) },
            1));
        add(new MessageLayout(
            AgentStateQueryDecoder.TEMPLATE_ID, "AgentStateQuery", AgentStateQueryDecoder.BLOCK_LENGTH, none, 1, 1));
        add(new MessageLayout(
            MetricsQueryDecoder.TEMPLATE_ID, "MetricsQuery", MetricsQueryDecoder.BLOCK_LENGTH, none));
        add(new MessageLayout(
            PredictOverloadDecoder.TEMPLATE_ID, "PredictOverload", PredictOverloadDecoder.BLOCK_LENGTH, none, 1));
        add(new MessageLayout(
            SubscribeOverloadWarningsDecoder.TEMPLATE_ID, "SubscribeOverloadWarnings",
            SubscribeOverloadWarningsDecoder.BLOCK_LENGTH, none));
        add(new MessageLayout(
            DefineProfileDecoder.TEMPLATE_ID, "DefineProfile", DefineProfileDecoder.BLOCK_LENGTH, none, 1));
        add(new MessageLayout(JoinPoolDecoder.TEMPLATE_ID, "JoinPool", JoinPoolDecoder.BLOCK_LENGTH, none, 1, 1));
        add(new MessageLayout(LeavePoolDecoder.TEMPLATE_ID, "LeavePool", LeavePoolDecoder.BLOCK_LENGTH, none, 1, 1));
        add(new MessageLayout(
            RegisterAgentDecoder.TEMPLATE_ID, "RegisterAgent", RegisterAgentDecoder.BLOCK_LENGTH, none, 1));

        final int[] serverMessages = { 2, 3, 12, 21, 31, 33, 35, 41, 43, 59, 60, 90, 91, 92, 93, 94 };
        for (final int id : serverMessages)
        {
            knownTemplateIds[id] = true;
        }
    }

    private void add(final MessageLayout layout)
    {
        layoutByTemplateId[layout.templateId] = layout;
        knownTemplateIds[layout.templateId] = true;
    }

    /**
     * Check one reassembled frame.
     *
     * @param buffer holding the frame.
     * @param offset of the frame's first byte (the message header).
     * @param length of the frame in bytes.
     * @return {@link #VALID}, or the {@link ErrorCode} value of the first failing check, with {@link #reason()} and
     * {@link #itemIndex()} describing it.
     */
    public int validate(final DirectBuffer buffer, final int offset, final int length)
    {
        templateId = 0;
        itemIndex = -1;
        reason.reset();

        if (length < HEADER_LENGTH)
        {
            reason.append("frame of ").append(length).append(" bytes is shorter than the 8-byte header");
            return ErrorCode.MALFORMED_FRAME.value();
        }

        final int blockLength = buffer.getShort(offset, LITTLE_ENDIAN) & 0xFFFF;
        final int wireTemplateId = buffer.getShort(offset + 2, LITTLE_ENDIAN) & 0xFFFF;
        final int schemaId = buffer.getShort(offset + 4, LITTLE_ENDIAN) & 0xFFFF;
        final int version = buffer.getShort(offset + 6, LITTLE_ENDIAN) & 0xFFFF;
        templateId = wireTemplateId;

        if (schemaId != MessageHeaderDecoder.SCHEMA_ID)
        {
            reason.append("schema id ").append(schemaId).append(" is not Ripple's ")
                .append(MessageHeaderDecoder.SCHEMA_ID);
            return ErrorCode.UNKNOWN_SCHEMA.value();
        }

        if (version < 1 || version > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            reason.append("schema version ").append(version).append(" is not supported; this server speaks 1 to ")
                .append(MessageHeaderDecoder.SCHEMA_VERSION);
            return ErrorCode.UNSUPPORTED_VERSION.value();
        }

        if (length > maxMessageLength)
        {
            reason.append("message of ").append(length).append(" bytes is above the limit of ")
                .append(maxMessageLength);
            return ErrorCode.MESSAGE_TOO_LARGE.value();
        }

        if (wireTemplateId >= MAX_TEMPLATE_ID || !knownTemplateIds[wireTemplateId])
        {
            reason.append("template id ").append(wireTemplateId).append(" is not in the schema");
            return ErrorCode.UNKNOWN_TEMPLATE.value();
        }

        final MessageLayout layout = layoutByTemplateId[wireTemplateId];
        if (null == layout)
        {
            reason.append("template id ").append(wireTemplateId).append(" is not a client request");
            return ErrorCode.TEMPLATE_NOT_ALLOWED.value();
        }

        if (blockLength < layout.rootBlockLength)
        {
            reason.append(layout.name).append(" block length ").append(blockLength).append(" is below ")
                .append(layout.rootBlockLength);
            return ErrorCode.MALFORMED_FRAME.value();
        }

        return walkBody(buffer, offset, offset + length, layout, offset + HEADER_LENGTH + blockLength);
    }

    private int walkBody(
        final DirectBuffer buffer,
        final int frameStart,
        final int frameEnd,
        final MessageLayout layout,
        final int bodyStart)
    {
        if (bodyStart > frameEnd)
        {
            reason.append(layout.name).append(" root block runs past the end of the frame");
            return ErrorCode.TRUNCATED_MESSAGE.value();
        }

        int position = bodyStart;
        GroupLayout malformedGroup = null;
        GroupLayout oversizeGroup = null;
        int oversizeCount = 0;

        for (final GroupLayout group : layout.groups)
        {
            if (position + GROUP_HEADER_LENGTH > frameEnd)
            {
                reason.append(layout.name).append(" ").append(group.name)
                    .append(" group header runs past the end of the frame");
                return ErrorCode.TRUNCATED_MESSAGE.value();
            }

            final int entryBlockLength = buffer.getShort(position, LITTLE_ENDIAN) & 0xFFFF;
            final int count = buffer.getShort(position + 2, LITTLE_ENDIAN) & 0xFFFF;
            position += GROUP_HEADER_LENGTH;

            if (entryBlockLength < group.entryBlockLength && null == malformedGroup)
            {
                malformedGroup = group;
            }
            if (count > group.maxCount && null == oversizeGroup)
            {
                oversizeGroup = group;
                oversizeCount = count;
            }

            for (int i = 0; i < count; i++)
            {
                position += entryBlockLength;
                if (position > frameEnd)
                {
                    reason.append(layout.name).append(" ").append(group.name).append(" entry ").append(i)
                        .append(" runs past the end of the frame");
                    itemIndex = i;
                    return ErrorCode.TRUNCATED_MESSAGE.value();
                }

                position = walkVarData(buffer, position, frameEnd, group.varLengthPrefixSizes);
                if (position < 0)
                {
                    reason.append(layout.name).append(" ").append(group.name).append(" entry ").append(i)
                        .append(" var data runs past the end of the frame");
                    itemIndex = i;
                    return ErrorCode.TRUNCATED_MESSAGE.value();
                }
            }
        }

        if (walkVarData(buffer, position, frameEnd, layout.varLengthPrefixSizes) < 0)
        {
            reason.append(layout.name).append(" var data runs past the end of the frame");
            return ErrorCode.TRUNCATED_MESSAGE.value();
        }

        if (null != malformedGroup)
        {
            reason.append(layout.name).append(" ").append(malformedGroup.name)
                .append(" entry block length is below ").append(malformedGroup.entryBlockLength);
            return ErrorCode.MALFORMED_FRAME.value();
        }

        if (null != oversizeGroup)
        {
            reason.append(layout.name).append(" ").append(oversizeGroup.name).append(" has ").append(oversizeCount)
                .append(" entries, above the limit of ").append(oversizeGroup.maxCount);
            return oversizeGroup.countErrorCode;
        }

        return VALID;
    }

    private static int walkVarData(
        final DirectBuffer buffer, final int start, final int frameEnd, final int[] lengthPrefixSizes)
    {
        int position = start;
        for (final int prefixSize : lengthPrefixSizes)
        {
            if (position + prefixSize > frameEnd)
            {
                return -1;
            }

            final int dataLength = 1 == prefixSize ?
                buffer.getByte(position) & 0xFF : buffer.getShort(position, LITTLE_ENDIAN) & 0xFFFF;
            position += prefixSize + dataLength;
            if (position > frameEnd)
            {
                return -1;
            }
        }

        return position;
    }

    /**
     * The template id read from the header of the last frame checked, 0 when it was too short to have one.
     *
     * @return the template id of the last frame checked.
     */
    public int templateId()
    {
        return templateId;
    }

    /**
     * Entry of the group at fault in the last frame checked, or -1 when the error concerns the whole frame.
     *
     * @return the entry at fault or -1.
     */
    public int itemIndex()
    {
        return itemIndex;
    }

    /**
     * Human-readable reason of the last failed check.
     *
     * @return the reason of the last failed check.
     */
    public ReasonText reason()
    {
        return reason;
    }

    /**
     * Name of a client request template, for reasons and logs.
     *
     * @param templateId of the request.
     * @return its name, or "request" when it is not a client request.
     */
    public String requestName(final int templateId)
    {
        final MessageLayout layout = templateId >= 0 && templateId < MAX_TEMPLATE_ID ?
            layoutByTemplateId[templateId] : null;
        return null == layout ? "request" : layout.name;
    }
}
