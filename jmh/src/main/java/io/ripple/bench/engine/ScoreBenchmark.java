package io.ripple.bench.engine;

import io.ripple.engine.CoordinationEngine;
import io.ripple.engine.ScoresRequest;
import io.ripple.engine.ScoresResult;
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
 * Score one agent (routing score and the six per-type scores, default profile) out of 1,000 agents with all six
 * signal types live, rotating through the agents.
 * <p>
 * {@link #scoreOneAgent()} uses one request prepared per agent, so it measures the engine alone (with the requests
 * spread over memory as 1,000 distinct objects); {@link #fillRequestAndScoreOneAgent()} refills a single request
 * with the next agent's id, as a gateway does for every query it decodes, so it adds the packing of the id.
 */
@State(Scope.Thread)
@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScoreBenchmark
{
    private static final int AGENT_COUNT = 1000;

    private CoordinationEngine engine;
    private ScoresRequest[] requests;
    private String[] agentIds;
    private final ScoresRequest requestToFill = new ScoresRequest(1);
    private final ScoresResult result = new ScoresResult(1);
    private long timestampNs;
    private int agentCursor;

    /**
     * Build the engine, publish every signal type for every agent, and prepare one request per agent.
     */
    @Setup
    public void setUp()
    {
        engine = EngineFixture.newEngine();
        agentIds = EngineFixture.agentIds(AGENT_COUNT);
        timestampNs = EngineFixture.publish(engine, agentIds, SignalType.COUNT, EngineFixture.START_NS);

        requests = new ScoresRequest[AGENT_COUNT];
        for (int i = 0; i < AGENT_COUNT; i++)
        {
            requests[i] = new ScoresRequest(1).addAgent(agentIds[i]);
        }
    }

    /**
     * Score the next agent.
     *
     * @return its routing score.
     */
    @Benchmark
    public double scoreOneAgent()
    {
        final int agent = agentCursor;
        agentCursor = agent + 1 == AGENT_COUNT ? 0 : agent + 1;
        timestampNs += EngineFixture.STEP_NS;

        EngineFixture.check(engine.scores(timestampNs, requests[agent], result));
        return result.score(0);
    }

    /**
     * Fill the request with the next agent's id and score it.
     *
     * @return its routing score.
     */
    @Benchmark
    public double fillRequestAndScoreOneAgent()
    {
        final int agent = agentCursor;
        agentCursor = agent + 1 == AGENT_COUNT ? 0 : agent + 1;
        timestampNs += EngineFixture.STEP_NS;

        EngineFixture.check(engine.scores(timestampNs, requestToFill.reset().addAgent(agentIds[agent]), result));
        return result.score(0);
    }
}
