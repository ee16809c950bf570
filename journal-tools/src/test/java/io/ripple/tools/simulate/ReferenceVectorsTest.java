package io.ripple.tools.simulate;

import io.ripple.engine.EngineConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every reference vector through the simulator with the engine's defaults and checks the answers against what
 * the reference service gave: same ids and ops in order, same agents selected, scores and probabilities within 1e-9.
 */
class ReferenceVectorsTest
{
    private static final double TOLERANCE = 1e-9;
    private static final String TRACE_SUFFIX = ".trace.jsonl";
    private static final String EXPECTED_SUFFIX = ".expected.jsonl";
    private static final int VECTOR_COUNT = 6;

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorNames")
    void shouldAnswerLikeTheReferenceService(final String vectorName) throws IOException
    {
        // given
        final Path directory = vectorDirectory();
        final List<String> expected = Files.readAllLines(directory.resolve(vectorName + EXPECTED_SUFFIX));
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();

        // when
        try (TraceSimulator simulator = new TraceSimulator(
            out, new PrintWriter(err), new EngineConfig(), null);
            BufferedReader trace = Files.newBufferedReader(directory.resolve(vectorName + TRACE_SUFFIX)))
        {
            simulator.run(trace);
        }

        // then
        final List<String> actual = out.toString().lines().collect(Collectors.toList());
        final String mismatch = new AnswerComparator(TOLERANCE).firstMismatch(expected, actual);
        assertNull(mismatch, vectorName + ": " + mismatch);
        assertEquals("", err.toString());
    }

    static Stream<String> vectorNames() throws IOException
    {
        final List<String> names;
        try (Stream<Path> files = Files.list(vectorDirectory()))
        {
            names = files
                .map((final Path file) -> file.getFileName().toString())
                .filter((final String fileName) -> fileName.endsWith(TRACE_SUFFIX))
                .map((final String fileName) -> fileName.substring(0, fileName.length() - TRACE_SUFFIX.length()))
                .sorted()
                .collect(Collectors.toList());
        }
        assertTrue(names.size() >= VECTOR_COUNT, "expected at least " + VECTOR_COUNT + " vectors, found " + names);

        return names.stream();
    }

    private static Path vectorDirectory()
    {
        try
        {
            return Path.of(ReferenceVectorsTest.class.getResource("/vectors/README.md").toURI()).getParent();
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

}
