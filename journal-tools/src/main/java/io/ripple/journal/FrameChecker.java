package io.ripple.journal;

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
import io.ripple.codecs.SessionClosedDecoder;
import io.ripple.codecs.SessionOpenedDecoder;
import io.ripple.codecs.SignalBatchDecoder;
import io.ripple.codecs.SignalDecoder;
import io.ripple.codecs.SubscribeOverloadWarningsDecoder;
import io.ripple.codecs.TimerEventDecoder;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Walks an SBE frame of a message the engine side reads (client requests, timer and session events) and checks, in
 * the order of {@code docs/protocol.md} section 1, that every block, group and var data field lies inside the frame
 * and that group counts respect the protocol limits, before any generated decoder touches it. The generated decoders
 * do not check lengths themselves, so this is what keeps hostile bytes, from the wire or from a journal, from being
 * read out of bounds.
 * <p>
 * Stateless apart from the item index of the last failure; does not allocate. One thread at a time.
 */
public final class FrameChecker
{
    /**
     * Result of a frame that passed every check.
     */
    public static final int OK = 0;

    /**
     * Item index reported when a failure concerns the whole frame.
     */
    public static final int NO_ITEM = -1;

    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int GROUP_HEADER_LENGTH = 4;
    private static final int MAX_TEMPLATE_ID = 127;
    private static final int MAX_GROUPS = 2;
    private static final int U8 = 1;
    private static final int U16 = 2;
    private static final Shape[] SHAPES = new Shape[MAX_TEMPLATE_ID + 1];

    static
    {
        final Group weights = new Group(
            SelectDecoder.WeightsDecoder.sbeBlockLength(), 0, ProtocolLimits.MAX_WEIGHTS, ErrorCode.GROUP_TOO_LARGE);
        final Group candidates = new Group(
            SelectDecoder.CandidatesDecoder.sbeBlockLength(), 1, ProtocolLimits.MAX_CANDIDATES,
            ErrorCode.TOO_MANY_CANDIDATES);
        final Group agents = new Group(
            ScoresQueryDecoder.AgentsDecoder.sbeBlockLength(), 1, ProtocolLimits.MAX_CANDIDATES,
            ErrorCode.TOO_MANY_CANDIDATES);
        final Group signals = new Group(
            SignalBatchDecoder.SignalsDecoder.sbeBlockLength(), 2, ProtocolLimits.MAX_BATCH_SIZE,
            ErrorCode.BATCH_TOO_LARGE);

        shape(ConnectDecoder.TEMPLATE_ID, ConnectDecoder.BLOCK_LENGTH, null, U8, U8, U16);
        shape(HeartbeatDecoder.TEMPLATE_ID, HeartbeatDecoder.BLOCK_LENGTH, null);
        shape(DisconnectDecoder.TEMPLATE_ID, DisconnectDecoder.BLOCK_LENGTH, null);
        shape(SignalDecoder.TEMPLATE_ID, SignalDecoder.BLOCK_LENGTH, null, U8, U8);
        shape(SignalBatchDecoder.TEMPLATE_ID, SignalBatchDecoder.BLOCK_LENGTH, new Group[]{ signals });
        shape(SelectDecoder.TEMPLATE_ID, SelectDecoder.BLOCK_LENGTH, new Group[]{ weights, candidates }, U8, U8);
        shape(ScoresQueryDecoder.TEMPLATE_ID, ScoresQueryDecoder.BLOCK_LENGTH, new Group[]{ weights, agents }, U8);
        shape(AgentStateQueryDecoder.TEMPLATE_ID, AgentStateQueryDecoder.BLOCK_LENGTH, null, U8, U8);
        shape(MetricsQueryDecoder.TEMPLATE_ID, MetricsQueryDecoder.BLOCK_LENGTH, null);
        shape(PredictOverloadDecoder.TEMPLATE_ID, PredictOverloadDecoder.BLOCK_LENGTH, null, U8);
        shape(SubscribeOverloadWarningsDecoder.TEMPLATE_ID, SubscribeOverloadWarningsDecoder.BLOCK_LENGTH, null);
        shape(DefineProfileDecoder.TEMPLATE_ID, DefineProfileDecoder.BLOCK_LENGTH, null, U8);
        shape(JoinPoolDecoder.TEMPLATE_ID, JoinPoolDecoder.BLOCK_LENGTH, null, U8, U8);
        shape(LeavePoolDecoder.TEMPLATE_ID, LeavePoolDecoder.BLOCK_LENGTH, null, U8, U8);
        shape(RegisterAgentDecoder.TEMPLATE_ID, RegisterAgentDecoder.BLOCK_LENGTH, null, U8);
        shape(TimerEventDecoder.TEMPLATE_ID, TimerEventDecoder.BLOCK_LENGTH, null);
        shape(SessionOpenedDecoder.TEMPLATE_ID, SessionOpenedDecoder.BLOCK_LENGTH, null, U8, U16);
        shape(SessionClosedDecoder.TEMPLATE_ID, SessionClosedDecoder.BLOCK_LENGTH, null);
    }

