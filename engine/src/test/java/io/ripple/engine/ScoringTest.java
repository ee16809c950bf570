package io.ripple.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoringTest
{
    private static final double EPSILON = 1e-12;
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long T0 = 100 * SECOND_NS;

    private final CoordinationEngine engine = new CoordinationEngine();
    private final ScoresRequest request = new ScoresRequest();
    private final ScoresResult result = new ScoresResult();

    @Test
    void shouldScoreMissingSignalsAsNeutral()
    {
        engine.registerAgent(T0, "a-1");

        score(T0, "reference", "a-1");

        for (final SignalType type : SignalType.values())
        {
            assertEquals(0.5, result.typeScore(0, type));
        }
        assertEquals(0.5, result.score(0), EPSILON);
    }

    @Test
    void shouldScoreWithTheReferenceModel()
    {
        engine.onSignal(T0, "a-1", SignalType.LOAD, 0.8, 0.9, 60_000, 0);
        engine.onSignal(T0, "a-1", SignalType.QUALITY, 0.7, 0.5, 10_000, 0);
        final long now = T0 + 4 * SECOND_NS;

        score(now, "reference", "a-1");

        final double load = 1.0 - 0.8 * 0.9 * Math.exp(-4.0 / 60.0);
        final double quality = 0.7 * 0.5 * Math.exp(-4.0 / 10.0);
        assertEquals(load, result.typeScore(0, SignalType.LOAD), EPSILON);
        assertEquals(quality, result.typeScore(0, SignalType.QUALITY), EPSILON);
        final double routing = 0.25 * load + 0.25 * 0.5 + 0.20 * quality + 0.15 * 0.5 + 0.0 * 0.5 + 0.15 * 0.5;
        assertEquals(routing, result.score(0), EPSILON);
    }

    @Test
    void shouldScoreWithTheNeutralModel()
    {
        engine.onSignal(T0, "a-1", SignalType.LOAD, 0.8, 0.9, 60_000, 0);
        engine.onSignal(T0, "a-1", SignalType.LATENCY, 0.9, 1.0, 30_000, 0);
        final long now = T0 + 6 * SECOND_NS;

        score(now, "default", "a-1");

        final double load = 0.5 + (0.2 - 0.5) * 0.9 * Math.exp(-3 * 6.0 / 60.0);
        final double latency = 0.5 + (0.9 - 0.5) * Math.exp(-3 * 6.0 / 30.0);
        assertEquals(load, result.typeScore(0, SignalType.LOAD), EPSILON);
        assertEquals(latency, result.typeScore(0, SignalType.LATENCY), EPSILON);
        final double routing = (0.25 * load + 0.20 * 0.5 + 0.20 * 0.5 + 0.10 * 0.5 + 0.10 * latency + 0.15 * 0.5);
        assertEquals(routing, result.score(0), EPSILON);
    }

    @Test
    void shouldUseDefaultProfileWhenNoneIsNamed()
    {
        engine.onSignal(T0, "a-1", SignalType.LOAD, 0.8, 1.0, 60_000, 0);

        request.reset().addAgent("a-1");
        engine.scores(T0, request, result);

        assertEquals(0.5 + (0.2 - 0.5), result.typeScore(0, SignalType.LOAD), EPSILON);
    }

    @Test
    void shouldKeepSignalLiveWhileAgeEqualsTtl()
    {
        engine.onSignal(T0, "a-1", SignalType.COST, 0.6, 1.0, 10_000, 0);

        score(T0 + 10 * SECOND_NS, "reference", "a-1");
        assertEquals(0.6 * Math.exp(-1.0), result.typeScore(0, SignalType.COST), EPSILON);

        score(T0 + 10 * SECOND_NS + 1, "reference", "a-1");
        assertEquals(0.5, result.typeScore(0, SignalType.COST));
    }

    @Test
    void shouldScoreExpiredSignalAsNeutralUnderBothModels()
    {
        engine.onSignal(T0, "a-1", SignalType.LOAD, 1.0, 1.0, 1_000, 0);
        final long later = T0 + 2 * SECOND_NS;

        score(later, "reference", "a-1");
        assertEquals(0.5, result.typeScore(0, SignalType.LOAD));

        score(later, "default", "a-1");
        assertEquals(0.5, result.typeScore(0, SignalType.LOAD));
    }

    @Test
    void shouldIgnoreLatencyUnderTheReferenceProfile()
    {
        engine.onSignal(T0, "a-1", SignalType.LATENCY, 1.0, 1.0, 60_000, 0);
        engine.onSignal(T0, "a-2", SignalType.LATENCY, 0.0, 1.0, 60_000, 0);

        score(T0, "reference", "a-1", "a-2");

        assertEquals(result.score(0), result.score(1), EPSILON);
    }

    @Test
    void shouldNormaliseWeightsThatDoNotSumToOne()
    {
        engine.onSignal(T0, "a-1", SignalType.QUALITY, 1.0, 1.0, 60_000, 0);
        final double[] weights = new double[SignalType.COUNT];
        weights[SignalType.QUALITY.id()] = 3.0;
        weights[SignalType.COST.id()] = 1.0;

        request.reset().addAgent("a-1").profile("reference").weights(weights);
        assertNull(engine.scores(T0, request, result));

        assertEquals((3.0 * 1.0 + 1.0 * 0.5) / 4.0, result.score(0), EPSILON);
    }

    @Test
    void shouldKeepProfileModelWhenInlineWeightsReplaceItsWeights()
    {
        engine.onSignal(T0, "a-1", SignalType.QUALITY, 0.9, 1.0, 60_000, 0);
        final long now = T0 + 30 * SECOND_NS;

        request.reset().addAgent("a-1").profile("reference").weight(SignalType.QUALITY, 1.0);
        engine.scores(now, request, result);
        assertEquals(0.9 * Math.exp(-0.5), result.score(0), EPSILON);

        request.reset().addAgent("a-1").profile("default").weight(SignalType.QUALITY, 1.0);
        engine.scores(now, request, result);
        assertEquals(0.5 + 0.4 * Math.exp(-1.5), result.score(0), EPSILON);
    }

    @Test
    void shouldClampAgeAtZeroWhenTimeGoesBackwards()
    {
        engine.onSignal(T0, "a-1", SignalType.CAPACITY, 0.8, 1.0, 60_000, 0);

        score(T0 - SECOND_NS, "reference", "a-1");

        assertEquals(0.8, result.typeScore(0, SignalType.CAPACITY), EPSILON);
    }

    @Test
    void shouldDecayWithinOneInTenToTheTwelveOfMathExp()
    {
        double worst = 0.0;
        for (int i = 0; i <= 3_000_000; i++)
        {
            final double x = i * 1e-6 + (i % 7) * 1.3e-9;
            worst = Math.max(worst, Math.abs(FastDecay.expNeg(x) - Math.exp(-x)));
        }

        assertTrue(worst <= 1e-12, "worst error " + worst);
    }

    @Test
    void shouldDecayLiveSignalsExactlyAsTheCheckedPath()
    {
        for (int i = 0; i <= 300_000; i++)
        {
            final double x = i * 1e-5;
            assertEquals(FastDecay.expNeg(x), FastDecay.expNegLive(x), "x=" + x);
        }
        assertEquals(FastDecay.expNeg(3.0000000000000004), FastDecay.expNegLive(3.0000000000000004), 1e-15);
    }

    @Test
    void shouldDecayTimesThreeWithTheBitsOfTheNeutralModelsDecay()
    {
        final java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 1_000_000; i++)
        {
            final double x = i < 500_000 ? i / 500_000.0 : random.nextDouble(0.0, 1.0000000000000002);
            assertEquals(
                Double.doubleToRawLongBits(FastDecay.expNegLive(3.0 * x)),
                Double.doubleToRawLongBits(FastDecay.expNegLiveTimesThree(x)),
                "seed 3, x=" + x);
        }
        assertEquals(FastDecay.expNegLive(3.0 * Math.nextUp(1.0)), FastDecay.expNegLiveTimesThree(Math.nextUp(1.0)));
    }

    @Test
    void shouldConvertCountsToDoublesExactlyAsACastDoes()
    {
        final java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int i = 0; i < 1_000_000; i++)
        {
            final long n = i < 10_000 ? i : random.nextLong(1L << (1 + random.nextInt(52)));
            assertEquals(Double.doubleToRawLongBits((double) n), Double.doubleToRawLongBits(FastDecay.toDouble(n)),
                "seed 5, n=" + n);
        }
        assertEquals((double) ((1L << 52) - 1), FastDecay.toDouble((1L << 52) - 1));
    }

    @Test
    void shouldComputeInFlightFactorsForLargeCountsFromDigitTables()
    {
        final ProfileTable profiles = new ProfileTable(0, 1);
        for (long n = 0; n < 3_000_000; n = n * 3 / 2 + 1)
        {
            final double exact = Math.pow(0.98, n);
            assertEquals(exact, profiles.inFlightFactor(ProfileTable.DEFAULT_PROFILE, n), exact * 1e-13, "n=" + n);
            assertTrue(profiles.inFlightFactor(ProfileTable.DEFAULT_PROFILE, n + 1) <
                profiles.inFlightFactor(ProfileTable.DEFAULT_PROFILE, n) || exact == 0.0, "n=" + n);
        }
        assertEquals(1.0, profiles.inFlightFactor(ProfileTable.REFERENCE_PROFILE, 123_456_789L));
    }

    @Test
    void shouldDecayOverAWideRangeWithSmallRelativeError()
    {
        for (double x = 0.0; x < 700.0; x += 0.37)
        {
            final double exact = Math.exp(-x);
            assertEquals(exact, FastDecay.expNegWide(x), exact * 1e-13, "x=" + x);
        }
        assertEquals(0.0, FastDecay.expNegWide(800.0));
        assertEquals(1.0, FastDecay.expNeg(-1.0));
    }

    private void score(final long nowNs, final String profile, final String... agents)
    {
        request.reset().profile(profile);
        for (final String agent : agents)
        {
            request.addAgent(agent);
        }
        assertNull(engine.scores(nowNs, request, result));
    }
}
