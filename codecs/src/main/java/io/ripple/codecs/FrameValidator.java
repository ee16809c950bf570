package io.ripple.codecs;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Checks the structure of a frame before any generated decoder touches it, in the order of the table in
 * {@code docs/protocol.md} ("What the gateway checks before it decodes"): header, schema id, version, length,
 * template, root block, then every group and var data field against the end of the frame, then each group's entry
 * block length, then group counts. The first failing check decides the error code. A frame that passes can be
 * decoded without reading past its end. The generated decoders do not check lengths themselves, so this is what keeps
 * hostile bytes, from the wire or from a journal, from being read out of bounds.
 * <p>
 * The walk uses the block lengths found on the wire, as a decoder would. Field values (ids, numbers, enum values) are
 * not checked here: that is the receiver's job once it decodes.
 * <p>
 * The gateway builds one with its own limits, which may be tighter than the protocol's; the journal side builds one
 * with {@link #forEngineSide()}, which also accepts the internal events the gateway journals (timer and session
 * events). One instance per thread; {@link #validate(DirectBuffer, int, int)} does not allocate.
 */
public final class FrameValidator
{
    /**
     * Item index reported when a failure concerns the whole frame.
     */
    public static final int NO_ITEM = -1;

    /**
     * Smallest frame whose session id and correlation id can be read: header plus two int64 fields.
     */
    public static final int MIN_IDENTIFIED_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH + 16;

    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int GROUP_HEADER_LENGTH = GroupSizeEncodingDecoder.ENCODED_LENGTH;
    private static final int MAX_TEMPLATE_ID = 127;
    private static final int MAX_GROUPS = 2;
    private static final int U8 = 1;
    private static final int U16 = 2;

    private final Shape[] shapeByTemplateId = new Shape[MAX_TEMPLATE_ID + 1];
    private final int maxMessageLength;
    private final StringBuilder reason = new StringBuilder(ProtocolLimits.MAX_REASON_LENGTH);
    private final int[] groupBlockLengths = new int[MAX_GROUPS];
    private final int[] groupCounts = new int[MAX_GROUPS];

    private int templateId;
    private int blockLength;
    private int version;
    private int itemIndex = NO_ITEM;

    /**
     * A validator of client requests with the protocol's own limits.
     */
    public FrameValidator()
    {
        this(ProtocolLimits.MAX_MESSAGE_LENGTH, ProtocolLimits.MAX_BATCH_SIZE, ProtocolLimits.MAX_CANDIDATES, false);
    }

    /**
     * A validator of client requests with a server's limits, which may be tighter than the protocol maxima.
     *
     * @param maxMessageLength largest frame in bytes, at most {@link ProtocolLimits#MAX_MESSAGE_LENGTH}.
     * @param maxBatchSize     most entries in a {@code SignalBatch}.
     * @param maxCandidates    most candidates in a {@code Select} or agents in a {@code ScoresQuery}.
     */
    public FrameValidator(final int maxMessageLength, final int maxBatchSize, final int maxCandidates)
    {
        this(maxMessageLength, maxBatchSize, maxCandidates, false);
    }

    private FrameValidator(
        final int maxMessageLength, final int maxBatchSize, final int maxCandidates, final boolean engineEvents)
    {
        this.maxMessageLength = maxMessageLength;

        final Group[] none = new Group[0];
        final Group weights = new Group(
            "weights", SelectDecoder.WeightsDecoder.sbeBlockLength(), 0, ProtocolLimits.MAX_WEIGHTS,
            ErrorCode.GROUP_TOO_LARGE);
        final Group candidates = new Group(
            "candidates", SelectDecoder.CandidatesDecoder.sbeBlockLength(), 1, maxCandidates,
            ErrorCode.TOO_MANY_CANDIDATES);
        final Group agents = new Group(
            "agents", ScoresQueryDecoder.AgentsDecoder.sbeBlockLength(), 1, maxCandidates,
            ErrorCode.TOO_MANY_CANDIDATES);
        final Group signals = new Group(
            "signals", SignalBatchDecoder.SignalsDecoder.sbeBlockLength(), 2, maxBatchSize,
            ErrorCode.BATCH_TOO_LARGE);

        shape(ConnectDecoder.TEMPLATE_ID, "Connect", ConnectDecoder.BLOCK_LENGTH, none, U8, U8, U16);
        shape(HeartbeatDecoder.TEMPLATE_ID, "Heartbeat", HeartbeatDecoder.BLOCK_LENGTH, none);
        shape(DisconnectDecoder.TEMPLATE_ID, "Disconnect", DisconnectDecoder.BLOCK_LENGTH, none);
        shape(SignalDecoder.TEMPLATE_ID, "Signal", SignalDecoder.BLOCK_LENGTH, none, U8, U8);
        shape(SignalBatchDecoder.TEMPLATE_ID, "SignalBatch", SignalBatchDecoder.BLOCK_LENGTH, new Group[]{ signals });
        shape(SelectDecoder.TEMPLATE_ID, "Select", SelectDecoder.BLOCK_LENGTH, new Group[]{ weights, candidates },
            U8, U8);
        shape(ScoresQueryDecoder.TEMPLATE_ID, "ScoresQuery", ScoresQueryDecoder.BLOCK_LENGTH,
            new Group[]{ weights, agents }, U8);
        shape(AgentStateQueryDecoder.TEMPLATE_ID, "AgentStateQuery", AgentStateQueryDecoder.BLOCK_LENGTH, none,
            U8, U8);
        shape(MetricsQueryDecoder.TEMPLATE_ID, "MetricsQuery", MetricsQueryDecoder.BLOCK_LENGTH, none);
        shape(PredictOverloadDecoder.TEMPLATE_ID, "PredictOverload", PredictOverloadDecoder.BLOCK_LENGTH, none, U8);
        shape(SubscribeOverloadWarningsDecoder.TEMPLATE_ID, "SubscribeOverloadWarnings",
            SubscribeOverloadWarningsDecoder.BLOCK_LENGTH, none);
        shape(DefineProfileDecoder.TEMPLATE_ID, "DefineProfile", DefineProfileDecoder.BLOCK_LENGTH, none, U8);
        shape(JoinPoolDecoder.TEMPLATE_ID, "JoinPool", JoinPoolDecoder.BLOCK_LENGTH, none, U8, U8);
        shape(LeavePoolDecoder.TEMPLATE_ID, "LeavePool", LeavePoolDecoder.BLOCK_LENGTH, none, U8, U8);
        shape(RegisterAgentDecoder.TEMPLATE_ID, "RegisterAgent", RegisterAgentDecoder.BLOCK_LENGTH, none, U8);

        if (engineEvents)
        {
            shape(TimerEventDecoder.TEMPLATE_ID, "TimerEvent", TimerEventDecoder.BLOCK_LENGTH, none);
            shape(SessionOpenedDecoder.TEMPLATE_ID, "SessionOpened", SessionOpenedDecoder.BLOCK_LENGTH, none, U8, U16);
            shape(SessionClosedDecoder.TEMPLATE_ID, "SessionClosed", SessionClosedDecoder.BLOCK_LENGTH, none);
        }
    }

    /**
     * A validator for the engine side (dispatcher, journal tools): client requests plus the timer and session events
     * the gateway journals, with the protocol's own limits.
     *
     * @return a new validator.
     */
    public static FrameValidator forEngineSide()
    {
        return new FrameValidator(
            ProtocolLimits.MAX_MESSAGE_LENGTH, ProtocolLimits.MAX_BATCH_SIZE, ProtocolLimits.MAX_CANDIDATES, true);
    }

    private void shape(
        final int templateId, final String name, final int blockLength, final Group[] groups, final int... varWidths)
    {
        shapeByTemplateId[templateId] = new Shape(name, blockLength, groups, varWidths);
    }

    /**
     * Validate the structure of one frame.
     *
     * @param buffer holding the frame.
     * @param offset at which the frame, starting with its message header, begins.
     * @param length of the frame in bytes, as delivered by Aeron or read from a journal.
     * @return null when the frame is well formed, otherwise the code to reject it with, with {@link #reason()} and
     * {@link #itemIndex()} describing it.
     */
    public ErrorCode validate(final DirectBuffer buffer, final int offset, final int length)
    {
        templateId = 0;
        blockLength = 0;
        version = 0;
        itemIndex = NO_ITEM;
        reason.setLength(0);

        if (length < HEADER_LENGTH || offset < 0 || (long) offset + HEADER_LENGTH > buffer.capacity())
        {
            reason.append("frame of ").append(length).append(" bytes is shorter than the 8-byte header");
            return ErrorCode.MALFORMED_FRAME;
        }

        blockLength = buffer.getShort(offset, LITTLE_ENDIAN) & 0xFFFF;
        templateId = buffer.getShort(offset + 2, LITTLE_ENDIAN) & 0xFFFF;
        final int schemaId = buffer.getShort(offset + 4, LITTLE_ENDIAN) & 0xFFFF;
        version = buffer.getShort(offset + 6, LITTLE_ENDIAN) & 0xFFFF;

        if (schemaId != MessageHeaderDecoder.SCHEMA_ID)
        {
            reason.append("schema id ").append(schemaId).append(" is not Ripple's ")
                .append(MessageHeaderDecoder.SCHEMA_ID);
            return ErrorCode.UNKNOWN_SCHEMA;
        }

        if (version < 1 || version > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            reason.append("schema version ").append(version).append(" is not supported; this server speaks 1 to ")
                .append(MessageHeaderDecoder.SCHEMA_VERSION);
            return ErrorCode.UNSUPPORTED_VERSION;
        }

        if (length > maxMessageLength)
        {
            reason.append("message of ").append(length).append(" bytes is above the limit of ")
                .append(maxMessageLength);
            return ErrorCode.MESSAGE_TOO_LARGE;
        }

        if ((long) offset + length > buffer.capacity())
        {
            reason.append("frame of ").append(length).append(" bytes runs past the end of its buffer");
            return ErrorCode.MALFORMED_FRAME;
        }

        if (!isKnownTemplate(templateId))
        {
            reason.append("template id ").append(templateId).append(" is not in the schema");
            return ErrorCode.UNKNOWN_TEMPLATE;
        }

        final Shape shape = shapeByTemplateId[templateId];
        if (null == shape)
        {
            reason.append("template id ").append(templateId).append(" is not a client request");
            return ErrorCode.TEMPLATE_NOT_ALLOWED;
        }

        if (blockLength < shape.blockLength)
        {
            reason.append(shape.name).append(" block length ").append(blockLength).append(" is below ")
                .append(shape.blockLength);
            return ErrorCode.MALFORMED_FRAME;
        }

        return walkBody(buffer, offset + length, shape, offset + HEADER_LENGTH + blockLength);
    }

    private ErrorCode walkBody(final DirectBuffer buffer, final int frameEnd, final Shape shape, final int bodyStart)
    {
        if (bodyStart > frameEnd)
        {
            reason.append(shape.name).append(" root block runs past the end of the frame");
            return ErrorCode.TRUNCATED_MESSAGE;
        }

        long position = bodyStart;
        final Group[] groups = shape.groups;
        for (int g = 0; g < groups.length; g++)
        {
            final Group group = groups[g];
            if (position + GROUP_HEADER_LENGTH > frameEnd)
            {
                reason.append(shape.name).append(' ').append(group.name)
                    .append(" group header runs past the end of the frame");
                return ErrorCode.TRUNCATED_MESSAGE;
            }

            final int entryBlockLength = buffer.getShort((int) position, LITTLE_ENDIAN) & 0xFFFF;
            final int count = buffer.getShort((int) position + 2, LITTLE_ENDIAN) & 0xFFFF;
            position += GROUP_HEADER_LENGTH;
            groupBlockLengths[g] = entryBlockLength;
            groupCounts[g] = count;

            if (0 == group.varCount)
            {
                // Entries without var data have a fixed size: skip them in one step rather than count by count.
                position += (long) count * entryBlockLength;
                if (position > frameEnd)
                {
                    reason.append(shape.name).append(' ').append(group.name)
                        .append(" entries run past the end of the frame");
                    return ErrorCode.TRUNCATED_MESSAGE;
                }
                continue;
            }

            for (int i = 0; i < count; i++)
            {
                position += entryBlockLength;
                for (int v = 0; v < group.varCount && position <= frameEnd; v++)
                {
                    position = skipVarData(buffer, position, frameEnd, U8);
                }

                if (position > frameEnd)
                {
                    reason.append(shape.name).append(' ').append(group.name).append(" entry ").append(i)
                        .append(" runs past the end of the frame");
                    itemIndex = i;
                    return ErrorCode.TRUNCATED_MESSAGE;
                }
            }
        }

        for (final int width : shape.varWidths)
        {
            position = skipVarData(buffer, position, frameEnd, width);
            if (position > frameEnd)
            {
                reason.append(shape.name).append(" var data runs past the end of the frame");
                return ErrorCode.TRUNCATED_MESSAGE;
            }
        }

        for (int g = 0; g < groups.length; g++)
        {
            if (groupBlockLengths[g] < groups[g].blockLength)
            {
                reason.append(shape.name).append(' ').append(groups[g].name)
                    .append(" entry block length is below ").append(groups[g].blockLength);
                return ErrorCode.MALFORMED_FRAME;
            }
        }

        for (int g = 0; g < groups.length; g++)
        {
            if (groupCounts[g] > groups[g].maxCount)
            {
                reason.append(shape.name).append(' ').append(groups[g].name).append(" has ").append(groupCounts[g])
                    .append(" entries, above the limit of ").append(groups[g].maxCount);
                return groups[g].tooManyCode;
            }
        }

        return null;
    }

    private static long skipVarData(final DirectBuffer buffer, final long position, final int frameEnd, final int width)
    {
        if (position + width > frameEnd)
        {
            return frameEnd + 1L;
        }

        final int index = (int) position;
        final int dataLength = U8 == width ?
            buffer.getByte(index) & 0xFF : buffer.getShort(index, LITTLE_ENDIAN) & 0xFFFF;

        return position + width + dataLength;
    }

    /**
     * Template id read by the last {@link #validate(DirectBuffer, int, int)}, 0 when the frame was too short to
     * have one.
     *
     * @return the template id of the last frame checked.
     */
    public int templateId()
    {
        return templateId;
    }

    /**
     * Root block length read by the last {@link #validate(DirectBuffer, int, int)}, 0 when the frame was too short
     * to have one.
     *
     * @return the block length in bytes.
     */
    public int blockLength()
    {
        return blockLength;
    }

    /**
     * Schema version read by the last {@link #validate(DirectBuffer, int, int)}, 0 when the frame was too short to
     * have one.
     *
     * @return the version.
     */
    public int version()
    {
        return version;
    }

    /**
     * Entry of the group at fault in the last frame checked.
     *
     * @return the entry at fault, or {@link #NO_ITEM} when the error concerns the whole frame.
     */
    public int itemIndex()
    {
        return itemIndex;
    }

    /**
     * Human-readable reason of the last failed check, empty after a frame that passed. Overwritten by the next call
     * to {@link #validate(DirectBuffer, int, int)}.
     *
     * @return the reason of the last failed check.
     */
    public CharSequence reason()
    {
        return reason;
    }

    /**
     * Name of a template this validator walks, for reasons and logs.
     *
     * @param templateId of the message.
     * @return its name, or "request" when this validator does not walk it.
     */
    public String requestName(final int templateId)
    {
        final Shape shape = templateId >= 0 && templateId <= MAX_TEMPLATE_ID ? shapeByTemplateId[templateId] : null;
        return null == shape ? "request" : shape.name;
    }

    /**
     * Is this template id one of the schema's messages?
     *
     * @param templateId from a message header.
     * @return true if the schema defines it.
     */
    public static boolean isKnownTemplate(final int templateId)
    {
        return ProtocolLimits.isClientRequest(templateId) || isServerOrInternalTemplate(templateId);
    }

    private static boolean isServerOrInternalTemplate(final int templateId)
    {
        switch (templateId)
        {
            case ConnectAcceptedEncoder.TEMPLATE_ID:
            case ConnectRejectedEncoder.TEMPLATE_ID:
            case SignalAckEncoder.TEMPLATE_ID:
            case SelectResultEncoder.TEMPLATE_ID:
            case ScoresResultEncoder.TEMPLATE_ID:
            case AgentStateEncoder.TEMPLATE_ID:
            case MetricsSnapshotEncoder.TEMPLATE_ID:
            case OverloadPredictionEncoder.TEMPLATE_ID:
            case OverloadWarningEncoder.TEMPLATE_ID:
            case OperationAckEncoder.TEMPLATE_ID:
            case ErrorEncoder.TEMPLATE_ID:
            case TimerEventEncoder.TEMPLATE_ID:
            case SessionOpenedEncoder.TEMPLATE_ID:
            case SessionClosedEncoder.TEMPLATE_ID:
            case SnapshotHeaderEncoder.TEMPLATE_ID:
            case SnapshotChunkEncoder.TEMPLATE_ID:
                return true;

            default:
                return false;
        }
    }

    private static final class Shape
    {
        final String name;
        final int blockLength;
        final Group[] groups;
        final int[] varWidths;

        Shape(final String name, final int blockLength, final Group[] groups, final int[] varWidths)
        {
            this.name = name;
            this.blockLength = blockLength;
            this.groups = groups;
            this.varWidths = varWidths;
        }
    }

    /**
     * A repeating group: entries of a fixed block followed by {@code varCount} var data fields with a uint8 length
     * each, which is the shape of every group in a client request.
     */
    private static final class Group
    {
        final String name;
        final int blockLength;
        final int varCount;
        final int maxCount;
        final ErrorCode tooManyCode;

        Group(
            final String name,
            final int blockLength,
            final int varCount,
            final int maxCount,
            final ErrorCode tooManyCode)
        {
            this.name = name;
            this.blockLength = blockLength;
            this.varCount = varCount;
            this.maxCount = maxCount;
            this.tooManyCode = tooManyCode;
        }
    }
}
