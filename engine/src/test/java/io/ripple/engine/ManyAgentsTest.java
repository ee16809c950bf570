package io.ripple.engine;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManyAgentsTest
{
    private static final int AGENTS = 1_000_000;
    private static final long ONE_GIB = 1L << 30;

    @Test
    void shouldHoldAMillionAgentsInLessThanOneGibibyteOfHeap()
    {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        final long before = memory.getHeapMemoryUsage().getUsed();
        final long startNs = System.nanoTime();

        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().agentCapacity(AGENTS), null);
        final StringBuilder id = new StringBuilder("agent-");
        for (int i = 0; i < AGENTS; i++)
        {
            id.setLength(6);
            id.append(i);
            assertNull(engine.onSignal(1_000_000_000L + i, id, SignalType.LOAD, (i % 100) / 100.0, 1.0, 300_000, 0));
        }

        id.setLength(6);
        id.append(AGENTS);
        assertEquals(ErrorCode.AGENT_CAPACITY_EXCEEDED,
            engine.onSignal(2_000_000_000L, id, SignalType.LOAD, 0.5, 1.0, 300_000, 0));

        final SelectRequest request = new SelectRequest();
        for (int i = 0; i < 100; i++)
        {
            request.addCandidate("agent-" + (i * 9_973));
        }
        final SelectionResult result = new SelectionResult();
        assertNull(engine.select(2_000_000_000L, request, result));
        assertEquals("agent-0", result.agentId(0).toString());

        System.gc();
        final long used = memory.getHeapMemoryUsage().getUsed() - before;
        final long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
        System.out.printf("1,000,000 agents: %d MiB of heap, %d ms to register%n", used >> 20, elapsedMs);
        assertEquals(AGENTS, engine.agentCount());
        assertTrue(used < ONE_GIB, "heap used " + used);
    }
}
