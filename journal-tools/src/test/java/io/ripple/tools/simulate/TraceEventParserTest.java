package io.ripple.tools.simulate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceEventParserTest
{
    private final TraceEventParser parser = new TraceEventParser();
    private final TraceEvent event = new TraceEvent();

    @Test
    void shouldDecodeSignalAndDefaultItsConfidence() throws TraceFormatException
    {
        // when
        parser.parse("{\"t_ms\": 50, \"op\": \"signal\", \"agent\": \"a-7\", \"type\": \"COST\", " +
            "\"value\": 0.893, \"ttl_ms\": 10000}", 3, event);

        // then
        assertEquals(TraceOp.SIGNAL, event.op);
        assertEquals(3, event.lineNumber);
        assertEquals(50_000_000L, event.timestampNs);
        assertEquals("a-7", event.agent);
        assertEquals("COST", event.typeName);
        assertEquals(0.893, event.value);
        assertEquals(1.0, event.confidence);
        assertEquals(10_000L, event.ttlMs);
    }

    @Test
    void shouldDecodeSelectWithWeightsAndDefaultK() throws TraceFormatException
    {
        // when
        parser.parse("{\"t_ms\": 300, \"op\": \"select\", \"id\": 1, \"candidates\": [\"a\", \"b\"], " +
            "\"weights\": {\"load\": 0.5, \"availability\": 0.25}}", 1, event);

        // then
        assertEquals(TraceOp.SELECT, event.op);
        assertEquals(1L, event.idNumber);
        assertEquals(List.of("a", "b"), event.agentIds);
        assertArrayEquals(new double[]{ 0.5, 0, 0, 0, 0, 0.25 }, event.weights);
        assertEquals(1, event.k);
        assertTrue(event.has(TraceField.WEIGHTS));
    }

    @Test
    void shouldDefaultPredictHorizonAndThreshold() throws TraceFormatException
    {
        // when
        parser.parse("{\"t_ms\": 1, \"op\": \"predict\", \"id\": \"q-1\", \"agent\": \"a\"}", 1, event);

        // then
        assertEquals("q-1", event.idText);
        assertEquals(60_000L, event.horizonMs);
        assertEquals(0.8, event.threshold);
    }

    @Test
    void shouldConvertFractionalMillisecondsToNanoseconds() throws TraceFormatException
    {
        // when
        parser.parse("{\"t_ms\": 1.5, \"op\": \"sweep\"}", 1, event);

        // then
        assertEquals(1_500_000L, event.timestampNs);
    }

    @Test
    void shouldPassNaNValueThroughForTheEngineToReject() throws TraceFormatException
    {
        // when
        parser.parse("{\"t_ms\": 1, \"op\": \"signal\", \"agent\": \"a\", \"type\": \"LOAD\", " +
            "\"value\": NaN, \"ttl_ms\": 1000}", 1, event);

        // then
        assertTrue(Double.isNaN(event.value));
    }

    @Test
    void shouldSkipFieldsItDoesNotKnow() throws TraceFormatException
    {
        // when
        parser.parse("{\"t_ms\": 1, \"op\": \"sweep\", \"note\": {\"nested\": [1, 2]}}", 1, event);

        // then
        assertEquals(TraceOp.SWEEP, event.op);
    }

    @Test
    void shouldRejectLineThatIsNotJson()
    {
        assertError(TraceFormatError.MALFORMED_JSON, "{\"t_ms\": 1, \"op\": ");
        assertError(TraceFormatError.MALFORMED_JSON, "[1, 2]");
        assertError(TraceFormatError.MALFORMED_JSON, "{\"t_ms\": 1, \"op\": \"sweep\"} {}");
        assertError(TraceFormatError.MALFORMED_JSON, "{\"t_ms\": 1, \"t_ms\": 2, \"op\": \"sweep\"}");
    }

    @Test
    void shouldRejectUnknownOp()
    {
        final TraceFormatException ex = assertError(TraceFormatError.UNKNOWN_OP, "{\"t_ms\": 1, \"op\": \"dance\"}");

        assertTrue(ex.getMessage().contains("dance"), ex.getMessage());
    }

    @Test
    void shouldNameEveryMissingField()
    {
        final TraceFormatException ex = assertError(
            TraceFormatError.MISSING_FIELD, "{\"t_ms\": 1, \"op\": \"signal\", \"agent\": \"a\", \"type\": \"LOAD\"}");

        assertEquals("signal needs value, ttl_ms", ex.getMessage());
    }

    @Test
    void shouldTreatNullAsMissing()
    {
        assertError(TraceFormatError.MISSING_FIELD, "{\"t_ms\": null, \"op\": \"sweep\"}");
    }

    @Test
    void shouldRequireIdOnQueries()
    {
        assertError(TraceFormatError.MISSING_FIELD, "{\"t_ms\": 1, \"op\": \"scores\", \"agents\": [\"a\"]}");
    }

    @Test
    void shouldRequireCandidatesOrPoolOnSelect()
    {
        assertError(TraceFormatError.MISSING_FIELD, "{\"t_ms\": 1, \"op\": \"select\", \"id\": 1}");
        assertError(TraceFormatError.INVALID_FIELD,
            "{\"t_ms\": 1, \"op\": \"select\", \"id\": 1, \"candidates\": [\"a\"], \"pool\": \"p\"}");
    }

    @Test
    void shouldRejectFieldsOfTheWrongType()
    {
        assertError(TraceFormatError.INVALID_FIELD, "{\"t_ms\": \"soon\", \"op\": \"sweep\"}");
        assertError(TraceFormatError.INVALID_FIELD,
            "{\"t_ms\": 1, \"op\": \"select\", \"id\": 1, \"candidates\": [\"a\", 2]}");
        assertError(TraceFormatError.INVALID_FIELD,
            "{\"t_ms\": 1, \"op\": \"select\", \"id\": 1, \"candidates\": [\"a\"], \"k\": 1.5}");
        assertError(TraceFormatError.INVALID_FIELD, "{\"t_ms\": -1, \"op\": \"sweep\"}");
    }

    @Test
    void shouldRejectUnknownWeightName()
    {
        final TraceFormatException ex = assertError(TraceFormatError.INVALID_FIELD,
            "{\"t_ms\": 1, \"op\": \"scores\", \"id\": 1, \"agents\": [\"a\"], \"weights\": {\"lod\": 1}}");

        assertTrue(ex.getMessage().contains("'lod'"), ex.getMessage());
    }

    private TraceFormatException assertError(final TraceFormatError expected, final String line)
    {
        final TraceFormatException ex = assertThrows(TraceFormatException.class, () -> parser.parse(line, 1, event));
        assertEquals(expected, ex.error(), ex.getMessage());

        return ex;
    }
}
