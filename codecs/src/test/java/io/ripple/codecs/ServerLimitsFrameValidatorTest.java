package io.ripple.codecs;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The validator as a server builds it, with limits tighter than the protocol's, and the order of its header checks.
 */
class ServerLimitsFrameValidatorTest
{
    private final FrameValidator validator = new FrameValidator(
        ProtocolLimits.MAX_MESSAGE_LENGTH, ProtocolLimits.MAX_BATCH_SIZE, 8);
    private final MutableDirectBuffer buffer = new ExpandableArrayBuffer(1024);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();

    @Test
    void shouldAcceptWellFormedSignal()
    {
        final int length = encodeSignal();

        assertNull(validator.validate(buffer, 0, length));
    }

    @Test
    void shouldRejectFrameShorterThanHeaderAsMalformed()
    {
        assertEquals(ErrorCode.MALFORMED_FRAME, validator.validate(buffer, 0, 7));
    }

    @Test
    void shouldCheckSchemaBeforeVersionBeforeLengthBeforeTemplate()
    {
        final int length = encodeSignal();
        buffer.putShort(4, (short) 1, LITTLE_ENDIAN);
        buffer.putShort(6, (short) 9, LITTLE_ENDIAN);
        assertEquals(ErrorCode.UNKNOWN_SCHEMA, validator.validate(buffer, 0, length));

        encodeSignal();
        buffer.putShort(6, (short) 9, LITTLE_ENDIAN);
        buffer.putShort(2, (short) 77, LITTLE_ENDIAN);
        assertEquals(ErrorCode.UNSUPPORTED_VERSION, validator.validate(buffer, 0, length));

        encodeSignal();
        buffer.putShort(2, (short) 77, LITTLE_ENDIAN);
        assertEquals(ErrorCode.MESSAGE_TOO_LARGE,
            validator.validate(buffer, 0, ProtocolLimits.MAX_MESSAGE_LENGTH + 1));
        assertEquals(ErrorCode.UNKNOWN_TEMPLATE, validator.validate(buffer, 0, length));
    }

    @Test
    void shouldRejectServerMessageFromClient()
    {
        final int length = encodeSignal();
        buffer.putShort(2, (short) 21, LITTLE_ENDIAN);

        assertEquals(ErrorCode.TEMPLATE_NOT_ALLOWED, validator.validate(buffer, 0, length));
    }

    @Test
    void shouldRejectCandidatesAboveTheServersTighterLimit()
    {
        final int length = encodeSelect(0, 9);

        assertEquals(ErrorCode.TOO_MANY_CANDIDATES, validator.validate(buffer, 0, length));
    }

    @Test
    void shouldRejectGroupBlockLengthBelowTheEntry()
    {
        final int length = encodeSelect(2, 1);
        final int weightsHeader = MessageHeaderEncoder.ENCODED_LENGTH + SelectEncoder.BLOCK_LENGTH;
        buffer.putShort(weightsHeader, (short) 8, LITTLE_ENDIAN);

        final ErrorCode code = validator.validate(buffer, 0, length);

        assertTrue(ErrorCode.MALFORMED_FRAME == code || ErrorCode.TRUNCATED_MESSAGE == code);
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 5, 10, 20 })
    void shouldRejectEveryTruncationOfASelect(final int cut)
    {
        final int length = encodeSelect(1, 3);

        assertEquals(ErrorCode.TRUNCATED_MESSAGE, validator.validate(buffer, 0, length - cut));
    }

    @ParameterizedTest
    @ValueSource(longs = { 7301L, 42L, 1234567L })
    void shouldNeverReadOutsideTheFrameWhateverTheBytes(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 20_000; round++)
        {
            final int length = encodeSelect(random.nextInt(3), random.nextInt(4));
            final int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++)
            {
                buffer.putByte(random.nextInt(length), (byte) random.nextInt(256));
            }
            final int cut = random.nextInt(length + 1);
            final byte[] bytes = new byte[cut];
            buffer.getBytes(0, bytes);
            final org.agrona.concurrent.UnsafeBuffer frame = new org.agrona.concurrent.UnsafeBuffer(bytes);
            try
            {
                validator.validate(frame, 0, cut);
            }
            catch (final IndexOutOfBoundsException ex)
            {
                fail("seed " + seed + " round " + round + " read outside a frame of " + cut + " bytes");
            }
        }
    }

    private int encodeSignal()
    {
        final SignalEncoder encoder = new SignalEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .sessionId(1).correlationId(2).value(0.5).confidence(1.0).ttlMs(1_000).signalType(SignalType.LOAD)
            .agentId("agent-1").traceId("trace");
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int encodeSelect(final int weights, final int candidates)
    {
        final SelectEncoder encoder = new SelectEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .sessionId(1).correlationId(2).k(1);
        final SelectEncoder.WeightsEncoder weightsEncoder = encoder.weightsCount(weights);
        for (int i = 0; i < weights; i++)
        {
            weightsEncoder.next().weight(0.5).signalType(SignalType.LOAD);
        }
        final SelectEncoder.CandidatesEncoder candidatesEncoder = encoder.candidatesCount(candidates);
        for (int i = 0; i < candidates; i++)
        {
            candidatesEncoder.next().agentId("agent-" + i);
        }
        encoder.poolName("").profileName("default");
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }
}
