package io.ripple.engine;

/**
 * {@code exp(-x)} for the decay of a live signal, faster than {@link Math#exp(double) } and bit-for-bit deterministic.
 * <p>
 * A live signal has {@code 0 <= x <= 3} (age at most the TTL, times three under the neutral model). The argument is
 * split as {@code x = i/1024 + r} with {@code 0 <= r < 1/1024}; {@code exp(-i/1024)} comes from a table computed
 * with {@link StrictMath#exp(double) }, and {@code exp(-r)} from its Taylor polynomial of degree 4, whose truncation
 * error is below {@code 1e-17}. The result is within a few ulps of the exact value, far inside the 1e-12 the engine
 * promises. Only Java arithmetic is used, which is strict since Java 17, so a replay computes the same bits on any
 * JVM, interpreted or compiled; {@link Math#exp(double) } may differ between its intrinsic and its fallback.
 */
public final class FastDecay
{
    /**
     * Largest argument served from the table; beyond it {@link StrictMath#exp(double) } is used.
     */
    public static final double TABLE_LIMIT = 3.0;

    private static final int STEPS_PER_UNIT = 1024;
    private static final double STEP = 1.0 / STEPS_PER_UNIT;
    private static final double[] TABLE = new double[(int) (TABLE_LIMIT * STEPS_PER_UNIT) + 2];
    private static final double SIXTH = 1.0 / 6.0;
    private static final double TWENTY_FOURTH = 1.0 / 24.0;

    static
    {
        for (int i = 0; i < TABLE.length; i++)
        {
            TABLE[i] = StrictMath.exp(-(i * STEP));
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
        final double poly = 1.0 - r * (1.0 - r * (0.5 - r * (SIXTH - r * TWENTY_FOURTH)));

        return TABLE[index] * poly;
    }
}
