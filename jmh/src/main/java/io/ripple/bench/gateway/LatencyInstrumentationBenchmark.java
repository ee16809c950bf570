package io.ripple.bench.gateway;

import io.ripple.gateway.GatewayCounters;
import org.HdrHistogram.SingleWriterRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The price of the server's two latency summaries (engine service time, ingress to egress) per client request, which
 * {@code ServerPathBenchmark} leaves out. Four of the clock reads the server makes for a request exist only for the
 * summaries: the stamp taken when the ingress claims the request's ring slot, the engine stage's two around the
 * dispatch and the egress stage's after the answer is sent (the egress stage's first read drives its timeouts and
 * would stay without them). Each summary then records one value into a recorder made as the server makes them.
 * <p>
 * {@link #clockRead()} is one {@link System#nanoTime()} on its own; {@link #summariesPerRequest()} is the whole
 * added work: four reads and two recordings.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LatencyInstrumentationBenchmark
{
    private final SingleWriterRecorder engineServiceTimeNs = GatewayCounters.newLatencyRecorder();
    private final SingleWriterRecorder ingressToEgressNs = GatewayCounters.newLatencyRecorder();

    /**
     * One read of the monotonic clock.
     *
     * @return the time read.
     */
    @Benchmark
    public long clockRead()
    {
        return System.nanoTime();
    }

    /**
     * What the summaries add to one request: the ingress stamp, the engine stage's reads around a dispatch and its
     * recording, the egress stage's read after the answer and its recording.
     *
     * @return the last time read.
     */
    @Benchmark
    public long summariesPerRequest()
    {
        final long ingressNs = System.nanoTime();
        final long startNs = System.nanoTime();
        GatewayCounters.record(engineServiceTimeNs, System.nanoTime() - startNs);
        final long sentNs = System.nanoTime();
        GatewayCounters.record(ingressToEgressNs, sentNs - ingressNs);
        return sentNs;
    }
}
