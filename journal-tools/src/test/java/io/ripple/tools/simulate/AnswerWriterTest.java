package io.ripple.tools.simulate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AnswerWriterTest
{
    private final StringWriter out = new StringWriter();
    private final TraceEventParser parser = new TraceEventParser();
    private final TraceEvent event = new TraceEvent();

    @Test
    void shouldWriteSelectionInReferenceLayout() throws Exception
    {
        // given
        parser.parse("{\"t_ms\": 1, \"op\": \"select\", \"id\": 7, \"candidates\": [\"a\"]}", 1, event);

        // when
        try (AnswerWriter writer = new AnswerWriter(out))
        {
            writer.beginAgentList(event, "selected");
            writer.agent("a", 0.25, new double[]{ 0.5, 0.5, 0.5, 0.5, 0.5, 1.0 }, 3);
            writer.endAgentList();
        }

        // then
        assertEquals("{\"id\": 7, \"op\": \"select\", \"selected\": [{\"agent\": \"a\", \"score\": 0.25, " +
            "\"load\": 0.5, \"capacity\": 0.5, \"quality\": 0.5, \"cost\": 0.5, \"latency\": 0.5, " +
            "\"availability\": 1.0, \"in_flight\": 3}]}\n", out.toString());
    }

    @Test
    void shouldAnswerEventWithoutIdByLineNumber() throws Exception
    {
        // given
        parser.parse("{\"t_ms\": 1, \"op\": \"signal\", \"agent\": \"a\", \"type\": \"LOAD\", \"value\": 2, " +
            "\"ttl_ms\": 1}", 12, event);

        // when
        try (AnswerWriter writer = new AnswerWriter(out))
        {
            writer.error(event, "VALUE_OUT_OF_RANGE", "value 2.0 is outside [0, 1]");
        }

        // then
        assertEquals("{\"line\": 12, \"op\": \"signal\", \"error\": \"VALUE_OUT_OF_RANGE\", " +
            "\"message\": \"value 2.0 is outside [0, 1]\"}\n", out.toString());
    }

    @Test
    void shouldAnswerQueryErrorWithIdAndLineNumber() throws Exception
    {
        // given
        parser.parse("{\"t_ms\": 1, \"op\": \"predict\", \"id\": 4, \"agent\": \"a\"}", 9, event);

        // when
        try (AnswerWriter writer = new AnswerWriter(out))
        {
            writer.error(event, "UNKNOWN_AGENT", "no such agent");
        }

        // then
        final Map<String, Object> answer = JsonTree.parseObject(out.toString());
        assertEquals(List.of("id", "op", "error", "message", "line"), List.copyOf(answer.keySet()));
        assertEquals(4L, answer.get("id"));
        assertEquals(9L, answer.get("line"));
    }

    @Test
    void shouldWriteDoublesThatReadBackToTheSameBits() throws Exception
    {
        // given
        parser.parse("{\"t_ms\": 1, \"op\": \"predict\", \"id\": 1, \"agent\": \"a\"}", 1, event);
        final Random random = new Random(42);
        final double[] probabilities = new double[10_000];
        for (int i = 0; i < probabilities.length; i++)
        {
            probabilities[i] = i % 2 == 0 ? random.nextDouble() : Double.longBitsToDouble(random.nextLong() >>> 2);
        }

        // when
        try (AnswerWriter writer = new AnswerWriter(out))
        {
            for (final double probability : probabilities)
            {
                writer.prediction(event, probability > 0.8, probability);
            }
        }

        // then
        final String[] lines = out.toString().split("\n");
        for (int i = 0; i < probabilities.length; i++)
        {
            final double readBack = ((Number) JsonTree.parseObject(lines[i]).get("probability")).doubleValue();
            assertEquals(Double.doubleToLongBits(probabilities[i]), Double.doubleToLongBits(readBack), lines[i]);
        }
    }

    @Test
    void shouldLeaveTheUnderlyingWriterOpen() throws IOException
    {
        // when
        new AnswerWriter(out).close();
        out.write("still open");

        // then
        assertEquals("still open", out.toString());
    }
}
