package io.ripple.gateway.system;

import io.ripple.codecs.SelectResultDecoder;
import io.ripple.codecs.SignalType;
import io.ripple.gateway.client.RippleClient;
import io.ripple.gateway.client.SelectRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Once warm, signalling and selecting allocate nothing: not on the client's thread, not on the server's ingress
 * and ring threads. Measured with the JVM's per-thread allocation counters.
 */
@Tag("slow")
class SteadyStateAllocationSystemTest
{
    private static final String[] AGENTS = { "a-0", "a-1", "a-2", "a-3", "a-4", "a-5", "a-6", "a-7" };

    @TempDir
    Path journalDir;

    @ParameterizedTest(name = "ring threads {0}")
    @ValueSource(ints = { 0, 1 })
    void shouldNotAllocateOnTheSignalAndSelectPaths(final int ringThreads) throws Exception
    {
        try (TestCluster cluster = new TestCluster(journalDir).start((config) -> config.ringThreads(ringThreads)))
        {
            final RippleClient agent = cluster.connect("fleet-a");
            final RippleClient router = cluster.connect("router");
            exercise(agent, router, 20_000);

            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            final long[] serverThreads = serverThreadIds();
            final long clientBefore = threads.getCurrentThreadAllocatedBytes();
            final long serverBefore = sum(threads.getThreadAllocatedBytes(serverThreads));

            exercise(agent, router, 20_000);

            final long clientBytes = threads.getCurrentThreadAllocatedBytes() - clientBefore;
            final long serverBytes = sum(threads.getThreadAllocatedBytes(serverThreads)) - serverBefore;
            assertTrue(clientBytes < 16 * 1024, "client thread allocated " + clientBytes + " bytes");
            assertTrue(serverBytes < 64 * 1024, "server threads allocated " + serverBytes + " bytes");
        }
    }

    private static void exercise(final RippleClient agent, final RippleClient router, final int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            final String id = AGENTS[i & 7];
            agent.signal(id, SignalType.LOAD, (i & 15) / 16.0, 1.0, 60_000);
            if (0 == (i & 7))
            {
                agent.awaitAck(agent.signal(id, SignalType.QUALITY, 0.5, 1.0, 60_000));
                final SelectRequest request = router.selectRequest().k(1);
                for (final String candidate : AGENTS)
                {
                    request.candidate(candidate);
                }
                final SelectResultDecoder result = router.select(request);
                result.selected().next().candidateIndex();
            }
        }
    }

    private static long[] serverThreadIds()
    {
        final List<Long> ids = new ArrayList<>();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if ("ripple-ingress".equals(thread.getName()) || "ripple-ring".equals(thread.getName()))
            {
                ids.add(thread.getId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long sum(final long[] values)
    {
        long total = 0;
        for (final long value : values)
        {
            total += Math.max(0, value);
        }
        return total;
    }
}
