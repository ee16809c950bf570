package io.ripple.codecs;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;
import org.agrona.sbe.MessageEncoderFlyweight;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The structural checks of {@link FrameValidator}, each with the code docs/protocol.md gives it, and the property that
 * matters most: a frame it passes can be decoded without reading past its end.
 */
class FrameValidatorTest
{
    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;

    private final FrameValidator validator = new FrameValidator();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[2 * ProtocolLimits.MAX_MESSAGE_LENGTH]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();

    @Test
    void shouldAcceptEveryWellFormedRequest()
    {
        final List<byte[]> requests = sampleRequests();

        for (final byte[] frame : requests)
        {
            assertNull(validate(frame), () -> "template " + templateIdOf(frame));
        }
        assertEquals(15, requests.size());
    }

    @Test
    void shouldRejectEveryTruncationOfEveryRequest()
    {
        for (final byte[] frame : sampleRequests())
        {
            for (int length = 0; length < frame.length; length++)
            {
                final ErrorCode expected = length < HEADER_LENGTH ?
                    ErrorCode.MALFORMED_FRAME : ErrorCode.TRUNCATED_MESSAGE;

                assertEquals(expected, validate(frame, length), "template " + templateIdOf(frame) + " at " + length);
            }
        }
    }

    @Test
    void shouldRejectOtherSchemaId()
    {
        final byte[] frame = signal();
        wrap(frame).putShort(4, (short) 7302, ByteOrder.LITTLE_ENDIAN);

        assertEquals(ErrorCode.UNKNOWN_SCHEMA, validate(frame));
    }

    @Test
    void shouldRejectVersionNewerThanTheSchemaOrZero()
    {
        final byte[] newer = signal();
        wrap(newer).putShort(6, (short) (MessageHeaderEncoder.SCHEMA_VERSION + 1), ByteOrder.LITTLE_ENDIAN);
        final byte[] zero = signal();
        wrap(zero).putShort(6, (short) 0, ByteOrder.LITTLE_ENDIAN);

        assertEquals(ErrorCode.UNSUPPORTED_VERSION, validate(newer));
        assertEquals(ErrorCode.UNSUPPORTED_VERSION, validate(zero));
    }

    @Test
    void shouldRejectFrameLongerThanMaxMessageLength()
    {
        final byte[] frame = Arrays.copyOf(signal(), ProtocolLimits.MAX_MESSAGE_LENGTH + 1);

        assertEquals(ErrorCode.MESSAGE_TOO_LARGE, validate(frame));
    }

    @Test
    void shouldRejectUnknownTemplate()
    {
        final byte[] frame = signal();
        wrap(frame).putShort(2, (short) 77, ByteOrder.LITTLE_ENDIAN);

        assertEquals(ErrorCode.UNKNOWN_TEMPLATE, validate(frame));
    }

