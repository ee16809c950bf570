package io.ripple.bench.engine;

import io.ripple.engine.CoordinationEngine;
import io.ripple.engine.ErrorCode;
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
 * Apply one signal to an engine tracking 1,000 agents whose history rings are full: agents and types rotate, values
 * vary and time advances by a microsecond per signal, so every call is an update of a known agent that also enters
 * the history ring, and every sixth (a LOAD) resets the in-flight count and runs the overload check.
 */
@State(Scope.Thread)
@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SignalApplyBenchmark
{
    private static final int AGENT_COUNT = 1000;
    private static final SignalType[] TYPES = SignalType.values();

    private CoordinationEngine engine;
    private String[] agentIds;
    private double[] values;
    private long timestampNs;
    private int agentCursor;
    private int typeCursor;
    private int valueCursor;

    /**
     * Build the engine and bring every agent's history to its full size.
     */
    @Setup
    public void setUp()
    {
        engine = EngineFixture.newEngine();
        agentIds = EngineFixture.agentIds(AGENT_COUNT);
        values = EngineFixture.values();
        timestampNs = EngineFixture.publish(engine, agentIds, SignalType.COUNT, EngineFixture.START_NS);
    }

    /**
     * Apply the next signal.
     *
     * @return null, as the engine accepts every signal here.
     */
    @Benchmark
    public ErrorCode applySignal()
    {
        final int agent = agentCursor;
        agentCursor = agent + 1 == AGENT_COUNT ? 0 : agent + 1;
        final int type = typeCursor;
        typeCursor = type + 1 == TYPES.length ? 0 : type + 1;
        final int value = valueCursor++ & (EngineFixture.VALUE_COUNT - 1);
        timestampNs += EngineFixture.STEP_NS;

        return engine.onSignal(
            timestampNs, agentIds[agent], TYPES[type], values[value], 1.0, EngineFixture.TTL_MS, value);
    }
}
