package io.ripple.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolAndProfileTest
{
    private static final long T0 = 1_000_000_000L;

    private final CoordinationEngine engine = new CoordinationEngine();
    private final SelectRequest request = new SelectRequest();
    private final SelectionResult result = new SelectionResult();
    private final AgentStateView view = new AgentStateView();

    @Test
    void shouldCreateAgentAndPoolOnJoin()
    {
        assertNull(engine.joinPool(T0, "a-0", "gpu"));

        assertTrue(engine.isTracked("a-0"));
        assertEquals(1, engine.poolCount());
        assertNull(engine.agentState(T0, "a-0", view));
        assertEquals(1, view.poolCount());
        assertEquals("gpu", view.poolName(0).toString());
    }

    @Test
    void shouldIgnoreASecondJoinOfTheSamePool()
    {
        engine.joinPool(T0, "a-0", "gpu");
        engine.joinPool(T0, "a-1", "gpu");

        assertNull(engine.joinPool(T0, "a-0", "gpu"));

        request.reset().pool("gpu").k(2);
        engine.select(T0, request, result);
        assertEquals(2, result.count());
        assertEquals("a-0", result.agentId(0).toString());
    }

    @Test
    void shouldKeepJoinOrderOfRemainingMembersAfterLeave()
    {
        engine.joinPool(T0, "a-0", "p");
        engine.joinPool(T0, "a-1", "p");
        engine.joinPool(T0, "a-2", "p");

        assertNull(engine.leavePool(T0, "a-0", "p"));

        request.reset().pool("p").k(2);
        engine.select(T0, request, result);
        assertEquals("a-1", result.agentId(0).toString());
        assertEquals(0, result.candidateIndex(0));
        assertEquals("a-2", result.agentId(1).toString());
    }

    @Test
    void shouldDeletePoolWhenItsLastMemberLeaves()
    {
        engine.joinPool(T0, "a-0", "p");

        engine.leavePool(T0, "a-0", "p");

        assertEquals(0, engine.poolCount());
        request.reset().pool("p");
        assertEquals(ErrorCode.UNKNOWN_POOL, engine.select(T0, request, result));
    }

    @Test
    void shouldRejectLeaveOfAPoolTheAgentIsNotIn()
    {
        engine.joinPool(T0, "a-0", "p");
        engine.registerAgent(T0, "a-1");

        assertEquals(ErrorCode.NOT_IN_POOL, engine.leavePool(T0, "a-1", "p"));
        assertEquals(ErrorCode.NOT_IN_POOL, engine.leavePool(T0, "ghost", "p"));
    }

    @Test
    void shouldRejectLeaveOfUnknownPool()
    {
        engine.joinPool(T0, "a-0", "p");

        assertEquals(ErrorCode.UNKNOWN_POOL, engine.leavePool(T0, "a-0", "q"));
    }

    @Test
    void shouldRejectInvalidPoolNameOnJoinAndLeave()
    {
        assertEquals(ErrorCode.INVALID_POOL_NAME, engine.joinPool(T0, "a-0", ""));
        assertEquals(ErrorCode.INVALID_POOL_NAME, engine.leavePool(T0, "a-0", "x".repeat(65)));
        assertEquals(0, engine.agentCount());
    }

    @Test
    void shouldRejectInvalidAgentIdOnJoin()
    {
        assertEquals(ErrorCode.INVALID_AGENT_ID, engine.joinPool(T0, "a 0", "p"));
        assertEquals(0, engine.poolCount());
    }

    @Test
    void shouldRejectPoolBeyondCapacity()
    {
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().maxPools(1), null);
        engine.joinPool(T0, "a-0", "p");

        assertEquals(ErrorCode.POOL_CAPACITY_EXCEEDED, engine.joinPool(T0, "a-0", "q"));
        assertEquals(1, engine.poolCount());
    }

    @Test
    void shouldRejectMemberBeyondPoolCapacity()
    {
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().maxPoolMembers(2), null);
        engine.joinPool(T0, "a-0", "p");
        engine.joinPool(T0, "a-1", "p");

        assertEquals(ErrorCode.POOL_CAPACITY_EXCEEDED, engine.joinPool(T0, "a-2", "p"));
        assertEquals(2, engine.agentCount());
    }

    @Test
    void shouldRejectJoinOfNewAgentBeyondAgentCapacityWithoutCreatingThePool()
    {
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().agentCapacity(1), null);
        engine.registerAgent(T0, "a-0");

        assertEquals(ErrorCode.AGENT_CAPACITY_EXCEEDED, engine.joinPool(T0, "a-1", "p"));
        assertEquals(0, engine.poolCount());
    }

    @Test
    void shouldReuseAPoolIdAfterThePoolIsDeleted()
    {
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().maxPools(1), null);
        engine.joinPool(T0, "a-0", "p");
        engine.leavePool(T0, "a-0", "p");

        assertNull(engine.joinPool(T0, "a-0", "q"));
    }

    @Test
    void shouldSelectWithAnOperatorProfile()
    {
        final double[] qualityOnly = { 0, 0, 1, 0, 0, 0 };
        assertNull(engine.defineProfile(T0, "quality", ScoringModel.REFERENCE, qualityOnly, 0.0));
        engine.onSignal(T0, "a-0", SignalType.QUALITY, 0.9, 1.0, 60_000, 0);
        engine.onSignal(T0, "a-0", SignalType.LOAD, 1.0, 1.0, 60_000, 0);
        engine.onSignal(T0, "a-1", SignalType.QUALITY, 0.2, 1.0, 60_000, 0);

        request.reset().addCandidate("a-1").addCandidate("a-0").profile("quality");
        engine.select(T0, request, result);

        assertEquals("a-0", result.agentId(0).toString());
        assertEquals(0.9, result.score(0), 1e-12);
        assertEquals(3, engine.profileCount());
    }

    @Test
    void shouldRedefineAnOperatorProfile()
    {
        engine.defineProfile(T0, "p", ScoringModel.REFERENCE, new double[]{ 1, 0, 0, 0, 0, 0 }, 0.0);

        assertNull(engine.defineProfile(T0, "p", ScoringModel.NEUTRAL, new double[]{ 0, 1, 0, 0, 0, 0 }, 0.5));

        engine.onSignal(T0, "a-0", SignalType.CAPACITY, 1.0, 1.0, 60_000, 0);
        request.reset().addCandidate("a-0").profile("p");
        engine.select(T0, request, result);
        assertEquals(1.0, result.score(0), 1e-12);
        assertEquals(3, engine.profileCount());
    }

    @Test
    void shouldScoreWithTheNewWeightsWhenAProfileIsRedefinedBetweenTwoSelections()
    {
        // given
        engine.defineProfile(T0, "p", ScoringModel.REFERENCE, new double[]{ 0, 0, 1, 0, 0, 0 }, 0.0);
        engine.onSignal(T0, "a-0", SignalType.QUALITY, 0.2, 1.0, 60_000, 0);
        engine.onSignal(T0, "a-0", SignalType.COST, 0.9, 1.0, 60_000, 0);
        request.reset().addCandidate("a-0").profile("p");
        engine.select(T0, request, result);
        assertEquals(0.2, result.score(0), 1e-12);

        // when
        engine.defineProfile(T0, "p", ScoringModel.REFERENCE, new double[]{ 0, 0, 0, 1, 0, 0 }, 0.0);
        engine.select(T0, request, result);

        // then
        assertEquals(0.9, result.score(0), 1e-12);
    }

    @Test
    void shouldScoreWithEachRequestsOwnInlineWeights()
    {
        // given
        engine.onSignal(T0, "a-0", SignalType.QUALITY, 0.2, 1.0, 60_000, 0);
        engine.onSignal(T0, "a-0", SignalType.COST, 0.9, 1.0, 60_000, 0);
        request.reset().addCandidate("a-0").profile("reference").weight(SignalType.QUALITY, 1.0);
        engine.select(T0, request, result);
        assertEquals(0.2, result.score(0), 1e-12);

        // when
        request.reset().addCandidate("a-0").profile("reference").weight(SignalType.COST, 1.0);
        engine.select(T0, request, result);

        // then
        assertEquals(0.9, result.score(0), 1e-12);
    }

    @Test
    void shouldApplyTheProfilesInFlightPenalty()
    {
        engine.defineProfile(T0, "half", ScoringModel.NEUTRAL, new double[]{ 1, 0, 0, 0, 0, 0 }, 0.5);
        engine.onSignal(T0, "a-0", SignalType.LOAD, 0.0, 1.0, 60_000, 0);
        request.reset().addCandidate("a-0").profile("half");

        engine.select(T0, request, result);
        engine.select(T0, request, result);
        engine.select(T0, request, result);

        assertEquals(0.25, result.typeScore(0, SignalType.LOAD), 1e-12);
    }

    @Test
    void shouldRejectRedefiningABuiltInProfile()
    {
        final double[] weights = { 1, 1, 1, 1, 1, 1 };

        assertEquals(ErrorCode.INVALID_PROFILE, engine.defineProfile(T0, "default", ScoringModel.NEUTRAL, weights, 0));
        assertEquals(ErrorCode.INVALID_PROFILE,
            engine.defineProfile(T0, "reference", ScoringModel.REFERENCE, weights, 0));
    }

    @Test
    void shouldRejectProfileWithBadNameModelOrPenalty()
    {
        final double[] weights = { 1, 1, 1, 1, 1, 1 };

        assertEquals(ErrorCode.INVALID_PROFILE, engine.defineProfile(T0, "", ScoringModel.NEUTRAL, weights, 0));
        assertEquals(ErrorCode.INVALID_PROFILE, engine.defineProfile(T0, "a b", ScoringModel.NEUTRAL, weights, 0));
        assertEquals(ErrorCode.INVALID_PROFILE, engine.defineProfile(T0, "p", null, weights, 0));
        assertEquals(ErrorCode.INVALID_PROFILE, engine.defineProfile(T0, "p", ScoringModel.NEUTRAL, weights, 1.0));
        assertEquals(ErrorCode.INVALID_PROFILE, engine.defineProfile(T0, "p", ScoringModel.NEUTRAL, weights, -0.1));
        assertEquals(ErrorCode.INVALID_PROFILE,
            engine.defineProfile(T0, "p", ScoringModel.NEUTRAL, weights, Double.NaN));
        assertEquals(2, engine.profileCount());
    }

    @Test
    void shouldRejectProfileWithInvalidWeights()
    {
        assertEquals(ErrorCode.INVALID_WEIGHTS,
            engine.defineProfile(T0, "p", ScoringModel.NEUTRAL, new double[]{ 0, 0, 0, 0, 0, 0 }, 0));
        assertEquals(ErrorCode.INVALID_WEIGHTS, engine.defineProfile(T0, "p", ScoringModel.NEUTRAL, null, 0));
    }

    @Test
    void shouldRejectProfileBeyondCapacity()
    {
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().maxProfiles(1), null);
        final double[] weights = { 1, 1, 1, 1, 1, 1 };
        assertNull(engine.defineProfile(T0, "p", ScoringModel.NEUTRAL, weights, 0));

        assertEquals(ErrorCode.PROFILE_CAPACITY_EXCEEDED,
            engine.defineProfile(T0, "q", ScoringModel.NEUTRAL, weights, 0));
        assertNull(engine.defineProfile(T0, "p", ScoringModel.REFERENCE, weights, 0));
    }
}
