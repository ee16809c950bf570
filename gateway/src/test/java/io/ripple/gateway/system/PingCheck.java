package io.ripple.gateway.system;

import io.ripple.codecs.SignalType;
import io.ripple.gateway.client.RippleClient;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class PingCheck
{
    @TempDir
    Path dir;

    @Test
    void ping() throws Exception
    {
        final long spin = Long.getLong("spin", 0);
        final long yield = Long.getLong("yield", 0);
        final long park = Long.getLong("park", 1_000_000);
        try (TestCluster cluster = new TestCluster(dir).start((c) -> c.ringBackoff(spin, yield).ringThreads(Integer.getInteger("threads", 1))
            .ingressIdleStrategy(() -> new BackoffIdleStrategy(64, Long.getLong("yields", 16), 1000, park))))
        {
            final RippleClient router = cluster.connect(cluster.context("router")
                .idleStrategy(() -> new org.agrona.concurrent.YieldingIdleStrategy()));
            final RippleClient agent = cluster.connect(cluster.context("fleet-a")
                .idleStrategy(() -> new org.agrona.concurrent.YieldingIdleStrategy()));
            System.out.println("PING spin " + spin + " yield " + yield + " park " + park);
            for (int round = 0; round < 3; round++)
            {
                final Histogram select = new Histogram(3);
                final Histogram ack = new Histogram(3);
                for (int i = 0; i < 5000; i++)
                {
                    long start = System.nanoTime();
                    router.select(router.selectRequest().candidate("a-1").candidate("a-2"));
                    select.recordValue(System.nanoTime() - start);
                    start = System.nanoTime();
                    agent.signalAndAwaitAck("a-1", SignalType.LOAD, 0.5, 1.0, 10_000);
                    ack.recordValue(System.nanoTime() - start);
                }
                System.out.println("PING select p50 " + select.getValueAtPercentile(50) / 1000 + " p99 " +
                    select.getValueAtPercentile(99) / 1000 + " | ack p50 " + ack.getValueAtPercentile(50) / 1000 +
                    " p99 " + ack.getValueAtPercentile(99) / 1000);
            }
        }
    }
}
