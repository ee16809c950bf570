package io.ripple.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The engine predicts from a LOAD ring kept beside each agent's history; these tests check that its answers are the
 * same bits as the predictor's walk over the whole history ring, as LOAD signals leave the history, after a
 * snapshot restore and when a dormant slot is reclaimed by another agent.
 */
class LoadRingPredictionTest
{
    private static final long MS_NS = 1_000_000L;
    private static final long T0 = 1_000 * MS_NS;

    private final OverloadPrediction prediction = new OverloadPrediction();
    private final OverloadPredictor historyPredictor = new OverloadPredictor();

    @Test
    void shouldPredictTheSameBitsAsTheWalkOverTheWholeHistory()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++)
        {
            // given
            final int historySize = random.nextInt(1, 40);
            CoordinationEngine engine = new CoordinationEngine(new EngineConfig().historySize(historySize), null);
            final List<long[]> history = new ArrayList<>();
            long time = T0;
            final int signals = random.nextInt(1, 120);
            final int restoreAt = random.nextInt(signals);
            for (int i = 0; i < signals; i++)
            {
                time += random.nextInt(4) == 0 ? 0 : random.nextLong(1, 2_000) * MS_NS;
                final SignalType type = SignalType.get(random.nextInt(4) == 0 ? 0 : random.nextInt(SignalType.COUNT));
                final double value = random.nextInt(101) / 100.0;
                assertNull(engine.onSignal(time, "a", type, value, 1.0, 60_000, 0));
                history.add(new long[]{ time, type.id(), Double.doubleToRawLongBits(value) });
                if (history.size() > historySize)
                {
                    history.remove(0);
                }

                if (i == restoreAt)
                {
                    engine = restore(engine);
                }

                // when
                final long horizonMs = random.nextLong(1, 120_000);
                final double threshold = random.nextInt(101) / 100.0;
                engine.predictOverload(time, "a", horizonMs, threshold, prediction);

                // then
                predictFromHistory(history, horizonMs, threshold);
                final String context = "seed 7, trial " + trial + ", signal " + i + ", history " + historySize;
                assertEquals(historyPredictor.sampleCount, prediction.sampleCount(), context);
                assertEquals(historyPredictor.willOverload, prediction.willOverload(), context);
                assertEquals(
                    Double.doubleToRawLongBits(historyPredictor.probability),
                    Double.doubleToRawLongBits(prediction.probability()),
                    context);
            }
        }
    }

    @Test
    void shouldNotUseTheLoadSignalsOfTheAgentWhoseDormantSlotWasReclaimed()
    {
        // given
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().agentCapacity(1), null);
        for (int i = 0; i < 5; i++)
        {
            assertNull(engine.onSignal(T0 + i * MS_NS, "old", SignalType.LOAD, 0.9, 1.0, 1, 0));
        }
        engine.sweepAll(T0 + 1_000 * MS_NS);

        // when
        assertNull(engine.onSignal(T0 + 1_001 * MS_NS, "new", SignalType.LOAD, 0.1, 1.0, 60_000, 0));
        assertNull(engine.onSignal(T0 + 1_002 * MS_NS, "new", SignalType.LOAD, 0.2, 1.0, 60_000, 0));
        engine.predictOverload(T0 + 1_002 * MS_NS, "new", 60_000, 0.8, prediction);

        // then
        assertEquals(2, prediction.sampleCount());
        assertEquals(0.0, prediction.probability());
    }

    private void predictFromHistory(final List<long[]> entries, final long horizonMs, final double threshold)
    {
        final int count = entries.size();
        final long[] ring = HistoryRing.allocate(count);
        assertEquals(count, HistoryRing.entries(ring));
        for (int i = 0; i < count; i++)
        {
            final long[] entry = entries.get(i);
            ring[i * HistoryRing.ENTRY_LONGS] = entry[0];
            ring[i * HistoryRing.ENTRY_LONGS + HistoryRing.VALUE] = entry[2];
            HistoryRing.setType(ring, count, i, (int) entry[1]);
        }

        historyPredictor.predict(ring, 0, count, true, horizonMs, threshold);
    }

    private static CoordinationEngine restore(final CoordinationEngine engine)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[engine.snapshotLength()]);
        final int length = engine.writeSnapshot(buffer, 0);

        return CoordinationEngine.fromSnapshot(buffer, 0, length, null);
    }
}
