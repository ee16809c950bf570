package io.ripple.gateway.system;

import io.ripple.codecs.ErrorCode;
import io.ripple.codecs.ErrorDecoder;
import io.ripple.codecs.SignalType;
import io.ripple.gateway.client.RippleClient;
import io.ripple.gateway.client.RippleClientListener;
import io.ripple.gateway.client.RippleException;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session sending above {@code limits.session-rate} gets {@code RATE_LIMITED} for what is above the rate, and
 * nothing it was refused reaches the engine, while another session is served as usual.
 */
class SessionRateLimitSystemTest
{
    private static final int RATE = 500;
    private static final int FLOOD_SIGNALS = 3_000;
    private static final long SLOW_ACK_NS = TimeUnit.SECONDS.toNanos(2);
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path journalDir;

    @Test
    void shouldRateLimitAFloodingSessionWhileServingAnother() throws Exception
    {
        // given a server limiting each session to 500 messages/s
        final LongArrayList rateLimited = new LongArrayList();
        final int[] otherErrors = new int[1];
        try (TestCluster cluster = new TestCluster(journalDir).start(
            (config) -> config.sessionRate(RATE).maxBatchSize(16)))
        {
            final RippleClient flooder = cluster.connect("fleet-a", new RippleClientListener()
            {
                public void onError(final ErrorDecoder error)
                {
                    if (ErrorCode.RATE_LIMITED == error.code())
                    {
                        rateLimited.addLong(error.correlationId());
                    }
                    else
                    {
                        otherErrors[0]++;
                    }
                }
            });
            final RippleClient neighbour = cluster.connect("fleet-b");
            final RippleClient router = cluster.connect("router");
            final long firstCorrelationId = flooder.signal("a-f0", SignalType.LOAD, 0.5, 1.0, 60_000);

            // when one session floods while the other signals at its own pace
            long slowestNeighbourAckNs = 0;
            for (int i = 1; i < FLOOD_SIGNALS; i++)
            {
                flooder.signal("a-f" + i, SignalType.LOAD, 0.5, 1.0, 60_000);
                flooder.poll();
                if (0 == i % 300)
                {
                    final long startNs = System.nanoTime();
                    neighbour.signalAndAwaitAck("b-" + i, SignalType.LOAD, 0.5, 1.0, 60_000);
                    slowestNeighbourAckNs = Math.max(slowestNeighbourAckNs, System.nanoTime() - startNs);
                }
            }
            final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
            while (rateLimited.size() + otherErrors[0] + flooder.messagesJournaled() < FLOOD_SIGNALS)
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, "timed out waiting for every flood signal's answer");
                if (0 == flooder.poll())
                {
                    TimeUnit.MILLISECONDS.sleep(1);
                }
            }

            // then the flood above the rate is refused with RATE_LIMITED and counted, the rest journaled
            assertEquals(0, otherErrors[0]);
            assertTrue(rateLimited.size() > FLOOD_SIGNALS / 2, "only " + rateLimited.size() + " refused");
            assertTrue(flooder.messagesJournaled() >= RATE, "journaled " + flooder.messagesJournaled());
            assertEquals(rateLimited.size(), cluster.server().counters().rejections(ErrorCode.RATE_LIMITED.value()));

            // then the neighbour was served in normal time and never limited
            assertTrue(slowestNeighbourAckNs < SLOW_ACK_NS, "slowest neighbour ack " + slowestNeighbourAckNs + " ns");
            assertEquals((FLOOD_SIGNALS - 1) / 300, neighbour.messagesJournaled());

            // then no refused signal reached the engine
            for (int i = 0; i < 5; i++)
            {
                final String agentId = "a-f" + (rateLimited.getLong(i) - firstCorrelationId);
                final RippleException unknown = assertThrows(RippleException.class,
                    () -> router.agentState(agentId, ""));
                assertEquals(ErrorCode.UNKNOWN_AGENT, unknown.code(), agentId);
            }
        }
    }
}
