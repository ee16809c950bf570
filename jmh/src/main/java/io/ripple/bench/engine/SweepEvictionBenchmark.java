package io.ripple.bench.engine;

import io.ripple.engine.CoordinationEngine;
import io.ripple.engine.EngineConfig;
import io.ripple.engine.SignalType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The worst timer event: all of the 1,024 agent slots it examines hold agents whose six signals have just expired,
 * so it expires 6,144 signals and evicts 1,024 agents.
 * <p>
 * Each measurement needs a fresh set of expired agents, so this is a single-shot benchmark with a set-up before every
 * shot; run it on its own, without {@code -wi}/{@code -i} on the command line, so that the annotations' hundreds of
 * warm-up and measured shots apply.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2000)
@Measurement(iterations = 2000)
@Fork(1)
public class SweepEvictionBenchmark
{
    private static final int AGENT_COUNT = 1024;
    private static final long SHORT_TTL_MS = 1;
    private static final long EXPIRED_AFTER_NS = TimeUnit.SECONDS.toNanos(1);

    private CoordinationEngine engine;
    private String[] agentIds;
    private double[] values;
    private long timestampNs;

    /**
     * Build an engine holding exactly the agents one timer event examines.
     */
    @Setup(Level.Trial)
    public void setUpTrial()
    {
        engine = EngineFixture.newEngine(new EngineConfig().agentCapacity(AGENT_COUNT).sweepBudget(AGENT_COUNT));
        agentIds = EngineFixture.agentIds(AGENT_COUNT);
        values = EngineFixture.values();
        timestampNs = EngineFixture.publish(engine, agentIds, SignalType.COUNT, EngineFixture.START_NS);
    }

    /**
     * Give every agent six fresh short-lived signals, which will have expired when the shot runs.
     */
    @Setup(Level.Iteration)
    public void setUpShot()
    {
        int valueCursor = 0;
        for (final String agentId : agentIds)
        {
            for (final SignalType type : SignalType.values())
            {
                timestampNs += EngineFixture.STEP_NS;
                final double value = values[valueCursor++ & (EngineFixture.VALUE_COUNT - 1)];
                EngineFixture.check(engine.onSignal(timestampNs, agentId, type, value, 1.0, SHORT_TTL_MS, 0));
            }
        }
        timestampNs += EXPIRED_AFTER_NS;
    }

    /**
     * Run one timer event that expires and evicts everything it examines.
     *
     * @return the work done: signals expired plus agents evicted.
     */
    @Benchmark
    public int sweepEvictingEverything()
    {
        return engine.onTimer(timestampNs);
    }
}
