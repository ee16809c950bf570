package io.ripple.codecs;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

/**
 * Checks the structure of a frame received from a client before any generated decoder touches it: header, schema
 * id, version, length, template, and that the root block, every group and every var data field lie inside the frame
 * with group counts within the protocol's limits. A frame that passes can be decoded without reading past its end.
 * <p>
 * Field values (ids, numbers, enum values) are not checked here: that is the receiver's job once it decodes.
 * <p>
 * One instance per thread; {@link #validate(DirectBuffer, int, int)} does not allocate.
 */
public final class FrameValidator
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int GROUP_HEADER_LENGTH = GroupSizeEncodingDecoder.ENCODED_LENGTH;

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private DirectBuffer buffer;
    private int position;
    private int end;
    private ErrorCode error;

    /**
     * Validate the structure of one client request.
     *
     * @param buffer holding the frame.
     * @param offset at which the frame, starting with its message header, begins.
     * @param length of the frame in bytes, as delivered by Aeron.
     * @return null when the frame is well formed, otherwise the code to reject it with.
     */
    public ErrorCode validate(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return ErrorCode.MALFORMED_FRAME;
        }

        headerDecoder.wrap(buffer, offset);
        if (headerDecoder.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return ErrorCode.UNKNOWN_SCHEMA;
        }
        if (headerDecoder.version() < 1 || headerDecoder.version() > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return ErrorCode.UNSUPPORTED_VERSION;
        }
        if (length > ProtocolLimits.MAX_MESSAGE_LENGTH)
        {
            return ErrorCode.MESSAGE_TOO_LARGE;
        }

        final int templateId = headerDecoder.templateId();
        if (!ProtocolLimits.isClientRequest(templateId))
        {
            return isServerTemplate(templateId) ? ErrorCode.TEMPLATE_NOT_ALLOWED : ErrorCode.UNKNOWN_TEMPLATE;
        }

        this.buffer = buffer;
        this.position = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        this.end = offset + length;
        this.error = null;
        walkRequest(templateId, headerDecoder.blockLength());
        this.buffer = null;

        return error;
    }

    private void walkRequest(final int templateId, final int blockLength)
    {
        switch (templateId)
        {
            case ConnectEncoder.TEMPLATE_ID:
                rootBlock(blockLength, ConnectEncoder.BLOCK_LENGTH);
                varData(ConnectEncoder.principalHeaderLength());
                varData(ConnectEncoder.secretHeaderLength());
                varData(ConnectEncoder.responseChannelHeaderLength());
                break;

            case HeartbeatEncoder.TEMPLATE_ID:
                rootBlock(blockLength, HeartbeatEncoder.BLOCK_LENGTH);
                break;

            case DisconnectEncoder.TEMPLATE_ID:
                rootBlock(blockLength, DisconnectEncoder.BLOCK_LENGTH);
                break;

            case SignalEncoder.TEMPLATE_ID:
                rootBlock(blockLength, SignalEncoder.BLOCK_LENGTH);
                varData(SignalEncoder.agentIdHeaderLength());
                varData(SignalEncoder.traceIdHeaderLength());
                break;

            case SignalBatchEncoder.TEMPLATE_ID:
                rootBlock(blockLength, SignalBatchEncoder.BLOCK_LENGTH);
                group(
                    SignalBatchEncoder.SignalsEncoder.sbeBlockLength(),
                    2,
                    ProtocolLimits.MAX_BATCH_SIZE,
                    ErrorCode.BATCH_TOO_LARGE);
                break;

            case SelectEncoder.TEMPLATE_ID:
                rootBlock(blockLength, SelectEncoder.BLOCK_LENGTH);
                weightsGroup(SelectEncoder.WeightsEncoder.sbeBlockLength());
                agentIdsGroup(SelectEncoder.CandidatesEncoder.sbeBlockLength());
                varData(SelectEncoder.poolNameHeaderLength());
                varData(SelectEncoder.profileNameHeaderLength());
                break;

            case ScoresQueryEncoder.TEMPLATE_ID:
                rootBlock(blockLength, ScoresQueryEncoder.BLOCK_LENGTH);
                weightsGroup(ScoresQueryEncoder.WeightsEncoder.sbeBlockLength());
                agentIdsGroup(ScoresQueryEncoder.AgentsEncoder.sbeBlockLength());
                varData(ScoresQueryEncoder.profileNameHeaderLength());
                break;

            case AgentStateQueryEncoder.TEMPLATE_ID:
                rootBlock(blockLength, AgentStateQueryEncoder.BLOCK_LENGTH);
                varData(AgentStateQueryEncoder.agentIdHeaderLength());
                varData(AgentStateQueryEncoder.profileNameHeaderLength());
                break;

            case MetricsQueryEncoder.TEMPLATE_ID:
                rootBlock(blockLength, MetricsQueryEncoder.BLOCK_LENGTH);
                break;

            case PredictOverloadEncoder.TEMPLATE_ID:
                rootBlock(blockLength, PredictOverloadEncoder.BLOCK_LENGTH);
                varData(PredictOverloadEncoder.agentIdHeaderLength());
                break;

            case SubscribeOverloadWarningsEncoder.TEMPLATE_ID:
                rootBlock(blockLength, SubscribeOverloadWarningsEncoder.BLOCK_LENGTH);
                break;

            case DefineProfileEncoder.TEMPLATE_ID:
                rootBlock(blockLength, DefineProfileEncoder.BLOCK_LENGTH);
                varData(DefineProfileEncoder.profileNameHeaderLength());
                break;

            case JoinPoolEncoder.TEMPLATE_ID:
                rootBlock(blockLength, JoinPoolEncoder.BLOCK_LENGTH);
                varData(JoinPoolEncoder.agentIdHeaderLength());
                varData(JoinPoolEncoder.poolNameHeaderLength());
                break;

            case LeavePoolEncoder.TEMPLATE_ID:
                rootBlock(blockLength, LeavePoolEncoder.BLOCK_LENGTH);
                varData(LeavePoolEncoder.agentIdHeaderLength());
                varData(LeavePoolEncoder.poolNameHeaderLength());
                break;

            case RegisterAgentEncoder.TEMPLATE_ID:
                rootBlock(blockLength, RegisterAgentEncoder.BLOCK_LENGTH);
                varData(RegisterAgentEncoder.agentIdHeaderLength());
                break;

            default:
                error = ErrorCode.UNKNOWN_TEMPLATE;
                break;
        }
    }

    private void rootBlock(final int blockLength, final int minBlockLength)
    {
        if (blockLength < minBlockLength)
        {
            error = ErrorCode.MALFORMED_FRAME;
        }
        else
        {
            advance(blockLength);
        }
    }

    private void weightsGroup(final int minEntryBlockLength)
    {
        group(minEntryBlockLength, 0, ProtocolLimits.MAX_WEIGHTS, ErrorCode.GROUP_TOO_LARGE);
    }

    private void agentIdsGroup(final int minEntryBlockLength)
    {
        group(minEntryBlockLength, 1, ProtocolLimits.MAX_CANDIDATES, ErrorCode.TOO_MANY_CANDIDATES);
    }

    /**
     * Walks a group whose entries hold a fixed block followed by var data fields with a uint8 length each, which is
     * the shape of every group in a client request.
     */
    private void group(
        final int minEntryBlockLength, final int varFieldsPerEntry, final int maxCount, final ErrorCode tooMany)
    {
        if (null != error)
        {
            return;
        }
        if (end - position < GROUP_HEADER_LENGTH)
        {
            error = ErrorCode.TRUNCATED_MESSAGE;
            return;
        }

        final int entryBlockLength = buffer.getShort(position, ORDER) & 0xFFFF;
        final int count = buffer.getShort(position + 2, ORDER) & 0xFFFF;
        position += GROUP_HEADER_LENGTH;
        if (count > maxCount)
        {
            error = tooMany;
            return;
        }
        if (entryBlockLength < minEntryBlockLength)
        {
            error = ErrorCode.MALFORMED_FRAME;
            return;
        }

        for (int i = 0; i < count && null == error; i++)
        {
            advance(entryBlockLength);
            for (int v = 0; v < varFieldsPerEntry; v++)
            {
                varData(1);
            }
        }
    }

    /**
     * Walks a var data field whose length is a uint8 or a uint16, the two kinds a client request holds.
     */
    private void varData(final int lengthHeaderLength)
    {
        if (null != error)
        {
            return;
        }
        if (end - position < lengthHeaderLength)
        {
            error = ErrorCode.TRUNCATED_MESSAGE;
            return;
        }

        final int dataLength = 1 == lengthHeaderLength ?
            buffer.getByte(position) & 0xFF : buffer.getShort(position, ORDER) & 0xFFFF;
        position += lengthHeaderLength;

        advance(dataLength);
    }

    private void advance(final int byteCount)
    {
        if (null != error)
        {
            return;
        }
        if (end - position < byteCount)
        {
            error = ErrorCode.TRUNCATED_MESSAGE;
            return;
        }

        position += byteCount;
    }

    private static boolean isServerTemplate(final int templateId)
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
}
