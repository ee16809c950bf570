package io.ripple.bench.engine;

import io.ripple.engine.CoordinationEngine;
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
 * Select the best of an explicit list of candidates (k = 1, {@code default} profile, in-flight accounting on), with
 * the agents publishing LOAD only or all six signal types. See {@link LoadReports} for how in-flight counts are kept
 * realistic.
 * <p>
 * {@link #selectBest()} reuses a request prepared once (the engine does not change it), so it measures the engine
 * alone, with the same candidates in every request, as a router that repeats its list sends them: the engine then
 * finds the ids it resolved last time and skips the id lookups. {@link #selectBestFromAlternatingLists()} alternates
 * two requests with the candidates in different orders, so that every request pays for its lookups. A request
 * validates and packs each id as it is added, work the gateway does for every request it decodes, so
 * {@link #fillRequestAndSelectBest()} adds the filling of the request from the candidates' ids.
 */
@State(Scope.Thread)
@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SelectBenchmark
{
    /**
     * Number of candidates in the request.
     */
    @Param({ "10", "100", "1000" })
    public int candidates;

    /**
     * Signal types each agent publishes: 1 for LOAD only, 6 for all.
     */
    @Param({ "1", "6" })
    public int signalTypes;

    private CoordinationEngine engine;
    private String[] agentIds;
    private final SelectRequest request = new SelectRequest();
    private final SelectRequest rotatedRequest = new SelectRequest();
    private final SelectRequest requestToFill = new SelectRequest();
    private boolean rotated;
    private final SelectionResult result = new SelectionResult();
    private LoadReports loadReports;
    private long timestampNs;

    /**
     * Build the engine, publish the signals and prepare the request.
     */
    @Setup
    public void setUp()
    {
        engine = EngineFixture.newEngine();
        agentIds = EngineFixture.agentIds(candidates);
        timestampNs = EngineFixture.publish(engine, agentIds, signalTypes, EngineFixture.START_NS);
        loadReports = new LoadReports(agentIds);

        request.reset().k(1);
        rotatedRequest.reset().k(1);
        for (int i = 0; i < agentIds.length; i++)
        {
            request.addCandidate(agentIds[i]);
            rotatedRequest.addCandidate(agentIds[(i + 1) % agentIds.length]);
        }
    }

    /**
     * Select the best candidate.
     *
     * @return the routing score of the agent selected.
     */
    @Benchmark
    public double selectBest()
    {
        timestampNs += EngineFixture.STEP_NS;
        EngineFixture.check(engine.select(timestampNs, request, result));
        loadReports.onSelection(engine, timestampNs);

        return result.score(0);
    }

    /**
     * Select the best candidate from one of two lists of the same candidates in different orders, alternately, so
     * that no request repeats the one before it.
     *
     * @return the routing score of the agent selected.
     */
    @Benchmark
    public double selectBestFromAlternatingLists()
    {
        rotated = !rotated;
        timestampNs += EngineFixture.STEP_NS;
        EngineFixture.check(engine.select(timestampNs, rotated ? rotatedRequest : request, result));
        loadReports.onSelection(engine, timestampNs);

        return result.score(0);
    }

    /**
     * Fill a request with the candidates' ids, then select the best candidate.
     *
     * @return the routing score of the agent selected.
     */
    @Benchmark
    public double fillRequestAndSelectBest()
    {
        final SelectRequest request = requestToFill.reset().k(1);
        for (final String agentId : agentIds)
        {
            request.addCandidate(agentId);
        }

        timestampNs += EngineFixture.STEP_NS;
        EngineFixture.check(engine.select(timestampNs, request, result));
        loadReports.onSelection(engine, timestampNs);

        return result.score(0);
    }
}
