package io.ripple.engine;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Checks that the steady-state paths allocate nothing, using the JVM's per-thread allocation counter.
 */
class AllocationTest
{
    private static final long MS_NS = 1_000_000L;

    @Test
    void shouldNotAllocateOnSignalsSelectionsScoresStateAndPredictionsOnceWarm()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().historySize(16), null);
        final String[] ids = new String[200];
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = "agent-" + i;
            engine.joinPool(0, ids[i], i % 2 == 0 ? "even" : "odd");
        }
        final SelectRequest list = new SelectRequest();
        for (int i = 0; i < 100; i++)
        {
            list.addCandidate(ids[i * 2]);
        }
        final SelectRequest pool = new SelectRequest().pool("odd").k(3).profile("reference");
        final SelectionResult selection = new SelectionResult();
        final ScoresRequest scores = new ScoresRequest().addAgent(ids[3]).addAgent("unknown").profile("reference");
        final ScoresResult scored = new ScoresResult();
        final AgentStateView state = new AgentStateView();
        final OverloadPrediction prediction = new OverloadPrediction();

        long now = 1_000 * MS_NS;
        for (int round = 0; round < 3; round++)
        {
            final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 20_000; i++)
            {
                now += MS_NS;
                final String id = ids[i % ids.length];
                engine.onSignal(now, id, SignalType.get(i % SignalType.COUNT), (i % 97) / 100.0, 0.9, 60_000, i);
                engine.onSignal(now, id, SignalType.LOAD.id(), (i % 89) / 100.0, 1.0, 60_000, i);
                engine.onSignal(now, id, SignalType.LOAD, Double.NaN, 1.0, 60_000, i);
                engine.select(now, list, selection);
                engine.select(now, pool, selection);
                engine.scores(now, scores, scored);
                engine.agentState(now, id, state);
                engine.predictOverload(now, id, 60_000, 0.8, prediction);
                engine.onTimer(now);
            }
            final long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

            if (round == 2)
            {
                assertEquals(0, allocated, "bytes allocated in the last round");
            }
        }
    }
}