    @Test
    void shouldRejectServerAndInternalMessagesFromClient()
    {
        final byte[] answer = encode(new SelectResultEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder)
            .correlationId(1));
        final byte[] internal = encode(new TimerEventEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder)
            .timestampNs(1).kind(TimerKind.SWEEP));

        assertEquals(ErrorCode.TEMPLATE_NOT_ALLOWED, validate(answer));
        assertEquals(ErrorCode.TEMPLATE_NOT_ALLOWED, validate(internal));
    }

    @Test
    void shouldRejectRootBlockShorterThanTheSchemas()
    {
        final byte[] frame = signal();
        wrap(frame).putShort(0, (short) (SignalEncoder.BLOCK_LENGTH - 1), ByteOrder.LITTLE_ENDIAN);

        assertEquals(ErrorCode.MALFORMED_FRAME, validate(frame));
    }

    @Test
    void shouldAcceptLongerRootBlockOfNewerWriterAndDecodeAcrossIt()
    {
        final byte[] signal = signal();
        final int rootEnd = HEADER_LENGTH + SignalEncoder.BLOCK_LENGTH;
        final byte[] frame = new byte[signal.length + 8];
        System.arraycopy(signal, 0, frame, 0, rootEnd);
        System.arraycopy(signal, rootEnd, frame, rootEnd + 8, signal.length - rootEnd);
        wrap(frame).putShort(0, (short) (SignalEncoder.BLOCK_LENGTH + 8), ByteOrder.LITTLE_ENDIAN);

        final ErrorCode result = validate(frame);

        assertNull(result);
        final SignalDecoder decoder = new SignalDecoder()
            .wrapAndApplyHeader(new UnsafeBuffer(frame), 0, new MessageHeaderDecoder());
        assertEquals("agent-7", decoder.agentId());
        assertEquals("trace-1", decoder.traceId());
    }

    @Test
    void shouldRejectSignalBatchAboveMaxBatchSize()
    {
        final SignalBatchEncoder encoder = new SignalBatchEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder);
        final SignalBatchEncoder.SignalsEncoder signals = encoder.signalsCount(ProtocolLimits.MAX_BATCH_SIZE + 1);
        for (int i = 0; i <= ProtocolLimits.MAX_BATCH_SIZE; i++)
        {
            signals.next().agentId("a").traceId("");
        }

        assertEquals(ErrorCode.BATCH_TOO_LARGE, validate(encode(encoder)));
    }

    @Test
    void shouldRejectSelectAboveMaxCandidates()
    {
        final SelectEncoder encoder = new SelectEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder).k(1);
        encoder.weightsCount(0);
        final SelectEncoder.CandidatesEncoder candidates = encoder.candidatesCount(ProtocolLimits.MAX_CANDIDATES + 1);
        for (int i = 0; i <= ProtocolLimits.MAX_CANDIDATES; i++)
        {
            candidates.next().agentId("a");
        }
        encoder.poolName("").profileName("");

        assertEquals(ErrorCode.TOO_MANY_CANDIDATES, validate(encode(encoder)));
    }

    @Test
    void shouldRejectMoreWeightsThanSignalTypes()
    {
        final ScoresQueryEncoder encoder = new ScoresQueryEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder);
        final ScoresQueryEncoder.WeightsEncoder weights = encoder.weightsCount(ProtocolLimits.MAX_WEIGHTS + 1);
        for (int i = 0; i <= ProtocolLimits.MAX_WEIGHTS; i++)
        {
            weights.next().weight(0.1).signalType(SignalType.LOAD);
        }
        encoder.agentsCount(1).next().agentId("a");
        encoder.profileName("");

        assertEquals(ErrorCode.GROUP_TOO_LARGE, validate(encode(encoder)));
    }

    @Test
    void shouldRejectGroupEntryBlockShorterThanTheSchemas()
    {
        final byte[] frame = signalBatch();
        final int groupHeaderAt = HEADER_LENGTH + SignalBatchEncoder.BLOCK_LENGTH;
        wrap(frame).putShort(groupHeaderAt, (short) (SignalBatchEncoder.SignalsEncoder.sbeBlockLength() - 1),
            ByteOrder.LITTLE_ENDIAN);

        assertEquals(ErrorCode.MALFORMED_FRAME, validate(frame));
    }

    @Test
    void shouldNeverThrowAndOnlyPassFramesThatDecodeInsideTheirBounds()
    {
        final Random random = new Random(7301);
        final List<byte[]> requests = sampleRequests();
        int passed = 0;

        for (int i = 0; i < 20_000; i++)
        {
            final byte[] original = requests.get(random.nextInt(requests.size()));
            final byte[] frame = Arrays.copyOf(original, original.length + random.nextInt(4));
            final int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++)
            {
                final int at = HEADER_LENGTH + random.nextInt(frame.length - HEADER_LENGTH);
                frame[at] = (byte) random.nextInt(256);
            }
            final int length = random.nextInt(8) == 0 ? random.nextInt(frame.length + 1) : frame.length;

            if (null == validate(frame, length))
            {
                assertDecodesWithin(frame, length);
                passed++;
            }
        }

        assertTrue(passed > 1_000, "enough corrupted frames stayed well formed to exercise the decoders: " + passed);
    }

    private void assertDecodesWithin(final byte[] frame, final int length)
    {
        final UnsafeBuffer exact = new UnsafeBuffer(frame, 0, length);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(exact, 0);
        final MessageDecoderFlyweight decoder = requestDecoder(header.templateId());

        decoder.wrap(exact, HEADER_LENGTH, header.blockLength(), header.version());
        final int decodedLength = decoder.sbeDecodedLength();

        assertTrue(HEADER_LENGTH + decodedLength <= length, "decoded length within the frame");
    }

    private static MessageDecoderFlyweight requestDecoder(final int templateId)
    {
        switch (templateId)
        {
            case ConnectDecoder.TEMPLATE_ID: return new ConnectDecoder();
            case HeartbeatDecoder.TEMPLATE_ID: return new HeartbeatDecoder();
            case DisconnectDecoder.TEMPLATE_ID: return new DisconnectDecoder();
            case SignalDecoder.TEMPLATE_ID: return new SignalDecoder();
            case SignalBatchDecoder.TEMPLATE_ID: return new SignalBatchDecoder();
            case SelectDecoder.TEMPLATE_ID: return new SelectDecoder();
            case ScoresQueryDecoder.TEMPLATE_ID: return new ScoresQueryDecoder();
            case AgentStateQueryDecoder.TEMPLATE_ID: return new AgentStateQueryDecoder();
            case MetricsQueryDecoder.TEMPLATE_ID: return new MetricsQueryDecoder();
            case PredictOverloadDecoder.TEMPLATE_ID: return new PredictOverloadDecoder();
            case SubscribeOverloadWarningsDecoder.TEMPLATE_ID: return new SubscribeOverloadWarningsDecoder();
            case DefineProfileDecoder.TEMPLATE_ID: return new DefineProfileDecoder();
            case JoinPoolDecoder.TEMPLATE_ID: return new JoinPoolDecoder();
            case LeavePoolDecoder.TEMPLATE_ID: return new LeavePoolDecoder();
            case RegisterAgentDecoder.TEMPLATE_ID: return new RegisterAgentDecoder();
            default: throw new IllegalArgumentException("not a request: " + templateId);
        }
    }

    private List<byte[]> sampleRequests()
    {
        final List<byte[]> requests = new ArrayList<>();
        requests.add(encode(new ConnectEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder)
            .correlationId(1).responseStreamId(1002).principal("router").secret("s").responseChannel("aeron:ipc")));
        requests.add(encode(new HeartbeatEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder)
            .sessionId(9).correlationId(2).timestampNs(3)));
        requests.add(encode(new DisconnectEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder)
            .sessionId(9).correlationId(4).reason(SessionCloseReason.CLIENT_REQUEST)));
        requests.add(signal());
        requests.add(signalBatch());

        final SelectEncoder select = new SelectEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder)
            .sessionId(9).correlationId(6).k(1);
        select.weightsCount(2).next().weight(0.5).signalType(SignalType.LOAD)
            .next().weight(0.5).signalType(SignalType.COST);
        select.candidatesCount(3).next().agentId("a-1").next().agentId("a-2").next().agentId("a-3");
        requests.add(encode(select.poolName("").profileName("reference")));

        final ScoresQueryEncoder scores = new ScoresQueryEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder)
            .sessionId(9).correlationId(7);
        scores.weightsCount(1).next().weight(1.0).signalType(SignalType.QUALITY);
        scores.agentsCount(2).next().agentId("a-1").next().agentId("a-2");
        requests.add(encode(scores.profileName("")));

        requests.add(encode(new AgentStateQueryEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder)
            .sessionId(9).correlationId(8).agentId("a-1").profileName("default")));
        requests.add(encode(new MetricsQueryEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder)
            .sessionId(9).correlationId(9)));
        requests.add(encode(new PredictOverloadEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder)
            .sessionId(9).correlationId(10).horizonMs(60_000).threshold(0.8).agentId("a-1")));
        requests.add(encode(new SubscribeOverloadWarningsEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder)
            .sessionId(9).correlationId(11).subscribe(BooleanType.TRUE)));
        requests.add(encode(new DefineProfileEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder)
            .sessionId(9).correlationId(12).loadWeight(1.0).model(ScoringModel.NEUTRAL).profileName("load-only")));
        requests.add(encode(new JoinPoolEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder)
            .sessionId(9).correlationId(13).agentId("a-1").poolName("gpu")));
        requests.add(encode(new LeavePoolEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder)
            .sessionId(9).correlationId(14).agentId("a-1").poolName("gpu")));
        requests.add(encode(new RegisterAgentEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder)
            .sessionId(9).correlationId(15).agentId("a-1")));

        return requests;
    }

    private byte[] signal()
    {
        return encode(new SignalEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder)
            .sessionId(9).correlationId(5).value(0.5).confidence(1.0).ttlMs(1_000).signalType(SignalType.LOAD)
            .agentId("agent-7").traceId("trace-1"));
    }

    private byte[] signalBatch()
    {
        final SignalBatchEncoder encoder = new SignalBatchEncoder().wrapAndApplyHeader(scratch, 0, headerEncoder)
            .sessionId(9).correlationId(5);
        encoder.signalsCount(2)
            .next().value(0.1).confidence(1.0).ttlMs(1_000).signalType(SignalType.LOAD).agentId("a-1").traceId("")
            .next().value(0.9).confidence(1.0).ttlMs(1_000).signalType(SignalType.COST).agentId("a-2").traceId("t");

        return encode(encoder);
    }

    private byte[] encode(final MessageEncoderFlyweight encoder)
    {
        final byte[] frame = new byte[HEADER_LENGTH + encoder.encodedLength()];
        scratch.getBytes(0, frame);

        return frame;
    }

    private ErrorCode validate(final byte[] frame)
    {
        return validate(frame, frame.length);
    }

    private ErrorCode validate(final byte[] frame, final int length)
    {
        return validator.validate(new UnsafeBuffer(frame), 0, length);
    }

    private static UnsafeBuffer wrap(final byte[] frame)
    {
        return new UnsafeBuffer(frame);
    }

    private static int templateIdOf(final byte[] frame)
    {
        return new MessageHeaderDecoder().wrap(new UnsafeBuffer(frame), 0).templateId();
    }
}
