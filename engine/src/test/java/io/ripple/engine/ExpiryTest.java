package io.ripple.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpiryTest
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long T0 = 10 * SECOND_NS;

    private final AgentStateView view = new AgentStateView();
    private final OverloadPrediction prediction = new OverloadPrediction();

    @Test
    void shouldExpireSignalsAndEvictAgentsWithNoLiveSignal()
    {
        final CoordinationEngine engine = new CoordinationEngine();
        engine.onSignal(T0, "a-0", SignalType.LOAD, 0.5, 1.0, 1_000, 0);
        engine.onSignal(T0, "a-1", SignalType.LOAD, 0.5, 1.0, 1_000, 0);
        engine.onSignal(T0, "a-1", SignalType.COST, 0.5, 1.0, 60_000, 0);

        final int work = engine.onTimer(T0 + 2 * SECOND_NS);

        assertEquals(3, work);
        assertFalse(engine.isTracked("a-0"));
        assertTrue(engine.isTracked("a-1"));
        assertEquals(2, engine.metrics().expirations());
        assertEquals(1, engine.metrics().evictions());
        assertEquals(1, engine.metrics().agentsTracked());
        engine.agentState(T0 + 2 * SECOND_NS, "a-1", view);
        assertFalse(view.hasSignal(SignalType.LOAD));
        assertTrue(view.hasSignal(SignalType.COST));
    }

    @Test
    void shouldKeepSignalsThatAreStillLive()
    {
        final CoordinationEngine engine = new CoordinationEngine();
        engine.onSignal(T0, "a-0", SignalType.LOAD, 0.5, 1.0, 1_000, 0);

        assertEquals(0, engine.onTimer(T0 + SECOND_NS));

        assertTrue(engine.isTracked("a-0"));
        assertEquals(0, engine.metrics().expirations());
    }

    @Test
    void shouldNotEvictPoolMembers()
    {
        final CoordinationEngine engine = new CoordinationEngine();
        engine.onSignal(T0, "a-0", SignalType.LOAD, 0.5, 1.0, 1_000, 0);
        engine.joinPool(T0, "a-0", "p");

        engine.onTimer(T0 + 5 * SECOND_NS);

        assertTrue(engine.isTracked("a-0"));
        assertEquals(1, engine.metrics().expirations());
        assertEquals(0, engine.metrics().evictions());
    }

    @Test
    void shouldEvictRegisteredAgentWithoutSignalsOrPools()
    {
        final CoordinationEngine engine = new CoordinationEngine();
        engine.registerAgent(T0, "a-0");

        engine.onTimer(T0);

        assertFalse(engine.isTracked("a-0"));
        assertEquals(0, engine.metrics().agentsDormant());
    }

    @Test
    void shouldExamineAtMostTheSweepBudgetPerTimerEvent()
    {
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().sweepBudget(2), null);
        for (int i = 0; i < 5; i++)
        {
            engine.onSignal(T0, "a-" + i, SignalType.LOAD, 0.5, 1.0, 1_000, 0);
        }
        final long later = T0 + 5 * SECOND_NS;

        engine.onTimer(later);
        assertEquals(3, engine.agentCount());

        engine.onTimer(later);
        assertEquals(1, engine.agentCount());

        engine.onTimer(later);
        assertEquals(0, engine.agentCount());
        assertEquals(5, engine.metrics().evictions());
    }

    @Test
    void shouldSweepEverySlotWithSweepAll()
    {
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().sweepBudget(3), null);
        for (int i = 0; i < 10; i++)
        {
            engine.onSignal(T0, "a-" + i, SignalType.LOAD, 0.5, 1.0, 1_000, 0);
        }

        engine.sweepAll(T0 + 5 * SECOND_NS);

        assertEquals(0, engine.agentCount());
    }

    @Test
    void shouldKeepAnEvictedAgentsHistoryForPrediction()
    {
        final CoordinationEngine engine = new CoordinationEngine();
        for (int i = 0; i < 3; i++)
        {
            engine.onSignal(T0 + i * SECOND_NS, "a-0", SignalType.LOAD, 0.5 + 0.1 * i, 1.0, 1_000, 0);
        }
        engine.onTimer(T0 + 10 * SECOND_NS);
        assertFalse(engine.isTracked("a-0"));

        engine.predictOverload(T0 + 10 * SECOND_NS, "a-0", 1_000, 0.7, prediction);

        assertEquals(3, prediction.sampleCount());
        assertEquals(0.8, prediction.probability(), 1e-12);
        assertEquals(1, engine.metrics().agentsDormant());
        assertEquals(ErrorCode.UNKNOWN_AGENT, engine.agentState(T0, "a-0", view));
    }

    @Test
    void shouldReviveAnEvictedAgentWithItsHistory()
    {
        final CoordinationEngine engine = new CoordinationEngine();
        engine.onSignal(T0, "a-0", SignalType.LOAD, 0.5, 1.0, 1_000, 0);
        engine.onTimer(T0 + 10 * SECOND_NS);

        engine.onSignal(T0 + 11 * SECOND_NS, "a-0", SignalType.LOAD, 0.6, 1.0, 1_000, 0);

        assertNull(engine.agentState(T0 + 11 * SECOND_NS, "a-0", view));
        assertEquals(2, view.historySize());
        assertEquals(1, engine.metrics().agentsTracked());
        assertEquals(0, engine.metrics().agentsDormant());
    }

    @Test
    void shouldReuseTheOldestEvictedAgentsSlotWhenFull()
    {
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().agentCapacity(2), null);
        engine.onSignal(T0, "a-0", SignalType.LOAD, 0.5, 1.0, 1_000, 0);
        engine.onSignal(T0 + SECOND_NS, "a-1", SignalType.LOAD, 0.5, 1.0, 1_000, 0);
        engine.onTimer(T0 + 10 * SECOND_NS);
        assertEquals(2, engine.metrics().agentsDormant());

        assertNull(engine.onSignal(T0 + 11 * SECOND_NS, "a-2", SignalType.LOAD, 0.5, 1.0, 1_000, 0));

        engine.predictOverload(T0, "a-0", 1_000, 0.5, prediction);
        assertEquals(0, prediction.sampleCount());
        engine.predictOverload(T0, "a-1", 1_000, 0.5, prediction);
        assertEquals(1, prediction.sampleCount());
        assertNull(engine.agentState(T0 + 11 * SECOND_NS, "a-2", view));
        assertEquals(1, view.historySize());
    }

    @Test
    void shouldDropInFlightCountOnEviction()
    {
        final CoordinationEngine engine = new CoordinationEngine();
        engine.onSignal(T0, "a-0", SignalType.COST, 0.5, 1.0, 1_000, 0);
        final SelectRequest request = new SelectRequest().addCandidate("a-0");
        final SelectionResult result = new SelectionResult();
        engine.select(T0, request, result);
        engine.onTimer(T0 + 10 * SECOND_NS);

        engine.select(T0 + 10 * SECOND_NS, request, result);
        assertFalse(result.tracked(0));

        engine.onSignal(T0 + 11 * SECOND_NS, "a-0", SignalType.COST, 0.5, 1.0, 1_000, 0);
        engine.select(T0 + 11 * SECOND_NS, request, result);
        assertEquals(1, result.inFlight(0));
    }
}
