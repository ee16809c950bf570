package io.ripple.bench.engine;

import io.ripple.engine.CoordinationEngine;
import io.ripple.engine.SignalType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * One expiry timer event, as the server sends them, over 10,000 agents with all six signal types live: the engine
 * examines its budget of 1,024 agent slots (the default) and finds nothing to expire, the steady state of a healthy
 * fleet. {@link SweepEvictionBenchmark} measures the other extreme.
 */
@State(Scope.Thread)
@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SweepBenchmark
{
    private static final int AGENT_COUNT = 10_000;

    private CoordinationEngine engine;
    private long timestampNs;

    /**
     * Build the engine with every agent live.
     */
    @Setup
    public void setUp()
    {
        engine = EngineFixture.newEngine();
        timestampNs = EngineFixture.publish(
            engine, EngineFixture.agentIds(AGENT_COUNT), SignalType.COUNT, EngineFixture.START_NS);
    }

    /**
     * Run one timer event.
     *
     * @return the work the sweep did: 0 here.
     */
    @Benchmark
    public int sweepStep()
    {
        timestampNs += EngineFixture.STEP_NS;
        return engine.onTimer(timestampNs);
    }
}
