package io.ripple.bench.engine;

import io.ripple.engine.CoordinationEngine;
import io.ripple.engine.OverloadPrediction;
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
 * Predict overload (60 s horizon, threshold 0.8) for one of 1,000 agents whose history rings are full of all six
 * signal types, so that each prediction picks the last ten LOAD signals out of a mixed history.
 */
@State(Scope.Thread)
@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PredictBenchmark
{
    private static final int AGENT_COUNT = 1000;
    private static final long HORIZON_MS = 60_000;
    private static final double THRESHOLD = 0.8;

    private CoordinationEngine engine;
    private String[] agentIds;
    private final OverloadPrediction prediction = new OverloadPrediction();
    private long timestampNs;
    private int agentCursor;

    /**
     * Build the engine and fill every agent's history.
     */
    @Setup
    public void setUp()
    {
        engine = EngineFixture.newEngine();
        agentIds = EngineFixture.agentIds(AGENT_COUNT);
        timestampNs = EngineFixture.publish(engine, agentIds, SignalType.COUNT, EngineFixture.START_NS);
    }

    /**
     * Predict for the next agent.
     *
     * @return the predicted load.
     */
    @Benchmark
    public double predictOverload()
    {
        final int agent = agentCursor;
        agentCursor = agent + 1 == AGENT_COUNT ? 0 : agent + 1;
        timestampNs += EngineFixture.STEP_NS;

        EngineFixture.check(engine.predictOverload(timestampNs, agentIds[agent], HORIZON_MS, THRESHOLD, prediction));
        return prediction.probability();
    }
}
