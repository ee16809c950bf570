package io.ripple.gateway.fuzz;

import io.ripple.codecs.AgentStateQueryEncoder;
import io.ripple.codecs.BooleanType;
import io.ripple.codecs.ConnectDecoder;
import io.ripple.codecs.ConnectEncoder;
import io.ripple.codecs.DefineProfileEncoder;
import io.ripple.codecs.DisconnectDecoder;
import io.ripple.codecs.DisconnectEncoder;
import io.ripple.codecs.FrameValidator;
import io.ripple.codecs.HeartbeatEncoder;
import io.ripple.codecs.JoinPoolEncoder;
import io.ripple.codecs.MessageHeaderEncoder;
import io.ripple.codecs.MetricsQueryEncoder;
import io.ripple.codecs.PredictOverloadEncoder;
import io.ripple.codecs.ProtocolLimits;
import io.ripple.codecs.RegisterAgentEncoder;
import io.ripple.codecs.ScoresQueryEncoder;
import io.ripple.codecs.ScoringModel;
import io.ripple.codecs.SelectEncoder;
import io.ripple.codecs.SessionCloseReason;
import io.ripple.codecs.SignalBatchEncoder;
import io.ripple.codecs.SignalEncoder;
import io.ripple.codecs.SignalType;
import io.ripple.codecs.SubscribeOverloadWarningsEncoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.SplittableRandom;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Generates hostile client frames from a seed: random bytes, and well-formed requests of every template a client may
 * send, mutated in their header (block length, template, schema id, version), their numbers (NaN, infinities, huge
 * and negative values, raw enum values), their group counts and var lengths, truncated or extended.
 * <p>
 * Some requests are built to hit the server's size limits: a batch one entry above the batch limit, a select with one
 * weight too many or one candidate above the candidate limit, a message longer than the message limit.
 * <p>
 * Session messages are fuzzed too. {@code Heartbeat}s are sent as they are or mutated. {@code Disconnect}s are sent
 * only mutated so that the server refuses them: a valid one would end the fuzz session. {@code Connect}s (once
 * {@link #connectRepliesTo(String, int)} names where refusals go) carry an unknown principal or a wrong secret, or a
 * non-zero session id, so that the server refuses them with a {@code ConnectRejected} on that channel; they are
 * mutated only in their header's template, schema and version, or truncated or extended, so that the refusal still
 * reaches the channel. No other frame that would pass as a {@code Connect} is produced.
 * <p>
 * A frame that keeps a readable header gets the fuzz session's id and its own correlation id stamped back after the
 * mutation, so that its answer can be matched to it (a {@code Connect} keeps a session id of 0 half of the time).
 * <p>
 * Not thread-safe. Allocates only when built.
 */
public final class FrameFuzzer
{
    /**
     * Largest frame produced, in bytes.
     */
    public static final int MAX_FRAME_LENGTH = 8 * 1024;

    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int SESSION_ID_OFFSET = HEADER_LENGTH;
    private static final int CORRELATION_ID_OFFSET = HEADER_LENGTH + 8;
    private static final String[] AGENT_IDS = { "a-0", "a-1", "a-2", "a-3", "fz.x", "", "bad id", "a-?" };
    private static final String[] NAMES = { "default", "reference", "fz-pool", "fz-profile", "", "no such" };
    private static final String[] PRINCIPALS = { "fuzz-admin", "nobody", "router", "x" };
    private static final double[] SPECIAL_DOUBLES = {
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.MIN_VALUE, -0.0, -1.0, 0.0, 1.0, 1.0000001, 2.0, 1e-320 };
    private static final long[] SPECIAL_LONGS = {
        Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 1L, 86_400_001L, Integer.MAX_VALUE, 0xFFFF_FFFFL };
    private static final int[] SPECIAL_SHORTS = { 0, 1, 0xFFFF, 0x7FFF, 0x8000, 7, 255, 256, 1024, 1025, 513 };

    private final UnsafeBuffer buffer;
    private final int maxMessageLength;
    private final int maxBatchSize;
    private final int maxCandidates;
    private final FrameValidator validator;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ConnectEncoder connectEncoder = new ConnectEncoder();
    private final DisconnectEncoder disconnectEncoder = new DisconnectEncoder();
    private final HeartbeatEncoder heartbeatEncoder = new HeartbeatEncoder();
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
    private final RegisterAgentEncoder registerEncoder = new RegisterAgentEncoder();
    private final SplittableRandom random;

    private boolean stamped;
    private int generatedTemplateId;
    private String connectReplyChannel;
    private int connectReplyStreamId;

    /**
     * A fuzzer whose frames are fixed by a seed, for a server with the protocol's default limits.
     *
     * @param seed of the sequence of frames.
     */
    public FrameFuzzer(final long seed)
    {
        this(seed, ProtocolLimits.MAX_MESSAGE_LENGTH, ProtocolLimits.MAX_BATCH_SIZE, ProtocolLimits.MAX_CANDIDATES);
    }

    /**
     * A fuzzer whose frames are fixed by a seed, for a server with these limits.
     *
     * @param seed             of the sequence of frames.
     * @param maxMessageLength the server's longest message in bytes.
     * @param maxBatchSize     the server's most signals in a batch.
     * @param maxCandidates    the server's most candidates in a select.
     */
    public FrameFuzzer(final long seed, final int maxMessageLength, final int maxBatchSize, final int maxCandidates)
    {
        this.random = new SplittableRandom(seed);
        this.maxMessageLength = maxMessageLength;
        this.maxBatchSize = maxBatchSize;
        this.maxCandidates = maxCandidates;
        this.validator = new FrameValidator(maxMessageLength, maxBatchSize, maxCandidates);
        this.buffer = new UnsafeBuffer(new byte[Math.max(MAX_FRAME_LENGTH, maxMessageLength + 1024) +
            (maxBatchSize + maxCandidates + 2) * 64]);
    }

    /**
     * Produce {@code Connect} frames whose refusals go to this channel and stream, normally the fuzz client's own.
     *
     * @param channel  Aeron channel of the refusals.
     * @param streamId stream id of the refusals.
     * @return this for a fluent style.
     */
    public FrameFuzzer connectRepliesTo(final String channel, final int streamId)
    {
        this.connectReplyChannel = channel;
        this.connectReplyStreamId = streamId;
        return this;
    }

    /**
     * The buffer holding the last frame, from index 0.
     *
     * @return the frame buffer.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Did the last frame get the session id and correlation id stamped into it?
     *
     * @return false for random bytes and frames too short to hold them.
     */
    public boolean isStamped()
    {
        return stamped;
    }

    /**
     * Produce the next frame into {@link #buffer()}.
     *
     * @param sessionId     of the fuzz session.
     * @param correlationId to stamp into the frame.
     * @return the frame length in bytes.
     */
    public int next(final long sessionId, final long correlationId)
    {
        while (true)
        {
            final int length = generate(sessionId, correlationId);
            if (length >= 4)
            {
                final int templateId = buffer.getShort(2, LITTLE_ENDIAN) & 0xFFFF;
                if (ConnectDecoder.TEMPLATE_ID == templateId && ConnectDecoder.TEMPLATE_ID != generatedTemplateId)
                {
                    continue;
                }
                if (DisconnectDecoder.TEMPLATE_ID == templateId && null == validator.validate(buffer, 0, length))
                {
                    continue;
                }
            }
            return length;
        }
    }

    private int generate(final long sessionId, final long correlationId)
    {
        stamped = false;
        generatedTemplateId = -1;
        if (0 == random.nextInt(16))
        {
            final int length = random.nextInt(64 == random.nextInt(65) ? MAX_FRAME_LENGTH : 128);
            for (int i = 0; i < length; i++)
            {
                buffer.putByte(i, (byte) random.nextInt(256));
            }
            return length;
        }

        int length = encodeRequest();
        generatedTemplateId = buffer.getShort(2, LITTLE_ENDIAN) & 0xFFFF;
        final boolean connect = ConnectDecoder.TEMPLATE_ID == generatedTemplateId;
        // A Connect gets at most one mutation: truncation then extension would garble its response channel.
        final int mutations = DisconnectDecoder.TEMPLATE_ID == generatedTemplateId ? 1 + random.nextInt(3) :
            random.nextInt(connect ? 2 : 4);
        for (int i = 0; i < mutations; i++)
        {
            length = connect ? mutateConnect(length) : mutate(length);
        }

        if (length >= CORRELATION_ID_OFFSET + 8)
        {
            buffer.putLong(SESSION_ID_OFFSET, connect && random.nextBoolean() ? 0 : sessionId, LITTLE_ENDIAN);
            buffer.putLong(CORRELATION_ID_OFFSET, correlationId, LITTLE_ENDIAN);
            stamped = true;
        }

        return length;
    }

    private int encodeRequest()
    {
        switch (random.nextInt(16))
        {
            case 11:
                return encodeAboveLimit();

            case 12:
                heartbeatEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(0).correlationId(0)
                    .timestampNs(random.nextLong());
                return HEADER_LENGTH + heartbeatEncoder.encodedLength();

            case 13:
                disconnectEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(0).correlationId(0)
                    .reason(SessionCloseReason.CLIENT_REQUEST);
                return HEADER_LENGTH + disconnectEncoder.encodedLength();

            case 14:
                if (null != connectReplyChannel && 0 == random.nextInt(8))
                {
                    connectEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(0).correlationId(0)
                        .responseStreamId(connectReplyStreamId)
                        .principal(PRINCIPALS[random.nextInt(PRINCIPALS.length)])
                        .secret(random.nextBoolean() ? "wrong" : "")
                        .responseChannel(connectReplyChannel);
                    return HEADER_LENGTH + connectEncoder.encodedLength();
                }
                metricsEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(0).correlationId(0);
                return HEADER_LENGTH + metricsEncoder.encodedLength();

            case 0:
            case 1:
                signalEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
                    .sessionId(0).correlationId(0)
                    .value(random.nextDouble()).confidence(random.nextDouble()).ttlMs(1 + random.nextInt(60_000))
                    .signalType(signalType()).agentId(agentId()).traceId("fz");
                return HEADER_LENGTH + signalEncoder.encodedLength();

            case 2:
            {
                final int count = random.nextInt(6);
                final SignalBatchEncoder.SignalsEncoder signals = batchEncoder
                    .wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(0).correlationId(0).signalsCount(count);
                for (int i = 0; i < count; i++)
                {
                    signals.next().value(random.nextDouble()).confidence(random.nextDouble())
                        .ttlMs(1 + random.nextInt(60_000)).signalType(signalType()).agentId(agentId()).traceId("");
                }
                return HEADER_LENGTH + batchEncoder.encodedLength();
            }

            case 3:
            {
                selectEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(0).correlationId(0)
                    .k(random.nextInt(4));
                final int weights = random.nextInt(3);
                final SelectEncoder.WeightsEncoder weightsEncoder = selectEncoder.weightsCount(weights);
                for (int i = 0; i < weights; i++)
                {
                    weightsEncoder.next().weight(random.nextDouble()).signalType(signalType());
                }
                final int candidates = random.nextInt(5);
                final SelectEncoder.CandidatesEncoder candidatesEncoder = selectEncoder.candidatesCount(candidates);
                for (int i = 0; i < candidates; i++)
                {
                    candidatesEncoder.next().agentId(agentId());
                }
                selectEncoder.poolName(0 == candidates ? "fz-pool" : "").profileName(0 == weights ? name() : "");
                return HEADER_LENGTH + selectEncoder.encodedLength();
            }

            case 4:
            {
                scoresEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(0).correlationId(0);
                scoresEncoder.weightsCount(0);
                final int agents = random.nextInt(4);
                final ScoresQueryEncoder.AgentsEncoder agentsEncoder = scoresEncoder.agentsCount(agents);
                for (int i = 0; i < agents; i++)
                {
                    agentsEncoder.next().agentId(agentId());
                }
                scoresEncoder.profileName(name());
                return HEADER_LENGTH + scoresEncoder.encodedLength();
            }

            case 5:
                stateEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(0).correlationId(0)
                    .agentId(agentId()).profileName(name());
                return HEADER_LENGTH + stateEncoder.encodedLength();

            case 6:
                metricsEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(0).correlationId(0);
                return HEADER_LENGTH + metricsEncoder.encodedLength();

            case 7:
                predictEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(0).correlationId(0)
                    .horizonMs(random.nextInt(20_000)).threshold(random.nextDouble()).agentId(agentId());
                return HEADER_LENGTH + predictEncoder.encodedLength();

            case 8:
                subscribeEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(0).correlationId(0)
                    .subscribe(random.nextBoolean() ? BooleanType.TRUE : BooleanType.FALSE);
                return HEADER_LENGTH + subscribeEncoder.encodedLength();

            case 9:
                profileEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(0).correlationId(0)
                    .loadWeight(random.nextDouble()).capacityWeight(random.nextDouble())
                    .qualityWeight(random.nextDouble()).costWeight(random.nextDouble())
                    .latencyWeight(random.nextDouble()).availabilityWeight(random.nextDouble())
                    .inFlightPenalty(random.nextDouble()).model(ScoringModel.NEUTRAL).profileName(name());
                return HEADER_LENGTH + profileEncoder.encodedLength();

            default:
                if (random.nextBoolean())
                {
                    joinEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(0).correlationId(0)
                        .agentId(agentId()).poolName(name());
                    return HEADER_LENGTH + joinEncoder.encodedLength();
                }
                registerEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(0).correlationId(0)
                    .agentId(agentId());
                return HEADER_LENGTH + registerEncoder.encodedLength();
        }
    }

    private int encodeAboveLimit()
    {
        // Messages above the length limit are a quarter of a megabyte by default: send few of them.
        switch (random.nextInt(8))
        {
            case 0:
            case 1:
            case 2:
            {
                final int count = maxBatchSize + 1;
                final SignalBatchEncoder.SignalsEncoder signals = batchEncoder
                    .wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(0).correlationId(0).signalsCount(count);
                for (int i = 0; i < count; i++)
                {
                    signals.next().value(0.5).confidence(1.0).ttlMs(1_000).signalType(SignalType.LOAD)
                        .agentId("a-0").traceId("");
                }
                return HEADER_LENGTH + batchEncoder.encodedLength();
            }

            case 3:
            case 4:
            case 5:
            case 6:
            {
                final boolean tooManyWeights = 1 == random.nextInt(2);
                selectEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(0).correlationId(0).k(1);
                final int weights = tooManyWeights ? ProtocolLimits.MAX_WEIGHTS + 1 : 0;
                final SelectEncoder.WeightsEncoder weightsEncoder = selectEncoder.weightsCount(weights);
                for (int i = 0; i < weights; i++)
                {
                    weightsEncoder.next().weight(1.0).signalType(signalType());
                }
                final int candidates = tooManyWeights ? 2 : maxCandidates + 1;
                final SelectEncoder.CandidatesEncoder candidatesEncoder = selectEncoder.candidatesCount(candidates);
                for (int i = 0; i < candidates; i++)
                {
                    candidatesEncoder.next().agentId(agentId());
                }
                selectEncoder.poolName("").profileName("");
                return HEADER_LENGTH + selectEncoder.encodedLength();
            }

            default:
            {
                signalEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
                    .sessionId(0).correlationId(0).value(0.5).confidence(1.0).ttlMs(1_000)
                    .signalType(SignalType.LOAD).agentId("a-0").traceId("");
                final int length = maxMessageLength + 1 + random.nextInt(64);
                final int encodedLength = HEADER_LENGTH + signalEncoder.encodedLength();
                buffer.setMemory(encodedLength, length - encodedLength, (byte) 0);
                return length;
            }
        }
    }

    /**
     * Mutations of a {@code Connect} that keep its response channel and stream intact, so that the server's answer
     * still reaches the fuzz client: the header's template, schema or version, truncation, extension; one of them.
     */
    private int mutateConnect(final int length)
    {
        switch (random.nextInt(3))
        {
            case 0:
                if (length >= HEADER_LENGTH)
                {
                    buffer.putShort(2 + 2 * random.nextInt(3), (short) specialShort(), LITTLE_ENDIAN);
                }
                return length;

            case 1:
                return 0 == length ? 0 : random.nextInt(length);

            default:
            {
                final int extra = Math.min(buffer.capacity() - length, random.nextInt(64));
                for (int i = 0; i < extra; i++)
                {
                    buffer.putByte(length + i, (byte) random.nextInt(256));
                }
                return length + extra;
            }
        }
    }

    private int mutate(final int length)
    {
        switch (random.nextInt(8))
        {
            case 0:
                // One header field: block length, template id, schema id or version.
                buffer.putShort(2 * random.nextInt(4), (short) specialShort(), LITTLE_ENDIAN);
                return length;

            case 1:
            {
                if (length < HEADER_LENGTH + 8)
                {
                    return length;
                }
                final int position = HEADER_LENGTH + random.nextInt(length - HEADER_LENGTH - 7);
                if (random.nextBoolean())
                {
                    buffer.putDouble(position, SPECIAL_DOUBLES[random.nextInt(SPECIAL_DOUBLES.length)], LITTLE_ENDIAN);
                }
                else
                {
                    buffer.putLong(position, SPECIAL_LONGS[random.nextInt(SPECIAL_LONGS.length)], LITTLE_ENDIAN);
                }
                return length;
            }

            case 2:
            {
                // A group header or var length: a uint16 pair or a byte anywhere past the root block's ids.
                if (length < CORRELATION_ID_OFFSET + 10)
                {
                    return length;
                }
                final int position = CORRELATION_ID_OFFSET + 8 + random.nextInt(length - CORRELATION_ID_OFFSET - 9);
                buffer.putShort(position, (short) specialShort(), LITTLE_ENDIAN);
                return length;
            }

            case 3:
                return 0 == length ? 0 : random.nextInt(length);

            case 4:
            {
                final int extra = Math.min(buffer.capacity() - length, random.nextInt(64));
                for (int i = 0; i < extra; i++)
                {
                    buffer.putByte(length + i, (byte) random.nextInt(256));
                }
                return length + extra;
            }

            case 5:
                // An enum value out of its range: the signal type or model byte of most requests.
                if (length > HEADER_LENGTH)
                {
                    buffer.putByte(HEADER_LENGTH + random.nextInt(length - HEADER_LENGTH), (byte) random.nextInt(256));
                }
                return length;

            default:
                if (length > 0)
                {
                    final int position = random.nextInt(length);
                    buffer.putByte(position, (byte) (buffer.getByte(position) ^ (1 << random.nextInt(8))));
                }
                return length;
        }
    }

    private int specialShort()
    {
        return random.nextInt(4) == 0 ? random.nextInt(0x10000) : SPECIAL_SHORTS[random.nextInt(SPECIAL_SHORTS.length)];
    }

    private SignalType signalType()
    {
        return SignalType.get((short) random.nextInt(6));
    }

    private String agentId()
    {
        return AGENT_IDS[random.nextInt(AGENT_IDS.length)];
    }

    private String name()
    {
        return NAMES[random.nextInt(NAMES.length)];
    }
}