    private final int[] groupBlockLengths = new int[MAX_GROUPS];
    private final int[] groupCounts = new int[MAX_GROUPS];
    private int itemIndex = NO_ITEM;
    private int templateId;
    private int blockLength;
    private int version;

    /**
     * Check a frame.
     *
     * @param buffer holding the frame.
     * @param offset where the frame (the message header) starts.
     * @param length length of the frame in bytes.
     * @return {@link #OK}, or the wire number of the {@link ErrorCode} of the first check that failed:
     * {@code MALFORMED_FRAME}, {@code UNKNOWN_SCHEMA}, {@code UNSUPPORTED_VERSION}, {@code MESSAGE_TOO_LARGE},
     * {@code UNKNOWN_TEMPLATE}, {@code TEMPLATE_NOT_ALLOWED} (a known message that is not read on the engine side),
     * {@code TRUNCATED_MESSAGE}, {@code BATCH_TOO_LARGE}, {@code TOO_MANY_CANDIDATES} or {@code GROUP_TOO_LARGE}.
     */
    public int check(final DirectBuffer buffer, final int offset, final int length)
    {
        itemIndex = NO_ITEM;
        if (length < HEADER_LENGTH || offset < 0 || offset + length > buffer.capacity())
        {
            return ErrorCode.MALFORMED_FRAME.value();
        }

        final long header = buffer.getLong(offset, LITTLE_ENDIAN);
        final int blockLength = (int) (header & 0xFFFF);
        final int templateId = (int) ((header >>> 16) & 0xFFFF);
        final int schemaId = (int) ((header >>> 32) & 0xFFFF);
        final int version = (int) (header >>> 48);
        this.templateId = templateId;
        this.blockLength = blockLength;
        this.version = version;

        if (schemaId != MessageHeaderDecoder.SCHEMA_ID)
        {
            return ErrorCode.UNKNOWN_SCHEMA.value();
        }

        if (version < 1 || version > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return ErrorCode.UNSUPPORTED_VERSION.value();
        }

        if (length > ProtocolLimits.MAX_MESSAGE_LENGTH)
        {
            return ErrorCode.MESSAGE_TOO_LARGE.value();
        }

        final Shape shape = templateId < SHAPES.length ? SHAPES[templateId] : null;
        if (null == shape)
        {
            return isKnownTemplate(templateId) ?
                ErrorCode.TEMPLATE_NOT_ALLOWED.value() : ErrorCode.UNKNOWN_TEMPLATE.value();
        }

        if (blockLength < shape.blockLength)
        {
            return ErrorCode.MALFORMED_FRAME.value();
        }

        final int limit = offset + length;
        int position = offset + HEADER_LENGTH + blockLength;
        if (position > limit)
        {
            return ErrorCode.TRUNCATED_MESSAGE.value();
        }

        final Group[] groups = shape.groups;
        for (int g = 0; g < groups.length; g++)
        {
            if (position + GROUP_HEADER_LENGTH > limit)
            {
                return ErrorCode.TRUNCATED_MESSAGE.value();
            }

            final int entryBlockLength = buffer.getShort(position, LITTLE_ENDIAN) & 0xFFFF;
            final int count = buffer.getShort(position + 2, LITTLE_ENDIAN) & 0xFFFF;
            position += GROUP_HEADER_LENGTH;
            groupBlockLengths[g] = entryBlockLength;
            groupCounts[g] = count;

            for (int i = 0; i < count; i++)
            {
                position += entryBlockLength;
                for (int v = 0; v < groups[g].varCount && position <= limit; v++)
                {
                    position = skipVar(buffer, position, limit, U8);
                }

                if (position > limit)
                {
                    itemIndex = i;
                    return ErrorCode.TRUNCATED_MESSAGE.value();
                }
            }
        }

        for (final int width : shape.varWidths)
        {
            position = skipVar(buffer, position, limit, width);
            if (position > limit)
            {
                return ErrorCode.TRUNCATED_MESSAGE.value();
            }
        }

        for (int g = 0; g < groups.length; g++)
        {
            if (groupBlockLengths[g] < groups[g].blockLength)
            {
                return ErrorCode.MALFORMED_FRAME.value();
            }
        }

        for (int g = 0; g < groups.length; g++)
        {
            if (groupCounts[g] > groups[g].maxCount)
            {
                itemIndex = groups[g].maxCount;
                return groups[g].tooManyCode.value();
            }
        }

        return OK;
    }

