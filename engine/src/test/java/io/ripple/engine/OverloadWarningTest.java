package io.ripple.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OverloadWarningTest
{
    private static final long MS_NS = 1_000_000L;
    private static final long T0 = 1_000 * MS_NS;

    private final List<String> warnings = new ArrayList<>();
    private final EngineListener listener =
        (timestampNs, agentId, predictedLoad, threshold) ->
            warnings.add(agentId + "@" + timestampNs + ":" + predictedLoad + ">" + threshold);

    @Test
    void shouldWarnOnceWhenPredictionCrossesTheThreshold()
    {
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig(), listener);

        load(engine, 0, 0.5);
        load(engine, 1, 0.6);
        load(engine, 2, 0.7);
        load(engine, 3, 0.8);
        load(engine, 4, 0.9);

        assertEquals(1, warnings.size());
        assertEquals("a-0@" + (T0 + 2 * MS_NS) + ":1.0>0.8", warnings.get(0));
        assertEquals(1, engine.metrics().warnings());
    }

    @Test
    void shouldWarnAgainAfterThePredictionFallsBackBelowTheThreshold()
    {
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig(), listener);
        load(engine, 0, 0.5);
        load(engine, 1, 0.6);
        load(engine, 2, 0.7);

        load(engine, 3, 0.1);
        load(engine, 4, 0.05);
        load(engine, 5, 0.9);
        load(engine, 6, 1.0);
        load(engine, 7, 1.0);

        assertEquals(2, warnings.size());
        assertEquals(2, engine.metrics().warnings());
    }

    @Test
    void shouldNotWarnWhenWarningsAreDisabled()
    {
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().overloadWarnings(false), listener);

        for (int i = 0; i < 5; i++)
        {
            load(engine, i, 0.5 + i * 0.1);
        }

        assertEquals(0, warnings.size());
    }

    @Test
    void shouldUseTheConfiguredHorizonAndThreshold()
    {
        final EngineConfig config = new EngineConfig().warningHorizonMs(1).warningThreshold(0.95);
        final CoordinationEngine engine = new CoordinationEngine(config, listener);

        load(engine, 0, 0.5);
        load(engine, 1000, 0.6);
        load(engine, 2000, 0.7);
        load(engine, 3000, 0.96);

        assertEquals(0, warnings.size());

        load(engine, 4000, 0.99);
        assertEquals(1, warnings.size());
    }

    @Test
    void shouldNotCountWarningChecksAsPredictions()
    {
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig(), listener);

        for (int i = 0; i < 5; i++)
        {
            load(engine, i, 0.5);
        }

        assertEquals(0, engine.metrics().predictions());
    }

    private static void load(final CoordinationEngine engine, final long offsetMs, final double value)
    {
        engine.onSignal(T0 + offsetMs * MS_NS, "a-0", SignalType.LOAD, value, 1.0, 60_000, 0);
    }
}
