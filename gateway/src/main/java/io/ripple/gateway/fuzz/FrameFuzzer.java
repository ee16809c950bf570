package io.ripple.gateway.fuzz;

import io.ripple.codecs.AgentStateQueryEncoder;
import io.ripple.codecs.BooleanType;
import io.ripple.codecs.ConnectDecoder;
import io.ripple.codecs.DefineProfileEncoder;
import io.ripple.codecs.DisconnectDecoder;
import io.ripple.codecs.JoinPoolEncoder;
import io.ripple.codecs.MessageHeaderEncoder;
import io.ripple.codecs.MetricsQueryEncoder;
import io.ripple.codecs.PredictOverloadEncoder;
import io.ripple.codecs.RegisterAgentEncoder;
import io.ripple.codecs.ScoresQueryEncoder;
import io.ripple.codecs.ScoringModel;
import io.ripple.codecs.SelectEncoder;
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
 * A frame that keeps a readable header gets the fuzz session's id and its own correlation id stamped back after the
 * mutation, so that its answer can be matched to it. Frames that would pass as {@code Connect} or {@code Disconnect}
 * are not produced: they open or end sessions, which the fuzzer's bookkeeping does not model.
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
    private static final double[] SPECIAL_DOUBLES = {
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.MIN_VALUE, -0.0, -1.0, 0.0, 1.0, 1.0000001, 2.0, 1e-320 };
    private static final long[] SPECIAL_LONGS = {
        Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 1L, 86_400_001L, Integer.MAX_VALUE, 0xFFFF_FFFFL };
    private static final int[] SPECIAL_SHORTS = { 0, 1, 0xFFFF, 0x7FFF, 0x8000, 7, 255, 256, 1024, 1025, 513 };

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MAX_FRAME_LENGTH]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
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

    /**
     * A fuzzer whose frames are fixed by a seed.
     *
     * @param seed of the sequence of frames.
     */
    public FrameFuzzer(final long seed)
    {
        this.random = new SplittableRandom(seed);
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
                if (ConnectDecoder.TEMPLATE_ID == templateId || DisconnectDecoder.TEMPLATE_ID == templateId)
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
        final int mutations = random.nextInt(4);
        for (int i = 0; i < mutations; i++)
        {
            length = mutate(length);
        }

        if (length >= CORRELATION_ID_OFFSET + 8)
        {
            buffer.putLong(SESSION_ID_OFFSET, sessionId, LITTLE_ENDIAN);
            buffer.putLong(CORRELATION_ID_OFFSET, correlationId, LITTLE_ENDIAN);
            stamped = true;
        }

        return length;
    }

    private int encodeRequest()
    {
        switch (random.nextInt(11))
        {
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
                final int extra = Math.min(MAX_FRAME_LENGTH - length, random.nextInt(64));
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
