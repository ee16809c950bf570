package io.ripple.engine;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Named weight profiles: the built-in {@code default} and {@code reference}, and those defined by operators.
 * <p>
 * For each profile the weights are kept as given and normalised to sum to 1, and the in-flight load factors
 * {@code (1 - penalty)^n} are tabulated with {@link StrictMath#pow(double, double)} for each base-256 digit of
 * {@code n}, so that any count below 2^32 costs at most four lookups and three multiplications, and the factor is
 * computed identically on every JVM and after a restore.
 */
final class ProfileTable
{
    static final int DEFAULT_PROFILE = 0;
    static final int REFERENCE_PROFILE = 1;
    static final int BUILT_IN_COUNT = 2;
    static final String DEFAULT_NAME = "default";
    static final String REFERENCE_NAME = "reference";
    static final int FACTOR_DIGIT_BITS = 8;
    static final int FACTOR_DIGITS = 4;
    static final int FACTOR_RADIX = 1 << FACTOR_DIGIT_BITS;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final double[] DEFAULT_WEIGHTS = { 0.25, 0.20, 0.20, 0.10, 0.10, 0.15 };
    private static final double[] REFERENCE_WEIGHTS = { 0.25, 0.25, 0.20, 0.15, 0.00, 0.15 };
    private static final double DEFAULT_PENALTY = 0.02;

    private final AsciiIdIndex names;
    private final int capacity;
    final ScoringModel[] models;
    final double[][] rawWeights;
    final double[][] weights;
    final double[] penalties;
    final double[][] factors;
    final double[] penaltyRates;
    private int count;

    ProfileTable(final int maxProfiles, final long seed)
    {
        capacity = maxProfiles + BUILT_IN_COUNT;
        names = new AsciiIdIndex(capacity, seed);
        models = new ScoringModel[capacity];
        rawWeights = new double[capacity][SignalType.COUNT];
        weights = new double[capacity][SignalType.COUNT];
        penalties = new double[capacity];
        factors = new double[capacity][];
        penaltyRates = new double[capacity];

        store(DEFAULT_PROFILE, DEFAULT_NAME, ScoringModel.NEUTRAL, DEFAULT_WEIGHTS, DEFAULT_PENALTY);
        store(REFERENCE_PROFILE, REFERENCE_NAME, ScoringModel.REFERENCE, REFERENCE_WEIGHTS, 0.0);
    }

    /**
     * Find a profile by packed name.
     *
     * @param words  holding the packed name.
     * @param offset of the first word.
     * @param length of the name, negative if invalid.
     * @return the profile id, or -1 if there is no such profile.
     */
    int find(final long[] words, final int offset, final int length)
    {
        if (length <= 0)
        {
            return -1;
        }

        return names.find(words, offset, length, names.hash(words, offset, length));
    }

    /**
     * Find a profile by name.
     *
     * @param name profile name.
     * @return the profile id, or -1 if there is no such profile.
     */
    int find(final CharSequence name)
    {
        final int length = names.pack(name);
        return find(names.scratch, 0, length);
    }

    /**
     * Define or redefine an operator profile.
     *
     * @param name       profile name.
     * @param model      scoring model.
     * @param newWeights six weights.
     * @param penalty    in-flight penalty in [0, 1).
     * @return null on success or the reason for rejection.
     */
    ErrorCode define(final CharSequence name, final ScoringModel model, final double[] newWeights, final double penalty)
    {
        final int length = names.pack(name);
        if (length < 0 || null == model || !(penalty >= 0.0 && penalty < 1.0))
        {
            return ErrorCode.INVALID_PROFILE;
        }

        final long[] words = names.scratch;
        final int hash = names.hash(words, 0, length);
        int id = names.find(words, 0, length, hash);
        if (id >= 0 && id < BUILT_IN_COUNT)
        {
            return ErrorCode.INVALID_PROFILE;
        }

        if (!validWeights(newWeights))
        {
            return ErrorCode.INVALID_WEIGHTS;
        }

        if (id < 0)
        {
            if (count >= capacity)
            {
                return ErrorCode.PROFILE_CAPACITY_EXCEEDED;
            }
            id = count;
            names.put(id, words, 0, length, hash);
            count++;
        }
        assign(id, model, newWeights, penalty);

        return null;
    }

    /**
     * Are these six finite, non-negative weights with a positive, finite sum?
     *
     * @param candidate weights to check, may be null.
     * @return true if valid.
     */
    static boolean validWeights(final double[] candidate)
    {
        if (null == candidate || candidate.length != SignalType.COUNT)
        {
            return false;
        }

        double sum = 0.0;
        for (final double weight : candidate)
        {
            if (!(weight >= 0.0) || weight == Double.POSITIVE_INFINITY)
            {
                return false;
            }
            sum += weight;
        }

        return sum > 0.0 && sum != Double.POSITIVE_INFINITY;
    }

    /**
     * Scale weights to sum to 1.
     *
     * @param src six valid weights.
     * @param dst where to write the normalised weights.
     */
    static void normalise(final double[] src, final double[] dst)
    {
        double sum = 0.0;
        for (int i = 0; i < SignalType.COUNT; i++)
        {
            sum += src[i];
        }

        for (int i = 0; i < SignalType.COUNT; i++)
        {
            dst[i] = src[i] / sum;
        }
    }

    /**
     * Factor {@code (1 - penalty)^n} applied to the load score of an agent with {@code n} selections in flight.
     *
     * @param profile  profile id.
     * @param inFlight selections in flight, non-negative.
     * @return the factor in (0, 1].
     */
    double inFlightFactor(final int profile, final long inFlight)
    {
        final double[] table = factors[profile];
        if (inFlight < FACTOR_RADIX)
        {
            return table[(int) inFlight];
        }

        if (inFlight >= 1L << (FACTOR_DIGIT_BITS * FACTOR_DIGITS))
        {
            return FastDecay.expNegWide(inFlight * penaltyRates[profile]);
        }

        final int mask = FACTOR_RADIX - 1;
        double factor = table[(int) inFlight & mask] * table[FACTOR_RADIX + ((int) (inFlight >>> 8) & mask)];
        if (inFlight >= 1L << 16)
        {
            factor *= table[2 * FACTOR_RADIX + ((int) (inFlight >>> 16) & mask)];
            if (inFlight >= 1L << 24)
            {
                factor *= table[3 * FACTOR_RADIX + (int) (inFlight >>> 24)];
            }
        }

        return factor;
    }

    int count()
    {
        return count;
    }

    int encodedLength()
    {
        int length = Integer.BYTES;
        for (int id = BUILT_IN_COUNT; id < count; id++)
        {
            length += 1 + names.keyLength(id) + 1 + (SignalType.COUNT + 1) * Double.BYTES;
        }

        return length;
    }

    int encode(final MutableDirectBuffer buffer, final int offset)
    {
        int position = offset;
        buffer.putInt(position, count - BUILT_IN_COUNT, ORDER);
        position += Integer.BYTES;

        final long[] keys = names.keys();
        for (int id = BUILT_IN_COUNT; id < count; id++)
        {
            final int length = names.keyLength(id);
            buffer.putByte(position++, (byte) length);
            AsciiIdIndex.putAscii(buffer, position, keys, AsciiIdIndex.keyOffset(id), length);
            position += length;
            buffer.putByte(position++, (byte) models[id].id());
            for (int t = 0; t < SignalType.COUNT; t++)
            {
                buffer.putDouble(position, rawWeights[id][t], ORDER);
                position += Double.BYTES;
            }
            buffer.putDouble(position, penalties[id], ORDER);
            position += Double.BYTES;
        }

        return position - offset;
    }

    int decode(final DirectBuffer buffer, final int offset)
    {
        int position = offset;
        final int custom = buffer.getInt(position, ORDER);
        position += Integer.BYTES;
        if (custom < 0 || custom > capacity - BUILT_IN_COUNT)
        {
            throw new IllegalArgumentException("snapshot has " + custom + " profiles");
        }

        final long[] name = new long[AsciiIdIndex.WORDS];
        final double[] snapshotWeights = new double[SignalType.COUNT];
        for (int i = 0; i < custom; i++)
        {
            final int byteLength = buffer.getByte(position++);
            final int length = AsciiIdIndex.getAscii(buffer, position, byteLength, name, 0);
            position += Math.max(0, byteLength);
            final ScoringModel model = ScoringModel.get(buffer.getByte(position++));
            for (int t = 0; t < SignalType.COUNT; t++)
            {
                snapshotWeights[t] = buffer.getDouble(position, ORDER);
                position += Double.BYTES;
            }
            final double penalty = buffer.getDouble(position, ORDER);
            position += Double.BYTES;

            if (length < 0 || null == model || !validWeights(snapshotWeights) || !(penalty >= 0.0 && penalty < 1.0) ||
                find(name, 0, length) >= 0)
            {
                throw new IllegalArgumentException("snapshot has an invalid profile");
            }
            names.put(count, name, 0, length, names.hash(name, 0, length));
            assign(count, model, snapshotWeights, penalty);
            count++;
        }

        return position - offset;
    }

    private void store(
        final int id, final String name, final ScoringModel model, final double[] newWeights, final double penalty)
    {
        final int length = names.pack(name);
        names.put(id, names.scratch, 0, length, names.hash(names.scratch, 0, length));
        assign(id, model, newWeights, penalty);
        count++;
    }

    private void assign(final int id, final ScoringModel model, final double[] newWeights, final double penalty)
    {
        models[id] = model;
        System.arraycopy(newWeights, 0, rawWeights[id], 0, SignalType.COUNT);
        normalise(newWeights, weights[id]);
        penalties[id] = penalty;

        final double[] table = null == factors[id] ? new double[FACTOR_RADIX * FACTOR_DIGITS] : factors[id];
        final double base = 1.0 - penalty;
        for (int digit = 0; digit < FACTOR_DIGITS; digit++)
        {
            final double weight = (double) (1L << (FACTOR_DIGIT_BITS * digit));
            for (int n = 0; n < FACTOR_RADIX; n++)
            {
                table[digit * FACTOR_RADIX + n] = StrictMath.pow(base, n * weight);
            }
        }
        factors[id] = table;
        penaltyRates[id] = -StrictMath.log(base);
    }
}
