package io.ripple.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelectionTest
{
    private static final long T0 = 10_000_000_000L;
    private static final long TTL_MS = 300_000;

    private final CoordinationEngine engine = new CoordinationEngine();
    private final SelectRequest request = new SelectRequest();
    private final SelectionResult result = new SelectionResult();

    @Test
    void shouldSelectTheBestAgentsBestFirst()
    {
        load("a-0", 0.9);
        load("a-1", 0.1);
        load("a-2", 0.5);

        request.reset().addCandidate("a-0").addCandidate("a-1").addCandidate("a-2").k(2);
        assertNull(engine.select(T0, request, result));

        assertEquals(2, result.count());
        assertEquals("a-1", result.agentId(0).toString());
        assertEquals(1, result.candidateIndex(0));
        assertEquals("a-2", result.agentId(1).toString());
        assertTrue(result.score(0) > result.score(1));
        assertEquals(1, engine.metrics().selections());
    }

    @Test
    void shouldBreakTiesInFavourOfTheEarlierCandidate()
    {
        load("a-0", 0.3);
        load("a-1", 0.3);

        request.reset().addCandidate("a-1").addCandidate("a-0").profile("reference");
        engine.select(T0, request, result);

        assertEquals("a-1", result.agentId(0).toString());
    }

    @Test
    void shouldScoreUnknownCandidatesNeutralWithoutCreatingThem()
    {
        load("a-0", 0.9);

        request.reset().addCandidate("a-0").addCandidate("ghost").k(2);
        engine.select(T0, request, result);

        assertEquals("ghost", result.agentId(0).toString());
        assertEquals(0.5, result.score(0));
        assertFalse(result.tracked(0));
        assertEquals(0, result.inFlight(0));
        assertFalse(engine.isTracked("ghost"));
        assertEquals(1, engine.agentCount());
    }

    @Test
    void shouldConsiderACandidateListedTwiceOnce()
    {
        load("a-0", 0.1);
        load("a-1", 0.2);

        request.reset().addCandidate("a-0").addCandidate("a-0").addCandidate("a-1").addCandidate("x").addCandidate("x")
            .k(4);
        engine.select(T0, request, result);

        assertEquals(3, result.count());
        assertEquals("a-0", result.agentId(0).toString());
        assertEquals("a-1", result.agentId(1).toString());
        assertEquals("x", result.agentId(2).toString());
        assertEquals(1, result.inFlight(0));
    }

    @Test
    void shouldCountSelectionsInFlightAndLowerTheLoadScore()
    {
        load("a-0", 0.3);
        request.reset().addCandidate("a-0").profile("default");

        engine.select(T0, request, result);
        final double first = result.typeScore(0, SignalType.LOAD);
        engine.select(T0, request, result);

        assertEquals(2, result.inFlight(0));
        assertEquals(first * 0.98, result.typeScore(0, SignalType.LOAD), 1e-12);
    }

    @Test
    void shouldResetInFlightCountOnTheNextLoadSignal()
    {
        load("a-0", 0.3);
        request.reset().addCandidate("a-0");
        engine.select(T0, request, result);
        engine.select(T0, request, result);

        load("a-0", 0.35);
        engine.select(T0, request, result);

        assertEquals(1, result.inFlight(0));
    }

    @Test
    void shouldNotResetInFlightCountOnOtherSignals()
    {
        load("a-0", 0.3);
        request.reset().addCandidate("a-0");
        engine.select(T0, request, result);

        engine.onSignal(T0, "a-0", SignalType.QUALITY, 0.9, 1.0, TTL_MS, 0);
        engine.select(T0, request, result);

        assertEquals(2, result.inFlight(0));
    }

    @Test
    void shouldSpreadABurstOverEquallyGoodAgents()
    {
        for (int i = 0; i < 4; i++)
        {
            load("a-" + i, 0.3);
        }
        request.reset().addCandidate("a-0").addCandidate("a-1").addCandidate("a-2").addCandidate("a-3");

        final int[] counts = new int[4];
        for (int i = 0; i < 400; i++)
        {
            engine.select(T0, request, result);
            counts[result.candidateIndex(0)]++;
        }

        assertEquals(100, counts[0]);
        assertEquals(100, counts[3]);
    }

    @Test
    void shouldSelectFromAPoolInJoinOrder()
    {
        load("a-0", 0.3);
        load("a-1", 0.3);
        load("a-2", 0.1);
        engine.joinPool(T0, "a-1", "gpu");
        engine.joinPool(T0, "a-0", "gpu");

        request.reset().pool("gpu").profile("reference").k(2);
        assertNull(engine.select(T0, request, result));

        assertEquals(2, result.count());
        assertEquals("a-1", result.agentId(0).toString());
        assertEquals(0, result.candidateIndex(0));
        assertEquals("a-0", result.agentId(1).toString());
    }

    @Test
    void shouldUsePoolWhenBothPoolAndCandidatesAreGiven()
    {
        load("a-0", 0.3);
        load("a-1", 0.1);
        engine.joinPool(T0, "a-0", "p");

        request.reset().pool("p").addCandidate("a-1");
        engine.select(T0, request, result);

        assertEquals("a-0", result.agentId(0).toString());
    }

    @Test
    void shouldRejectEmptyCandidates()
    {
        request.reset();

        assertEquals(ErrorCode.EMPTY_CANDIDATES, engine.select(T0, request, result));
        assertEquals(0, result.count());
        assertEquals(1, engine.metrics().rejections(ErrorCode.EMPTY_CANDIDATES));
    }

    @Test
    void shouldRejectTooManyCandidates()
    {
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().maxCandidates(3), null);
        request.reset().addCandidate("a").addCandidate("b").addCandidate("c").addCandidate("d");

        assertEquals(ErrorCode.TOO_MANY_CANDIDATES, engine.select(T0, request, result));
    }

    @Test
    void shouldRejectMoreCandidatesThanTheRequestHolds()
    {
        final SelectRequest small = new SelectRequest(2);
        small.addCandidate("a").addCandidate("b").addCandidate("c");

        assertEquals(ErrorCode.TOO_MANY_CANDIDATES, engine.select(T0, small, result));
    }

    @Test
    void shouldRejectUnknownPool()
    {
        request.reset().pool("nowhere");

        assertEquals(ErrorCode.UNKNOWN_POOL, engine.select(T0, request, result));
    }

    @Test
    void shouldRejectInvalidPoolName()
    {
        request.reset().pool("bad pool");

        assertEquals(ErrorCode.INVALID_POOL_NAME, engine.select(T0, request, result));
    }

    @Test
    void shouldRejectKOutOfRange()
    {
        load("a-0", 0.3);
        load("a-1", 0.3);

        request.reset().addCandidate("a-0").addCandidate("a-1").k(0);
        assertEquals(ErrorCode.K_OUT_OF_RANGE, engine.select(T0, request, result));

        request.k(3);
        assertEquals(ErrorCode.K_OUT_OF_RANGE, engine.select(T0, request, result));

        request.k(2);
        assertNull(engine.select(T0, request, result));

        final SelectionResult small = new SelectionResult(1);
        assertEquals(ErrorCode.K_OUT_OF_RANGE, engine.select(T0, request, small));
    }

    @Test
    void shouldRejectKAboveTheConfiguredMaximum()
    {
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().maxK(1), null);
        request.reset().addCandidate("a-0").addCandidate("a-1").k(2);

        assertEquals(ErrorCode.K_OUT_OF_RANGE, engine.select(T0, request, result));
    }

    @Test
    void shouldRejectInvalidWeights()
    {
        request.reset().addCandidate("a-0");

        request.weights(new double[]{ 1, 1, 1, 1, 1, Double.NaN });
        assertEquals(ErrorCode.INVALID_WEIGHTS, engine.select(T0, request, result));

        request.weights(new double[]{ 1, 1, 1, 1, 1, -1 });
        assertEquals(ErrorCode.INVALID_WEIGHTS, engine.select(T0, request, result));

        request.weights(new double[]{ 0, 0, 0, 0, 0, 0 });
        assertEquals(ErrorCode.INVALID_WEIGHTS, engine.select(T0, request, result));

        request.weights(new double[]{ 1, 1, 1 });
        assertEquals(ErrorCode.INVALID_WEIGHTS, engine.select(T0, request, result));

        request.weights(new double[]{ Double.POSITIVE_INFINITY, 0, 0, 0, 0, 0 });
        assertEquals(ErrorCode.INVALID_WEIGHTS, engine.select(T0, request, result));

        assertEquals(5, engine.metrics().rejections(ErrorCode.INVALID_WEIGHTS));
    }

    @Test
    void shouldRejectUnknownProfile()
    {
        request.reset().addCandidate("a-0").profile("fastest");

        assertEquals(ErrorCode.UNKNOWN_PROFILE, engine.select(T0, request, result));
    }

    @Test
    void shouldRejectInvalidCandidateAndReportItsIndex()
    {
        load("a-0", 0.3);
        request.reset().addCandidate("a-0").addCandidate("not valid!");

        assertEquals(ErrorCode.INVALID_AGENT_ID, engine.select(T0, request, result));
        assertEquals(1, result.errorIndex());
    }

    @Test
    void shouldLeaveInFlightCountsUntouchedWhenSelectionIsRejected()
    {
        load("a-0", 0.3);
        request.reset().addCandidate("a-0").addCandidate("").k(1);
        engine.select(T0, request, result);

        request.reset().addCandidate("a-0");
        engine.select(T0, request, result);

        assertEquals(1, result.inFlight(0));
        assertEquals(1, engine.metrics().selections());
    }

    @Test
    void shouldSeeAgentsCreatedEvictedAndRevivedBetweenTwoIdenticalLists()
    {
        load("a-0", 0.5);
        request.reset().addCandidate("a-0").addCandidate("late").k(1).profile("reference");
        assertNull(engine.select(T0, request, result));
        assertEquals("a-0", result.agentId(0).toString());

        assertNull(engine.onSignal(T0 + 1, "late", SignalType.LOAD, 0.1, 1.0, 1_000, 0));
        assertNull(engine.select(T0 + 2, request, result));
        assertEquals("late", result.agentId(0).toString());
        assertTrue(result.tracked(0));

        final long expired = T0 + 2_000_000_000L;
        engine.sweepAll(expired);
        assertEquals(1, engine.metrics().agentsTracked());
        request.reset().addCandidate("a-0").addCandidate("late").k(2).profile("reference");
        assertNull(engine.select(expired, request, result));
        assertEquals("late", result.agentId(1).toString());
        assertFalse(result.tracked(1));

        assertNull(engine.onSignal(expired, "late", SignalType.LOAD, 0.2, 1.0, 1_000, 0));
        assertNull(engine.select(expired, request, result));
        assertEquals("late", result.agentId(0).toString());
        assertTrue(result.tracked(0));
        assertEquals(1, result.inFlight(0));
    }

    @Test
    void shouldRejectAnInvalidIdInAListThatDiffersFromTheLastOnlyThere()
    {
        load("a-0", 0.3);
        load("a-1", 0.2);
        request.reset().addCandidate("a-0").addCandidate("a-1");
        assertNull(engine.select(T0, request, result));

        request.reset().addCandidate("a-0").addCandidate("a 1");
        assertEquals(ErrorCode.INVALID_AGENT_ID, engine.select(T0, request, result));
        assertEquals(1, result.errorIndex());

        request.reset().addCandidate("a-0").addCandidate("a-1");
        assertNull(engine.select(T0, request, result));
        assertEquals("a-1", result.agentId(0).toString());
    }

    private void load(final String agent, final double value)
    {
        assertNull(engine.onSignal(T0, agent, SignalType.LOAD, value, 1.0, TTL_MS, 0));
    }
}
