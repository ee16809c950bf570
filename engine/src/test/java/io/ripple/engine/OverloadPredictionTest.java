package io.ripple.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverloadPredictionTest
{
    private static final long MS_NS = 1_000_000L;
    private static final long T0 = 1_000 * MS_NS;

    private final CoordinationEngine engine = new CoordinationEngine();
    private final OverloadPrediction prediction = new OverloadPrediction();

    @Test
    void shouldNotPredictOverloadFromFewerThanThreeLoadSignals()
    {
        load(T0, 0.9);
        load(T0 + MS_NS, 0.95);

        assertNull(engine.predictOverload(T0, "a-0", 60_000, 0.8, prediction));

        assertFalse(prediction.willOverload());
        assertEquals(0.0, prediction.probability());
        assertEquals(2, prediction.sampleCount());
    }

    @Test
    void shouldNotPredictOverloadForAnUnknownAgent()
    {
        assertNull(engine.predictOverload(T0, "ghost", 60_000, 0.8, prediction));

        assertFalse(prediction.willOverload());
        assertEquals(0.0, prediction.probability());
        assertEquals(1, engine.metrics().predictions());
    }

    @Test
    void shouldExtrapolateARisingTrendAndClampToOne()
    {
        load(T0, 0.5);
        load(T0 + 1_000 * MS_NS, 0.6);
        load(T0 + 2_000 * MS_NS, 0.7);

        engine.predictOverload(T0, "a-0", 1_000, 0.75, prediction);
        assertTrue(prediction.willOverload());
        assertEquals(0.8, prediction.probability(), 1e-12);

        engine.predictOverload(T0, "a-0", 60_000, 0.75, prediction);
        assertEquals(1.0, prediction.probability());
    }

    @Test
    void shouldClampAFallingTrendToZero()
    {
        load(T0, 0.5);
        load(T0 + 1_000 * MS_NS, 0.4);
        load(T0 + 2_000 * MS_NS, 0.3);

        engine.predictOverload(T0, "a-0", 60_000, 0.8, prediction);

        assertFalse(prediction.willOverload());
        assertEquals(0.0, prediction.probability());
    }

    @Test
    void shouldAnswerLastValueWhenAllSignalsShareOneTimestamp()
    {
        load(T0, 0.2);
        load(T0, 0.95);
        load(T0, 0.85);

        engine.predictOverload(T0, "a-0", 60_000, 0.8, prediction);

        assertTrue(prediction.willOverload());
        assertEquals(0.85, prediction.probability());
    }

    @Test
    void shouldUseTheEarliestTenOfSignalsTiedAtTheBoundaryAsTheReferenceDoes()
    {
        for (int i = 0; i < 12; i++)
        {
            load(T0, i / 20.0);
        }

        engine.predictOverload(T0, "a-0", 60_000, 0.8, prediction);

        assertEquals(10, prediction.sampleCount());
        assertEquals(9 / 20.0, prediction.probability());
    }

    @Test
    void shouldCountTheSamplesFittedWhenATieAtTheTenthNeedsTheFullWalk()
    {
        // given
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().overloadWarnings(false), null);
        engine.onSignal(T0, "a", SignalType.LOAD, 0.1, 1.0, 60_000, 0);
        engine.onSignal(T0, "a", SignalType.LOAD, 0.2, 1.0, 60_000, 0);
        for (int i = 1; i <= 9; i++)
        {
            engine.onSignal(T0 + i * MS_NS, "a", SignalType.LOAD, 0.2 + i / 100.0, 1.0, 60_000, 0);
        }

        // when
        engine.predictOverload(T0 + 9 * MS_NS, "a", 1, 0.8, prediction);

        // then
        assertEquals(10, prediction.sampleCount());
    }

    @Test
    void shouldFitOnlyTheLastTenLoadSignals()
    {
        for (int i = 0; i < 5; i++)
        {
            load(T0 + i * MS_NS, 1.0);
        }
        for (int i = 5; i < 15; i++)
        {
            load(T0 + i * MS_NS, 0.1);
        }

        engine.predictOverload(T0, "a-0", 60_000, 0.8, prediction);

        assertEquals(0.1, prediction.probability(), 1e-12);
    }

    @Test
    void shouldIgnoreOtherSignalTypesAndLoadSignalsThatLeftTheHistory()
    {
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().historySize(6), null);
        for (int i = 0; i < 3; i++)
        {
            engine.onSignal(T0 + i * MS_NS, "a-0", SignalType.LOAD, 0.9, 1.0, 60_000, 0);
        }
        for (int i = 3; i < 6; i++)
        {
            engine.onSignal(T0 + i * MS_NS, "a-0", SignalType.COST, 0.1, 1.0, 60_000, 0);
        }

        engine.predictOverload(T0, "a-0", 60_000, 0.8, prediction);
        assertEquals(3, prediction.sampleCount());

        engine.onSignal(T0 + 6 * MS_NS, "a-0", SignalType.COST, 0.1, 1.0, 60_000, 0);
        engine.predictOverload(T0, "a-0", 60_000, 0.8, prediction);
        assertEquals(2, prediction.sampleCount());
        assertEquals(0.0, prediction.probability());
    }

    @Test
    void shouldRejectNonPositiveHorizon()
    {
        assertEquals(ErrorCode.INVALID_HORIZON, engine.predictOverload(T0, "a-0", 0, 0.8, prediction));
        assertEquals(ErrorCode.INVALID_HORIZON, engine.predictOverload(T0, "a-0", -5, 0.8, prediction));
    }

    @Test
    void shouldRejectThresholdOutsideZeroToOne()
    {
        assertEquals(ErrorCode.INVALID_THRESHOLD, engine.predictOverload(T0, "a-0", 1, Double.NaN, prediction));
        assertEquals(ErrorCode.INVALID_THRESHOLD, engine.predictOverload(T0, "a-0", 1, 1.01, prediction));
        assertEquals(ErrorCode.INVALID_THRESHOLD, engine.predictOverload(T0, "a-0", 1, -0.01, prediction));
        assertEquals(ErrorCode.INVALID_THRESHOLD,
            engine.predictOverload(T0, "a-0", 1, Double.POSITIVE_INFINITY, prediction));
    }

    @Test
    void shouldRejectPredictionForInvalidAgentId()
    {
        assertEquals(ErrorCode.INVALID_AGENT_ID, engine.predictOverload(T0, "", 1, 0.5, prediction));
    }

    @Test
    void shouldMatchAReferenceImplementationForRandomHistoriesWithTiesAndTimeGoingBackwards()
    {
        final SplittableRandom random = new SplittableRandom(42);
        for (int trial = 0; trial < 400; trial++)
        {
            final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().historySize(30), null);
            final List<long[]> history = new ArrayList<>();
            final boolean backwards = trial % 2 == 1;
            long time = T0;
            final int signals = random.nextInt(1, 60);
            for (int i = 0; i < signals; i++)
            {
                time += backwards ? random.nextLong(-3, 4) * MS_NS : random.nextLong(0, 3) * MS_NS;
                final SignalType type = random.nextInt(3) == 0 ? SignalType.QUALITY : SignalType.LOAD;
                final double value = random.nextInt(101) / 100.0;
                engine.onSignal(time, "a", type, value, 1.0, 60_000, 0);
                history.add(new long[]{ time, type.id(), Double.doubleToLongBits(value) });
                if (history.size() > 30)
                {
                    history.remove(0);
                }
            }

            final long horizonMs = random.nextLong(1, 20_000);
            final double threshold = random.nextInt(101) / 100.0;
            engine.predictOverload(time, "a", horizonMs, threshold, prediction);

            final double[] expected = referencePrediction(history, horizonMs, threshold);
            assertEquals(expected[0] == 1.0, prediction.willOverload(), "trial " + trial);
            assertEquals(expected[1], prediction.probability(), 1e-9, "trial " + trial);
        }
    }

    /**
     * The reference service's algorithm, written out plainly: stable sort newest first, keep ten, stable sort
     * oldest first, least squares in seconds.
     */
    private static double[] referencePrediction(
        final List<long[]> history, final long horizonMs, final double threshold)
    {
        final List<long[]> loads = new ArrayList<>();
        for (final long[] entry : history)
        {
            if (entry[1] == SignalType.LOAD.id())
            {
                loads.add(entry);
            }
        }
        loads.sort(Comparator.comparingLong((long[] entry) -> entry[0]).reversed());
        final List<long[]> recent = new ArrayList<>(loads.subList(0, Math.min(10, loads.size())));
        if (recent.size() < 3)
        {
            return new double[]{ 0.0, 0.0 };
        }
        recent.sort(Comparator.comparingLong((long[] entry) -> entry[0]));

        final int n = recent.size();
        final double[] xs = new double[n];
        final double[] ys = new double[n];
        for (int i = 0; i < n; i++)
        {
            xs[i] = (recent.get(i)[0] - recent.get(0)[0]) / 1e9;
            ys[i] = Double.longBitsToDouble(recent.get(i)[2]);
        }
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++)
        {
            meanX += xs[i] / n;
            meanY += ys[i] / n;
        }
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < n; i++)
        {
            numerator += (xs[i] - meanX) * (ys[i] - meanY);
            denominator += (xs[i] - meanX) * (xs[i] - meanX);
        }
        if (denominator == 0)
        {
            final double last = ys[n - 1];
            return new double[]{ last > threshold ? 1.0 : 0.0, last };
        }
        final double predicted = Math.max(0.0, Math.min(1.0,
            numerator / denominator * (xs[n - 1] + horizonMs / 1000.0 - meanX) + meanY));
        return new double[]{ predicted > threshold ? 1.0 : 0.0, predicted };
    }

    private void load(final long timestampNs, final double value)
    {
        assertNull(engine.onSignal(timestampNs, "a-0", SignalType.LOAD, value, 1.0, 60_000, 0));
    }
}
