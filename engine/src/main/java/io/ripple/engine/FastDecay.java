package io.ripple.engine;

/**
 * {@code exp(-x)} for the decay of a live signal, faster than {@link Math#exp(double)} and bit-for-bit deterministic.
 * <p>
 * A live signal has {@code 0 <= x <= 3} (age at most the TTL, times three under the neutral model). The argument is
 * split as {@code x = i/1024 + r} with {@code 0 <= r < 1/1024}; {@code exp(-i/1024)} comes from a table computed
 * with {@link StrictMath#exp(double)}, and {@code exp(-r)} from its Taylor polynomial of degree 3, whose truncation
 * error is below {@code r^4/24 < 4e-14}, inside the 1e-12 the engine promises. Only Java arithmetic is used, which
 * is strict since Java 17, so a replay computes the same bits on any JVM, interpreted or compiled;
 * {@link Math#exp(double)} may differ between its intrinsic and its fallback.
 */
public final class FastDecay
{
    /**
     * Largest argument served from the table; beyond it {@link StrictMath#exp(double)} is used.
     */
    public static final double TABLE_LIMIT = 3.0;

    private static final int STEPS_PER_UNIT = 1024;
    private static final double STEP = 1.0 / STEPS_PER_UNIT;
    private static final double[] TABLE = new double[(int) (TABLE_LIMIT * STEPS_PER_UNIT) + 2];
    private static final double SIXTH = 1.0 / 6.0;
    private static final double TWO_TO_THE_52 = 4503599627370496.0;
    private static final long TWO_TO_THE_52_BITS = Double.doubleToRawLongBits(TWO_TO_THE_52);
    private static final int WIDE_LIMIT = 746;
    private static final double[] WHOLE_TABLE = new double[WIDE_LIMIT];

    static
    {
        for (int i = 0; i < TABLE.length; i++)
        {
            TABLE[i] = StrictMath.exp(-(i * STEP));
        }

        for (int i = 0; i < WIDE_LIMIT; i++)
        {
            WHOLE_TABLE[i] = StrictMath.exp(-i);
        }
    }

    private FastDecay()
    {
    }

    /**
     * Compute {@code exp(-x)}.
     *
     * @param x non-negative argument; negative or NaN arguments are treated as 0.
     * @return {@code exp(-x)} in (0, 1].
     */
    public static double expNeg(final double x)
    {
        if (!(x > 0.0))
        {
            return 1.0;
        }

        if (x > TABLE_LIMIT)
        {
            return StrictMath.exp(-x);
        }

        final double scaled = x * STEPS_PER_UNIT;
        final int index = (int) scaled;
        final double r = (scaled - index) * STEP;
        final double poly = 1.0 - r * (1.0 - r * (0.5 - r * SIXTH));

        return TABLE[index] * poly;
    }

    /**
     * Compute {@code exp(-x)} for the decay of a live signal, without range checks.
     *
     * @param x in [0, {@link #TABLE_LIMIT}]; anything else is undefined.
     * @return {@code exp(-x)}, bit for bit the same as {@link #expNeg(double)}.
     */
    static double expNegLive(final double x)
    {
        final double scaled = x * STEPS_PER_UNIT;
        final int index = (int) scaled;
        final double r = (scaled - toDouble(index)) * STEP;

        return TABLE[index] * (1.0 - r * (1.0 - r * (0.5 - r * SIXTH)));
    }

    /**
     * Compute {@code exp(-3x)} for the neutral model's decay of a live signal, without range checks. Scaling by a
     * power of two is exact, so {@code x * 3072} has the bits of {@code (3.0 * x) * 1024} and the result is bit for
     * bit {@code expNegLive(3.0 * x)}, one dependent multiplication sooner.
     *
     * @param x in [0, {@link #TABLE_LIMIT} / 3]; anything else is undefined.
     * @return {@code exp(-3x)}, bit for bit the same as {@link #expNeg(double)} of {@code 3.0 * x}.
     */
    static double expNegLiveTimesThree(final double x)
    {
        final double scaled = x * (3 * STEPS_PER_UNIT);
        final int index = (int) scaled;
        final double r = (scaled - toDouble(index)) * STEP;

        return TABLE[index] * (1.0 - r * (1.0 - r * (0.5 - r * SIXTH)));
    }

    /**
     * Convert a count to a double, exactly as a cast does, by placing it in the mantissa of 2^52 and subtracting 2^52.
     * A cast compiles to an x86 conversion instruction that writes only the low half of its register and so waits for
     * whatever last wrote the register; in a loop of decays that false dependency can chain every conversion to the
     * one before and halve the speed, depending on how registers happen to be allocated. A move into the register
     * has no such dependency.
     *
     * @param n in [0, 2^52).
     * @return {@code (double) n}, bit for bit.
     */
    static double toDouble(final long n)
    {
        return Double.longBitsToDouble(TWO_TO_THE_52_BITS | n) - TWO_TO_THE_52;
    }

    /**
     * Compute {@code exp(-x)} for any non-negative {@code x}, splitting off the whole part with a second table. The
     * result is within a few ulps of the exact value; it underflows to 0 beyond {@code x = 745}.
     *
     * @param x non-negative argument; negative or NaN arguments are treated as 0.
     * @return {@code exp(-x)} in [0, 1].
     */
    public static double expNegWide(final double x)
    {
        if (!(x > TABLE_LIMIT))
        {
            return expNeg(x);
        }

        if (x >= WIDE_LIMIT)
        {
            return 0.0;
        }

        final int whole = (int) x;
        return WHOLE_TABLE[whole] * expNeg(x - whole);
    }
}
