package io.ripple.bench.engine;

import io.ripple.engine.CoordinationEngine;
import io.ripple.engine.EngineConfig;
import io.ripple.engine.SelectRequest;
import io.ripple.engine.SelectionResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Select the best member of a pool of 1,000 agents (k = 1, {@code default} profile), with the agents publishing
 * LOAD only or all six signal types. See {@link LoadReports} for how in-flight counts are kept realistic.
 */
@State(Scope.Thread)
@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PoolSelectBenchmark
{
    private static final int MEMBER_COUNT = 1000;
    private static final String POOL = "bench-pool";

    /**
     * Signal types each agent publishes: 1 for LOAD only, 6 for all.
     */
    @Param({ "1", "6" })
    public int signalTypes;

    private CoordinationEngine engine;
    private final SelectRequest request = new SelectRequest();
    private final SelectionResult result = new SelectionResult();
    private LoadReports loadReports;
    private long timestampNs;

    /**
     * Build the engine, publish the signals, fill the pool and prepare the request.
     */
    @Setup
    public void setUp()
    {
        engine = EngineFixture.newEngine(new EngineConfig().maxPoolMembers(MEMBER_COUNT));
        final String[] agentIds = EngineFixture.agentIds(MEMBER_COUNT);
        timestampNs = EngineFixture.publish(engine, agentIds, signalTypes, EngineFixture.START_NS);
        for (final String agentId : agentIds)
        {
            EngineFixture.check(engine.joinPool(timestampNs, agentId, POOL));
        }
        loadReports = new LoadReports(agentIds);

        request.reset().pool(POOL).k(1);
    }

    /**
     * Select the best member of the pool.
     *
     * @return the routing score of the agent selected.
     */
    @Benchmark
    public double selectFromPool()
    {
        timestampNs += EngineFixture.STEP_NS;
        EngineFixture.check(engine.select(timestampNs, request, result));
        loadReports.onSelection(engine, timestampNs);

        return result.score(0);
    }
}
