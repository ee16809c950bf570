package io.ripple.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryTest
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long T0 = 50 * SECOND_NS;

    private final CoordinationEngine engine = new CoordinationEngine();
    private final ScoresRequest request = new ScoresRequest();
    private final ScoresResult result = new ScoresResult();
    private final AgentStateView view = new AgentStateView();

    @Test
    void shouldScoreABatchLongerThanTheCandidateLimit()
    {
        final CoordinationEngine narrow =
            new CoordinationEngine(new EngineConfig().maxCandidates(10).maxBatch(100), null);
        final ScoresRequest wide = new ScoresRequest(100);
        for (int i = 0; i < 50; i++)
        {
            narrow.onSignal(T0, "a-" + i, SignalType.LOAD, i / 50.0, 1.0, 60_000, 0);
            wide.addAgent("a-" + i);
        }

        final ScoresResult rows = new ScoresResult(100);
        assertNull(narrow.scores(T0, wide, rows));
        assertEquals(50, rows.count());
        assertEquals("a-49", rows.agentId(49).toString());
        assertTrue(rows.tracked(49));
    }

    @Test
    void shouldScoreABatchInRequestOrder()
    {
        engine.onSignal(T0, "a-0", SignalType.LOAD, 0.9, 1.0, 60_000, 0);
        engine.onSignal(T0, "a-1", SignalType.LOAD, 0.1, 1.0, 60_000, 0);

        request.reset().addAgent("a-1").addAgent("ghost").addAgent("a-0");
        assertNull(engine.scores(T0, request, result));

        assertEquals(3, result.count());
        assertEquals("a-1", result.agentId(0).toString());
        assertTrue(result.tracked(0));
        assertEquals("ghost", result.agentId(1).toString());
        assertFalse(result.tracked(1));
        assertEquals(0.5, result.score(1));
        assertEquals("a-0", result.agentId(2).toString());
        assertTrue(result.score(0) > result.score(2));
        assertFalse(engine.isTracked("ghost"));
        assertEquals(1, engine.metrics().scoreQueries());
    }

    @Test
    void shouldNotCountScoresQueriesAsSelections()
    {
        engine.onSignal(T0, "a-0", SignalType.LOAD, 0.5, 1.0, 60_000, 0);

        request.reset().addAgent("a-0");
        engine.scores(T0, request, result);
        engine.scores(T0, request, result);

        assertEquals(0, result.inFlight(0));
        assertEquals(0, engine.metrics().selections());
    }

    @Test
    void shouldAnswerAnEmptyBatchWithNoRows()
    {
        request.reset();

        assertNull(engine.scores(T0, request, result));
        assertEquals(0, result.count());
    }

    @Test
    void shouldRejectBatchLargerThanTheMaximum()
    {
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().maxBatch(2), null);
        request.reset().addAgent("a").addAgent("b").addAgent("c");

        assertEquals(ErrorCode.BATCH_TOO_LARGE, engine.scores(T0, request, result));
        assertEquals(1, engine.metrics().rejections(ErrorCode.BATCH_TOO_LARGE));
    }

    @Test
    void shouldRejectBatchWithInvalidIdAndReportItsIndex()
    {
        request.reset().addAgent("a").addAgent("b c");

        assertEquals(ErrorCode.INVALID_AGENT_ID, engine.scores(T0, request, result));
        assertEquals(1, result.errorIndex());
        assertEquals(0, result.count());
    }

    @Test
    void shouldRejectScoresWithUnknownProfile()
    {
        request.reset().addAgent("a").profile("nope");

        assertEquals(ErrorCode.UNKNOWN_PROFILE, engine.scores(T0, request, result));
    }

    @Test
    void shouldDescribeEveryCurrentSignalOfAnAgent()
    {
        engine.onSignal(T0, "a-0", SignalType.LOAD, 0.6, 0.8, 10_000, 0);
        engine.onSignal(T0, "a-0", SignalType.COST, 0.3, 1.0, 1_000, 0);
        final long now = T0 + 2 * SECOND_NS;

        assertNull(engine.agentState(now, "a-0", "reference", view));

        assertEquals("a-0", view.agentId().toString());
        assertEquals(ScoringModel.REFERENCE, view.model());
        assertTrue(view.hasSignal(SignalType.LOAD));
        assertEquals(0.6, view.value(SignalType.LOAD));
        assertEquals(0.8, view.confidence(SignalType.LOAD));
        assertEquals(2 * SECOND_NS, view.ageNs(SignalType.LOAD));
        assertEquals(10 * SECOND_NS, view.ttlNs(SignalType.LOAD));
        assertEquals(Math.exp(-0.2), view.decayFactor(SignalType.LOAD), 1e-12);
        assertFalse(view.expired(SignalType.LOAD));
        assertEquals(1.0 - 0.6 * 0.8 * Math.exp(-0.2), view.typeScore(SignalType.LOAD), 1e-12);

        assertTrue(view.hasSignal(SignalType.COST));
        assertTrue(view.expired(SignalType.COST));
        assertEquals(0.0, view.decayFactor(SignalType.COST));
        assertEquals(0.5, view.typeScore(SignalType.COST));

        assertFalse(view.hasSignal(SignalType.QUALITY));
        assertTrue(Double.isNaN(view.value(SignalType.QUALITY)));
        assertEquals(2, view.historySize());
        assertEquals(0, view.poolCount());
        assertEquals(1, engine.metrics().stateQueries());
    }

    @Test
    void shouldReportNeutralDecayAndScoresUnderTheDefaultProfile()
    {
        engine.onSignal(T0, "a-0", SignalType.QUALITY, 0.9, 1.0, 30_000, 0);
        final long now = T0 + 10 * SECOND_NS;

        engine.agentState(now, "a-0", view);

        assertEquals(ScoringModel.NEUTRAL, view.model());
        assertEquals(Math.exp(-1.0), view.decayFactor(SignalType.QUALITY), 1e-12);
        assertEquals(0.5 + 0.4 * Math.exp(-1.0), view.typeScore(SignalType.QUALITY), 1e-12);
        final double routing = 0.5 + 0.2 * 0.4 * Math.exp(-1.0);
        assertEquals(routing, view.routingScore(), 1e-12);
    }

    @Test
    void shouldReportInFlightCountInAgentState()
    {
        engine.onSignal(T0, "a-0", SignalType.LOAD, 0.5, 1.0, 30_000, 0);
        final SelectRequest select = new SelectRequest().addCandidate("a-0");
        engine.select(T0, select, new SelectionResult());

        engine.agentState(T0, "a-0", view);

        assertEquals(1, view.inFlight());
        assertEquals((0.5 + 0.0) * 0.98, view.typeScore(SignalType.LOAD), 1e-12);
    }

    @Test
    void shouldRejectStateQueryForUnknownAgent()
    {
        assertEquals(ErrorCode.UNKNOWN_AGENT, engine.agentState(T0, "ghost", view));
        assertEquals(1, engine.metrics().rejections(ErrorCode.UNKNOWN_AGENT));
    }

    @Test
    void shouldRejectStateQueryWithInvalidIdOrUnknownProfile()
    {
        engine.registerAgent(T0, "a-0");

        assertEquals(ErrorCode.INVALID_AGENT_ID, engine.agentState(T0, "", view));
        assertEquals(ErrorCode.UNKNOWN_PROFILE, engine.agentState(T0, "a-0", "nope", view));
    }

    @Test
    void shouldRegisterAgentWithoutSignals()
    {
        assertNull(engine.registerAgent(T0, "a-0"));
        assertNull(engine.registerAgent(T0, "a-0"));

        assertTrue(engine.isTracked("a-0"));
        assertEquals(1, engine.metrics().registrations());
        assertEquals(ErrorCode.INVALID_AGENT_ID, engine.registerAgent(T0, "?"));
    }

    @Test
    void shouldRejectRegistrationBeyondCapacity()
    {
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().agentCapacity(1), null);
        engine.registerAgent(T0, "a-0");

        assertEquals(ErrorCode.AGENT_CAPACITY_EXCEEDED, engine.registerAgent(T0, "a-1"));
    }

    @Test
    void shouldCountSignalsByTypeAndRejectionsByCode()
    {
        engine.onSignal(T0, "a-0", SignalType.LOAD, 0.5, 1.0, 30_000, 0);
        engine.onSignal(T0, "a-0", SignalType.LOAD, 0.5, 1.0, 30_000, 0);
        engine.onSignal(T0, "a-0", SignalType.COST, 0.5, 1.0, 30_000, 0);
        engine.onSignal(T0, "a-0", SignalType.COST, Double.NaN, 1.0, 30_000, 0);

        final EngineMetrics metrics = engine.metrics();
        assertEquals(2, metrics.signals(SignalType.LOAD));
        assertEquals(1, metrics.signals(SignalType.COST));
        assertEquals(3, metrics.signals());
        assertEquals(1, metrics.rejections(ErrorCode.VALUE_NAN));
        assertEquals(1, metrics.rejections());
        assertEquals(1, metrics.agentsTracked());
    }

    @Test
    void shouldKeepErrorCodeNamesAndNumbers()
    {
        final String[] names =
        {
            "INVALID_AGENT_ID", "AGENT_CAPACITY_EXCEEDED", "UNKNOWN_SIGNAL_TYPE", "VALUE_NAN", "VALUE_INFINITE",
            "VALUE_OUT_OF_RANGE", "CONFIDENCE_NOT_FINITE", "CONFIDENCE_OUT_OF_RANGE", "TTL_NOT_POSITIVE",
            "TTL_TOO_LONG", "EMPTY_CANDIDATES", "TOO_MANY_CANDIDATES", "UNKNOWN_POOL", "K_OUT_OF_RANGE",
            "INVALID_WEIGHTS", "UNKNOWN_PROFILE", "INVALID_PROFILE", "INVALID_POOL_NAME", "UNKNOWN_AGENT",
            "INVALID_HORIZON", "INVALID_THRESHOLD", "BATCH_TOO_LARGE", "POOL_CAPACITY_EXCEEDED",
            "PROFILE_CAPACITY_EXCEEDED", "NOT_IN_POOL"
        };

        assertEquals(names.length, ErrorCode.values().length);
        for (int i = 0; i < names.length; i++)
        {
            final ErrorCode code = ErrorCode.valueOf(names[i]);
            assertEquals(10 + i, code.code());
            assertEquals(code, ErrorCode.get(10 + i));
        }
        assertNull(ErrorCode.get(1));
    }

    @Test
    void shouldKeepSignalTypeIds()
    {
        assertEquals(0, SignalType.LOAD.id());
        assertEquals(5, SignalType.AVAILABILITY.id());
        assertEquals(SignalType.COST, SignalType.get(3));
        assertNull(SignalType.get(6));
        assertNull(SignalType.get(-1));
        assertEquals(ScoringModel.NEUTRAL, ScoringModel.get(1));
    }
}
