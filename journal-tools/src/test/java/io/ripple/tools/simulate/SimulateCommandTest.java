package io.ripple.tools.simulate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulateCommandTest
{
    private static final String SIGNALS =
        "{\"t_ms\": 10, \"op\": \"signal\", \"agent\": \"fast\", \"type\": \"LATENCY\", \"value\": 0.9, " +
        "\"ttl_ms\": 60000}\n" +
        "{\"t_ms\": 10, \"op\": \"signal\", \"agent\": \"fast\", \"type\": \"LOAD\", \"value\": 0.6, " +
        "\"ttl_ms\": 60000}\n" +
        "{\"t_ms\": 20, \"op\": \"signal\", \"agent\": \"idle\", \"type\": \"LATENCY\", \"value\": 0.1, " +
        "\"ttl_ms\": 60000}\n" +
        "{\"t_ms\": 20, \"op\": \"signal\", \"agent\": \"idle\", \"type\": \"LOAD\", \"value\": 0.1, " +
        "\"ttl_ms\": 60000}\n";
    private static final String SELECT_BY_REFERENCE = "{\"t_ms\": 30, \"op\": \"select\", \"id\": 1, " +
        "\"candidates\": [\"fast\", \"idle\"], \"profile\": \"reference\"}\n";
    private static final String PROFILES_FILE =
        "[{\"name\": \"latency-only\", \"model\": \"reference\", \"weights\": {\"latency\": 1.0}, " +
        "\"in_flight_penalty\": 0.0}]";

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldExplainTheFormatWithAnExampleInHelp()
    {
        // when
        final int status = execute("--help");

        // then
        assertEquals(0, status);
        assertTrue(out.toString().contains("Usage: simulate"), out.toString());
        assertTrue(out.toString().contains("{\"t_ms\": 300, \"op\": \"select\", \"id\": 1"), out.toString());
        assertTrue(out.toString().contains("TIME_DECREASING"), out.toString());
    }

    @Test
    void shouldExitWithUsageStatusWhenTheTraceDoesNotExist()
    {
        // when
        final int status = execute(directory.resolve("missing.jsonl").toString());

        // then
        assertEquals(SimulateCommand.EXIT_USAGE, status);
        assertTrue(err.toString().contains("missing.jsonl does not exist"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void shouldExitWithUsageStatusWhenTheTraceIsADirectory()
    {
        assertEquals(SimulateCommand.EXIT_USAGE, execute(directory.toString()));
        assertTrue(err.toString().contains("is a directory"), err.toString());
    }

    @Test
    void shouldExitWithUsageStatusForAnUnknownOptionOrNoTrace()
    {
        assertEquals(SimulateCommand.EXIT_USAGE, execute("--no-such-option", "trace.jsonl"));
        assertEquals(SimulateCommand.EXIT_USAGE, execute());
    }

    @Test
    void shouldExitWithUsageStatusForAMalformedProfilesFile() throws IOException
    {
        // given
        final Path trace = write("trace.jsonl", SIGNALS);
        final Path profiles = write("profiles.json", "[{\"name\": \"no-weights\"}]");

        // when
        final int status = execute("--profiles", profiles.toString(), trace.toString());

        // then
        assertEquals(SimulateCommand.EXIT_USAGE, status);
        assertTrue(err.toString().contains("entry 1: profile needs weights"), err.toString());
    }

    @Test
    void shouldExitWithUsageStatusForAProfileTheEngineRejects() throws IOException
    {
        // given
        final Path trace = write("trace.jsonl", SIGNALS);
        final Path profiles = write("profiles.json", "[{\"name\": \"default\", \"weights\": {\"load\": 1}}]");

        // when
        final int status = execute("--profiles", profiles.toString(), trace.toString());

        // then
        assertEquals(SimulateCommand.EXIT_USAGE, status);
        assertTrue(err.toString().contains("INVALID_PROFILE"), err.toString());
    }

    @Test
    void shouldExitWithUsageStatusForAnUnusableEngineSetting() throws IOException
    {
        assertEquals(SimulateCommand.EXIT_USAGE,
            execute("--agent-capacity", "0", write("trace.jsonl", SIGNALS).toString()));
        assertTrue(err.toString().contains("agentCapacity"), err.toString());
    }

    @Test
    void shouldAnswerOnlyTheQueriesOfAWellFormedTrace() throws IOException
    {
        // when
        final int status = execute(write("trace.jsonl", SIGNALS + SELECT_BY_REFERENCE).toString());

        // then
        assertEquals(SimulateCommand.EXIT_OK, status);
        final List<Map<String, Object>> answers = answers(out.toString());
        assertEquals(1, answers.size());
        assertEquals("idle", selectedAgent(answers.get(0)));
        assertEquals("", err.toString());
    }

    @Test
    void shouldAnswerEachMalformedLineWithItsNumberAndCarryOn() throws IOException
    {
        // given
        final String trace = SIGNALS +
            "{\"t_ms\": 21, \"op\": \n" +
            "{\"t_ms\": 22, \"op\": \"dance\"}\n" +
            "{\"t_ms\": 23, \"op\": \"signal\", \"agent\": \"fast\", \"type\": \"LOAD\"}\n" +
            "{\"t_ms\": 5, \"op\": \"select\", \"id\": 9, \"candidates\": [\"fast\"]}\n" +
            "\n" +
            SELECT_BY_REFERENCE;

        // when
        final int status = execute(write("trace.jsonl", trace).toString());

        // then
        assertEquals(SimulateCommand.EXIT_OK, status);
        final List<Map<String, Object>> answers = answers(out.toString());
        assertEquals(5, answers.size());
        assertError(answers.get(0), "MALFORMED_JSON", 5L);
        assertError(answers.get(1), "UNKNOWN_OP", 6L);
        assertError(answers.get(2), "MISSING_FIELD", 7L);
        assertError(answers.get(3), "TIME_DECREASING", 8L);
        assertEquals(9L, answers.get(3).get("id"));
        assertEquals("idle", selectedAgent(answers.get(4)));
        assertTrue(err.toString().contains("4 of them errors"), err.toString());
    }

    @Test
    void shouldAnswerARejectedSignalByLineAndARejectedQueryById() throws IOException
    {
        // given
        final String trace = SIGNALS +
            "{\"t_ms\": 25, \"op\": \"signal\", \"agent\": \"fast\", \"type\": \"LOAD\", \"value\": 1.5, " +
            "\"ttl_ms\": 1000}\n" +
            "{\"t_ms\": 26, \"op\": \"signal\", \"agent\": \"fast\", \"type\": \"HEAT\", \"value\": 0.5, " +
            "\"ttl_ms\": 1000}\n" +
            "{\"t_ms\": 27, \"op\": \"scores\", \"id\": 2, \"agents\": [\"fast\"], \"profile\": \"cheapest\"}\n" +
            "{\"t_ms\": 28, \"op\": \"select\", \"id\": 3, \"candidates\": [\"fast\", \"bad id\"]}\n";

        // when
        execute(write("trace.jsonl", trace).toString());

        // then
        final List<Map<String, Object>> answers = answers(out.toString());
        assertEquals(4, answers.size());
        assertError(answers.get(0), "VALUE_OUT_OF_RANGE", 5L);
        assertEquals("signal value must be in [0, 1]: value 1.5", answers.get(0).get("message"));
        assertError(answers.get(1), "UNKNOWN_SIGNAL_TYPE", 6L);
        assertError(answers.get(2), "UNKNOWN_PROFILE", 7L);
        assertEquals(2L, answers.get(2).get("id"));
        assertEquals("unknown profile: 'cheapest'", answers.get(2).get("message"));
        assertError(answers.get(3), "INVALID_AGENT_ID", 8L);
        assertTrue(answers.get(3).get("message").toString().endsWith("'bad id'"), answers.get(3).toString());
    }

    @Test
    void shouldAnswerEveryQueryWithTheOverridingProfile() throws IOException
    {
        // given
        final Path trace = write("trace.jsonl", SIGNALS + SELECT_BY_REFERENCE +
            "{\"t_ms\": 31, \"op\": \"scores\", \"id\": 2, \"agents\": [\"fast\"], \"weights\": {\"load\": 1}}\n");
        final Path profiles = write("profiles.json", PROFILES_FILE);

        // when
        final int status = execute("--profiles", profiles.toString(), "--profile", "latency-only", trace.toString());

        // then
        assertEquals(SimulateCommand.EXIT_OK, status);
        final List<Map<String, Object>> answers = answers(out.toString());
        assertEquals("fast", selectedAgent(answers.get(0)));
        final Map<?, ?> scores = (Map<?, ?>) ((List<?>) answers.get(1).get("scores")).get(0);
        assertEquals(0.9 * Math.exp(-0.021 / 60), ((Number) scores.get("score")).doubleValue(), 1e-12);
    }

    @Test
    void shouldUseProfilesDefinedInTheTrace() throws IOException
    {
        // given
        final String trace = SIGNALS +
            "{\"t_ms\": 29, \"op\": \"profile\", \"name\": \"latency-only\", \"model\": \"reference\", " +
            "\"weights\": {\"latency\": 1}}\n" +
            "{\"t_ms\": 30, \"op\": \"select\", \"id\": 1, \"candidates\": [\"idle\", \"fast\"], " +
            "\"profile\": \"latency-only\"}\n" +
            "{\"t_ms\": 31, \"op\": \"profile\", \"name\": \"bad\", \"model\": \"quantum\", " +
            "\"weights\": {\"load\": 1}}\n";

        // when
        execute(write("trace.jsonl", trace).toString());

        // then
        final List<Map<String, Object>> answers = answers(out.toString());
        assertEquals("fast", selectedAgent(answers.get(0)));
        assertError(answers.get(1), "INVALID_PROFILE", 7L);
        assertTrue(answers.get(1).get("message").toString().contains("unknown model 'quantum'"), answers.toString());
    }

    @Test
    void shouldSelectFromAPoolThatAgentsJoinAndLeave() throws IOException
    {
        // given
        final String trace = SIGNALS +
            "{\"t_ms\": 21, \"op\": \"join\", \"agent\": \"fast\", \"pool\": \"gpu\"}\n" +
            "{\"t_ms\": 22, \"op\": \"join\", \"agent\": \"idle\", \"pool\": \"gpu\"}\n" +
            "{\"t_ms\": 23, \"op\": \"select\", \"id\": 1, \"pool\": \"gpu\", \"profile\": \"reference\", \"k\": 2}\n" +
            "{\"t_ms\": 24, \"op\": \"leave\", \"agent\": \"idle\", \"pool\": \"gpu\"}\n" +
            "{\"t_ms\": 25, \"op\": \"leave\", \"agent\": \"idle\", \"pool\": \"gpu\"}\n" +
            "{\"t_ms\": 26, \"op\": \"select\", \"id\": 2, \"pool\": \"gpu\", \"profile\": \"reference\", \"k\": 2}\n";

        // when
        execute(write("trace.jsonl", trace).toString());

        // then
        final List<Map<String, Object>> answers = answers(out.toString());
        assertEquals(3, answers.size());
        assertEquals(List.of("idle", "fast"), selectedAgents(answers.get(0)));
        assertError(answers.get(1), "NOT_IN_POOL", 9L);
        assertError(answers.get(2), "K_OUT_OF_RANGE", 10L);
    }

    @Test
    void shouldWriteAnswersToTheOutputFile() throws IOException
    {
        // given
        final Path trace = write("trace.jsonl", SIGNALS + SELECT_BY_REFERENCE);
        final Path output = directory.resolve("answers.jsonl");

        // when
        final int status = execute("--output", output.toString(), trace.toString());

        // then
        assertEquals(SimulateCommand.EXIT_OK, status);
        assertEquals("", out.toString());
        assertEquals("idle", selectedAgent(answers(Files.readString(output)).get(0)));
    }

    @Test
    void shouldExitWithUsageStatusWhenTheOutputCannotBeCreated() throws IOException
    {
        // given
        final Path trace = write("trace.jsonl", SIGNALS);

        // when
        final Path output = directory.resolve("no/such/dir/a.jsonl");
        final int status = execute("--output", output.toString(), trace.toString());

        // then
        assertEquals(SimulateCommand.EXIT_USAGE, status);
        assertTrue(err.toString().contains("cannot create output file"), err.toString());
    }

    private int execute(final String... args)
    {
        return new CommandLine(new SimulateCommand())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    }

    private Path write(final String name, final String content) throws IOException
    {
        return Files.writeString(directory.resolve(name), content);
    }

    private static List<Map<String, Object>> answers(final String output)
    {
        return output.lines().map(JsonTree::parseObject).collect(Collectors.toList());
    }

    private static String selectedAgent(final Map<String, Object> answer)
    {
        return selectedAgents(answer).get(0);
    }

    private static List<String> selectedAgents(final Map<String, Object> answer)
    {
        assertTrue(answer.containsKey("selected"), answer.toString());
        return ((List<?>) answer.get("selected")).stream()
            .map((final Object row) -> (String) ((Map<?, ?>) row).get("agent"))
            .collect(Collectors.toList());
    }

    private static void assertError(final Map<String, Object> answer, final String code, final long lineNumber)
    {
        assertEquals(code, answer.get("error"), answer.toString());
        assertEquals(lineNumber, answer.get("line"), answer.toString());
        assertTrue(answer.get("message") instanceof String, answer.toString());
    }
}
