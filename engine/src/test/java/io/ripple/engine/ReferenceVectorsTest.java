package io.ripple.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceVectorsTest
{
    private static final double TOLERANCE = 1e-9;

    @ParameterizedTest
    @ValueSource(strings = { "reference-1", "reference-2", "reference-3", "reference-4", "reference-5", "reference-6" })
    void shouldAnswerLikeTheReferenceService(final String name)
    {
        final Path directory = TraceRunner.vectorsDirectory();
        final List<JsonNode> trace = TraceRunner.readLines(directory.resolve(name + ".trace.jsonl"));
        final List<JsonNode> expected = TraceRunner.readLines(directory.resolve(name + ".expected.jsonl"));

        final List<ObjectNode> actual = new TraceRunner(new CoordinationEngine()).run(trace);

        final List<String> mismatches = new ArrayList<>();
        assertEquals(expected.size(), actual.size(), "number of answers");
        for (int i = 0; i < expected.size(); i++)
        {
            compare("answer " + (i + 1), expected.get(i), actual.get(i), mismatches);
        }
        assertTrue(mismatches.isEmpty(), () -> name + ": " + mismatches.size() + " mismatches, first: " +
            mismatches.subList(0, Math.min(5, mismatches.size())));
    }

    private static void compare(
        final String path, final JsonNode expected, final JsonNode actual, final List<String> mismatches)
    {
        if (expected.isObject())
        {
            for (final Map.Entry<String, JsonNode> field : expected.properties())
            {
                final JsonNode other = actual.get(field.getKey());
                if (null == other)
                {
                    mismatches.add(path + "." + field.getKey() + " missing in " + actual);
                }
                else
                {
                    compare(path + "." + field.getKey(), field.getValue(), other, mismatches);
                }
            }
        }
        else if (expected.isArray())
        {
            if (expected.size() != actual.size())
            {
                mismatches.add(path + " has " + actual.size() + " elements, expected " + expected.size());
                return;
            }
            for (int i = 0; i < expected.size(); i++)
            {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), mismatches);
            }
        }
        else if (expected.isNumber() && !expected.isIntegralNumber())
        {
            if (!(Math.abs(expected.asDouble() - actual.asDouble()) <= TOLERANCE))
            {
                mismatches.add(path + " = " + actual.asDouble() + ", expected " + expected.asDouble());
            }
        }
        else if (expected.isNumber())
        {
            if (Math.abs(expected.asDouble() - actual.asDouble()) > TOLERANCE)
            {
                mismatches.add(path + " = " + actual + ", expected " + expected);
            }
        }
        else if (!expected.equals(actual))
        {
            mismatches.add(path + " = " + actual + ", expected " + expected);
        }
    }
}