    /**
     * Template id read by the last {@link #check(DirectBuffer, int, int)} that got as far as the header.
     *
     * @return the template id.
     */
    public int templateId()
    {
        return templateId;
    }

    /**
     * Root block length read by the last {@link #check(DirectBuffer, int, int)} that got as far as the header.
     *
     * @return the block length in bytes.
     */
    public int blockLength()
    {
        return blockLength;
    }

    /**
     * Schema version read by the last {@link #check(DirectBuffer, int, int)} that got as far as the header.
     *
     * @return the version.
     */
    public int version()
    {
        return version;
    }

    /**
     * After a failed {@link #check(DirectBuffer, int, int)}, the entry of a group at fault.
     *
     * @return the index, or {@link #NO_ITEM} when the failure concerns the whole frame.
     */
    public int itemIndex()
    {
        return itemIndex;
    }

    /**
     * Is this template id one of the schema's messages?
     *
     * @param templateId from a message header.
     * @return true if the schema defines it.
     */
    public static boolean isKnownTemplate(final int templateId)
    {
        switch (templateId)
        {
            case 1: case 2: case 3: case 4: case 5:
            case 10: case 11: case 12:
            case 20: case 21:
            case 30: case 31: case 32: case 33: case 34: case 35:
            case 40: case 41: case 42: case 43:
            case 50: case 51: case 52: case 53: case 59:
            case 60:
            case 90: case 91: case 92: case 93: case 94:
                return true;

            default:
                return false;
        }
    }

    private static int skipVar(final DirectBuffer buffer, final int position, final int limit, final int width)
    {
        if (position + width > limit)
        {
            return limit + 1;
        }

        final int varLength = 1 == width ?
            buffer.getByte(position) & 0xFF : buffer.getShort(position, LITTLE_ENDIAN) & 0xFFFF;

        return position + width + varLength;
    }

    private static void shape(final int templateId, final int blockLength, final Group[] groups, final int... vars)
    {
        SHAPES[templateId] = new Shape(blockLength, null == groups ? new Group[0] : groups, vars);
    }

    private static final class Shape
    {
        final int blockLength;
        final Group[] groups;
        final int[] varWidths;

        Shape(final int blockLength, final Group[] groups, final int[] varWidths)
        {
            this.blockLength = blockLength;
            this.groups = groups;
            this.varWidths = varWidths;
        }
    }

    private static final class Group
    {
        final int blockLength;
        final int varCount;
        final int maxCount;
        final ErrorCode tooManyCode;

        Group(final int blockLength, final int varCount, final int maxCount, final ErrorCode tooManyCode)
        {
            this.blockLength = blockLength;
            this.varCount = varCount;
            this.maxCount = maxCount;
            this.tooManyCode = tooManyCode;
        }
    }
}
