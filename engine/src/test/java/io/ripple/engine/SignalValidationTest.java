package io.ripple.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalValidationTest
{
    private static final long NOW_NS = 5_000_000_000L;
    private static final long TTL_MS = 60_000;

    private final CoordinationEngine engine = new CoordinationEngine();
    private final AgentStateView view = new AgentStateView();

    @Test
    void shouldAcceptValidSignalAndCreateAgent()
    {
        final ErrorCode error = engine.onSignal(NOW_NS, "a-1", SignalType.LOAD, 0.4, 0.9, TTL_MS, 7);

        assertNull(error);
        assertTrue(engine.isTracked("a-1"));
        assertEquals(1, engine.metrics().signals(SignalType.LOAD));
        assertEquals(1, engine.metrics().agentsTracked());
    }

    @Test
    void shouldAcceptEveryAllowedIdCharacterAndSixtyFourCharacters()
    {
        final String allowed = "azAZ09._:@/-";
        final String longest = "x".repeat(64);

        assertNull(engine.onSignal(NOW_NS, allowed, SignalType.COST, 0.5, 1.0, TTL_MS, 0));
        assertNull(engine.onSignal(NOW_NS, longest, SignalType.COST, 0.5, 1.0, TTL_MS, 0));
    }

    @Test
    void shouldRejectSignalWithEmptyAgentId()
    {
        assertRejected(ErrorCode.INVALID_AGENT_ID, "", SignalType.LOAD, 0.5, 1.0, TTL_MS);
    }

    @Test
    void shouldRejectSignalWithNullAgentId()
    {
        assertRejected(ErrorCode.INVALID_AGENT_ID, null, SignalType.LOAD, 0.5, 1.0, TTL_MS);
    }

    @Test
    void shouldRejectSignalWithAgentIdLongerThanSixtyFourBytes()
    {
        assertRejected(ErrorCode.INVALID_AGENT_ID, "x".repeat(65), SignalType.LOAD, 0.5, 1.0, TTL_MS);
    }

    @Test
    void shouldRejectSignalWithAgentIdOutsideTheCharacterSet()
    {
        assertRejected(ErrorCode.INVALID_AGENT_ID, "a b", SignalType.LOAD, 0.5, 1.0, TTL_MS);
        assertRejected(ErrorCode.INVALID_AGENT_ID, "a\u00e9", SignalType.LOAD, 0.5, 1.0, TTL_MS);
        assertRejected(ErrorCode.INVALID_AGENT_ID, "a\u0000", SignalType.LOAD, 0.5, 1.0, TTL_MS);
    }

    @Test
    void shouldRejectSignalWithUnknownTypeId()
    {
        assertEquals(ErrorCode.UNKNOWN_SIGNAL_TYPE, engine.onSignal(NOW_NS, "a-1", 6, 0.5, 1.0, TTL_MS, 0));
        assertEquals(ErrorCode.UNKNOWN_SIGNAL_TYPE, engine.onSignal(NOW_NS, "a-1", -1, 0.5, 1.0, TTL_MS, 0));
        assertRejected(ErrorCode.UNKNOWN_SIGNAL_TYPE, "a-1", null, 0.5, 1.0, TTL_MS);
    }

    @Test
    void shouldAcceptSignalGivenByKnownTypeId()
    {
        assertNull(engine.onSignal(NOW_NS, "a-1", SignalType.AVAILABILITY.id(), 0.5, 1.0, TTL_MS, 0));

        assertEquals(1, engine.metrics().signals(SignalType.AVAILABILITY));
    }

    @Test
    void shouldRejectSignalWithNaNValue()
    {
        assertRejected(ErrorCode.VALUE_NAN, "a-1", SignalType.LOAD, Double.NaN, 1.0, TTL_MS);
    }

    @Test
    void shouldRejectSignalWithInfiniteValue()
    {
        assertRejected(ErrorCode.VALUE_INFINITE, "a-1", SignalType.LOAD, Double.POSITIVE_INFINITY, 1.0, TTL_MS);
        assertRejected(ErrorCode.VALUE_INFINITE, "a-1", SignalType.LOAD, Double.NEGATIVE_INFINITY, 1.0, TTL_MS);
    }

    @Test
    void shouldRejectSignalWithValueOutsideZeroToOne()
    {
        assertRejected(ErrorCode.VALUE_OUT_OF_RANGE, "a-1", SignalType.LOAD, -0.001, 1.0, TTL_MS);
        assertRejected(ErrorCode.VALUE_OUT_OF_RANGE, "a-1", SignalType.LOAD, 1.001, 1.0, TTL_MS);
    }

    @Test
    void shouldAcceptValueAndConfidenceAtTheirBounds()
    {
        assertNull(engine.onSignal(NOW_NS, "a-1", SignalType.LOAD, 0.0, 0.0, TTL_MS, 0));
        assertNull(engine.onSignal(NOW_NS, "a-1", SignalType.LOAD, 1.0, 1.0, TTL_MS, 0));
    }

    @Test
    void shouldRejectSignalWithNonFiniteConfidence()
    {
        assertRejected(ErrorCode.CONFIDENCE_NOT_FINITE, "a-1", SignalType.LOAD, 0.5, Double.NaN, TTL_MS);
        assertRejected(ErrorCode.CONFIDENCE_NOT_FINITE, "a-1", SignalType.LOAD, 0.5, Double.POSITIVE_INFINITY, TTL_MS);
    }

    @Test
    void shouldRejectSignalWithConfidenceOutsideZeroToOne()
    {
        assertRejected(ErrorCode.CONFIDENCE_OUT_OF_RANGE, "a-1", SignalType.LOAD, 0.5, -0.1, TTL_MS);
        assertRejected(ErrorCode.CONFIDENCE_OUT_OF_RANGE, "a-1", SignalType.LOAD, 0.5, 1.5, TTL_MS);
    }

    @Test
    void shouldRejectSignalWithTtlNotPositive()
    {
        assertRejected(ErrorCode.TTL_NOT_POSITIVE, "a-1", SignalType.LOAD, 0.5, 1.0, 0);
        assertRejected(ErrorCode.TTL_NOT_POSITIVE, "a-1", SignalType.LOAD, 0.5, 1.0, -1);
    }

    @Test
    void shouldRejectSignalWithTtlLongerThanADay()
    {
        assertRejected(ErrorCode.TTL_TOO_LONG, "a-1", SignalType.LOAD, 0.5, 1.0, CoordinationEngine.MAX_TTL_MS + 1);
        assertNull(engine.onSignal(NOW_NS, "a-1", SignalType.LOAD, 0.5, 1.0, CoordinationEngine.MAX_TTL_MS, 0));
    }

    @Test
    void shouldRejectNewAgentBeyondCapacity()
    {
        final CoordinationEngine small = new CoordinationEngine(new EngineConfig().agentCapacity(2), null);
        assertNull(small.onSignal(NOW_NS, "a-1", SignalType.LOAD, 0.5, 1.0, TTL_MS, 0));
        assertNull(small.onSignal(NOW_NS, "a-2", SignalType.LOAD, 0.5, 1.0, TTL_MS, 0));

        final ErrorCode error = small.onSignal(NOW_NS, "a-3", SignalType.LOAD, 0.5, 1.0, TTL_MS, 0);

        assertEquals(ErrorCode.AGENT_CAPACITY_EXCEEDED, error);
        assertFalse(small.isTracked("a-3"));
        assertEquals(1, small.metrics().rejections(ErrorCode.AGENT_CAPACITY_EXCEEDED));
        assertNull(small.onSignal(NOW_NS, "a-1", SignalType.COST, 0.5, 1.0, TTL_MS, 0));
    }

    @Test
    void shouldCheckAgentIdBeforeType()
    {
        assertEquals(ErrorCode.INVALID_AGENT_ID, engine.onSignal(NOW_NS, "", 9, Double.NaN, 1.0, TTL_MS, 0));
    }

    @Test
    void shouldLeaveStateUntouchedWhenSignalIsRejected()
    {
        engine.onSignal(NOW_NS, "a-1", SignalType.LOAD, 0.2, 1.0, TTL_MS, 0);

        engine.onSignal(NOW_NS + 1, "a-1", SignalType.LOAD, Double.NaN, 1.0, TTL_MS, 0);
        engine.onSignal(NOW_NS + 1, "a-2", SignalType.LOAD, 2.0, 1.0, TTL_MS, 0);

        assertNull(engine.agentState(NOW_NS + 1, "a-1", view));
        assertEquals(0.2, view.value(SignalType.LOAD));
        assertEquals(NOW_NS, view.acceptedAtNs(SignalType.LOAD));
        assertEquals(1, view.historySize());
        assertFalse(engine.isTracked("a-2"));
        assertEquals(1, engine.metrics().signals());
        assertEquals(2, engine.metrics().rejections());
    }

    @Test
    void shouldMakeLatestSignalOfATypeCurrent()
    {
        engine.onSignal(NOW_NS, "a-1", SignalType.QUALITY, 0.2, 1.0, TTL_MS, 0);
        engine.onSignal(NOW_NS + 10, "a-1", SignalType.QUALITY, 0.7, 0.5, TTL_MS, 0);

        engine.agentState(NOW_NS + 10, "a-1", view);

        assertEquals(0.7, view.value(SignalType.QUALITY));
        assertEquals(0.5, view.confidence(SignalType.QUALITY));
        assertEquals(2, view.historySize());
    }

    @Test
    void shouldKeepOnlyTheConfiguredNumberOfSignalsInHistory()
    {
        final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().historySize(5), null);
        for (int i = 0; i < 12; i++)
        {
            engine.onSignal(NOW_NS + i, "a-1", SignalType.COST, 0.5, 1.0, TTL_MS, 0);
        }

        engine.agentState(NOW_NS + 12, "a-1", view);

        assertEquals(5, view.historySize());
    }

    private void assertRejected(
        final ErrorCode expected,
        final CharSequence agentId,
        final SignalType type,
        final double value,
        final double confidence,
        final long ttlMs)
    {
        final long before = engine.metrics().rejections(expected);

        final ErrorCode error = engine.onSignal(NOW_NS, agentId, type, value, confidence, ttlMs, 0);

        assertEquals(expected, error);
        assertEquals(before + 1, engine.metrics().rejections(expected));
        assertEquals(0, engine.metrics().signals());
    }
}
