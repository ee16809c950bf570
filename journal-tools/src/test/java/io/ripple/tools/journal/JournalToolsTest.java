package io.ripple.tools.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ripple.codecs.SignalType;
import io.ripple.codecs.TimerKind;
import io.ripple.engine.EngineConfig;
import io.ripple.journal.JournalConfig;
import io.ripple.journal.JournalWriter;
import io.ripple.journal.LiveEngine;
import io.ripple.journal.TestMessages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalToolsTest
{
    private static final long T0 = 1_764_770_000_000_000_000L;
    private static final long MS = 1_000_000L;

    @TempDir
    Path root;

    private Path dir;
    private final TestMessages messages = new TestMessages();
    private int records;

    @BeforeEach
    void writeSmallJournal()
    {
        dir = root.resolve("journal");
        try (LiveEngine live = new LiveEngine(dir, new JournalConfig(), new EngineConfig().agentCapacity(64)))
        {
            apply(live, 0, 1, messages.signal(1, "a-1", SignalType.LOAD, 0.5, 60_000));
            apply(live, 1, 1, messages.signal(2, "a-1", SignalType.LATENCY, 1.0, 60_000));
            apply(live, 2, 2, messages.signal(1, "a-2", SignalType.LOAD, 0.45, 60_000));
            apply(live, 3, 1, messages.joinPool(3, "a-1", "gpu"));
            apply(live, 4, 1, messages.joinPool(4, "a-2", "gpu"));
            apply(live, 10, 1, messages.select(5, 1, null, null, "a-1", "a-2"));
            apply(live, 11, 1, messages.select(6, 1, "reference", "gpu"));
            apply(live, 12, 2, messages.scores(2, "reference", "a-1", "a-2"));
            apply(live, 13, 2, messages.predict(3, "a-2", 60_000, 0.8));
            apply(live, 14, 0, messages.timer(T0 + 14 * MS, TimerKind.SWEEP));
            apply(live, 15, 1, messages.defineProfile(7, "fast", new double[]{ 0, 0, 0, 0, 1, 0 }, 0.0));
            apply(live, 16, 1, messages.signalBatch(
                8, new String[]{ "a-3", "a-4" }, SignalType.QUALITY, new double[]{ 0.9, 0.1 }));
            records = 12 + 2;
        }
    }

    @Test
    void shouldDumpEveryRecordAsTextAndJsonLines() throws Exception
    {
        // when
        final Result text = run("dump", dir.toString(), "--quiet");
        final Result json = run("dump", "--json", "--quiet", dir.toString());

        // then
        assertEquals(0, text.status, text.err);
        assertEquals(records, text.lines().size(), text.out);
        assertTrue(text.out.contains("Signal correlation_id=1 type=LOAD value=0.5 confidence=1.0 ttl_ms=60000 " +
            "agent=a-1"), text.out);
        assertTrue(text.out.contains("ANSWER"), text.out);

        final List<Map<String, Object>> objects = parseLines(json.out);
        assertEquals(records, objects.size());
        assertEquals("Signal", objects.get(0).get("template"));
        assertEquals("event", objects.get(0).get("kind"));
        assertEquals(T0, ((Number) objects.get(0).get("timestamp_ns")).longValue());
        assertEquals("SelectResult", objects.get(6).get("template"));
        assertEquals("answer", objects.get(6).get("kind"));
    }

    @Test
    void shouldFilterDumpByTypeAgentSessionAndTime()
    {
        // when
        final Result selects = run("dump", "--quiet", "--type", "Select", dir.toString());
        final Result agent = run("dump", "--quiet", "--agent", "a-2", "--kind", "event", dir.toString());
        final Result session = run("dump", "--quiet", "--session", "2", dir.toString());
        final Result window = run("dump", "--quiet", "--from", Long.toString(T0 + 10 * MS),
            "--to", "2025-12-03T13:53:20.013Z", dir.toString());

        // then
        assertEquals(2, selects.lines().size(), selects.out);
        assertTrue(selects.lines().stream().allMatch((l) -> l.contains(" Select ")));
        assertEquals(5, agent.lines().size(), agent.out);
        assertTrue(agent.lines().stream().allMatch((l) -> l.contains("a-2")));
        assertEquals(3, session.lines().size(), session.out);
        assertTrue(session.lines().stream().allMatch((l) -> l.contains("session=2")));
        assertEquals(5, window.lines().size(), window.out);
    }

    @Test
    void shouldCountRecordsPerTypeAndSession() throws Exception
    {
        // when
        final Result text = run("stats", "--quiet", dir.toString());
        final Result json = run("stats", "--json", "--quiet", dir.toString());

        // then
        assertEquals(0, text.status, text.err);
        assertTrue(text.out.contains("records      14 (12 events, 2 answers, 0 malformed)"), text.out);
        final Map<String, Object> stats = parseLines(json.out).get(0);
        assertEquals(12L, ((Number) stats.get("events")).longValue());
        @SuppressWarnings("unchecked") final Map<String, Object> byType = (Map<String, Object>) stats.get("by_type");
        assertEquals(3L, ((Number) byType.get("Signal")).longValue());
        assertEquals(2L, ((Number) byType.get("SelectResult (answer)")).longValue());
        @SuppressWarnings("unchecked") final Map<String, Object> bySession =
            (Map<String, Object>) stats.get("by_session");
        assertEquals(3L, ((Number) bySession.get("2")).longValue());
        assertEquals(0.016, ((Number) stats.get("span_s")).doubleValue(), 1e-9);
    }

    @Test
    void shouldTailLastRecordsAndFollowAppends() throws Exception
    {
        // given
        final Result last = run("tail", "-n", "2", dir.toString());
        assertEquals(2, last.lines().size(), last.out);
        assertTrue(last.lines().get(1).contains("SignalBatch"), last.out);

        // when
        final CompletableFuture<Result> follower = CompletableFuture.supplyAsync(
            () -> run("tail", "-f", "-n", "0", "--stop-after-idle-ms", "3000", dir.toString()));
        Thread.sleep(700);
        try (JournalWriter writer = JournalWriter.open(dir, new JournalConfig()))
        {
            for (int i = 0; i < 3; i++)
            {
                final int length = messages.signal(100 + i, "late-" + i, SignalType.COST, 0.3, 1_000);
                writer.appendEvent(100 + i, T0 + (100 + i) * MS, 9, messages.buffer, 0, length);
                Thread.sleep(100);
            }
        }

        // then
        final Result followed = follower.get(30, TimeUnit.SECONDS);
        assertEquals(0, followed.status, followed.err);
        assertEquals(3, followed.lines().size(), followed.out);
        assertTrue(followed.lines().get(2).contains("agent=late-2"), followed.out);
    }

    @Test
    void shouldFollowJournalAcrossCycleFiles() throws Exception
    {
        // given: a journal that starts a new file every second
        final Path rolling = root.resolve("rolling");
        final JournalConfig config = new JournalConfig().rollCycle("TEST_SECONDLY");
        try (JournalWriter writer = JournalWriter.open(rolling, config))
        {
            writer.appendEvent(0, T0, 1, messages.buffer, 0, messages.signal(0, "first", SignalType.COST, 0.3, 10));
        }

        // when
        final CompletableFuture<Result> follower = CompletableFuture.supplyAsync(
            () -> run("tail", "-f", "-n", "0", "--stop-after-idle-ms", "2500", rolling.toString()));
        Thread.sleep(500);
        try (JournalWriter writer = JournalWriter.open(rolling, config))
        {
            for (int i = 1; i <= 6; i++)
            {
                final int length = messages.signal(i, "agent-" + i, SignalType.COST, 0.3, 1_000);
                writer.appendEvent(i, T0 + i * MS, 1, messages.buffer, 0, length);
                Thread.sleep(400);
            }
        }

        // then
        final Result followed = follower.get(30, TimeUnit.SECONDS);
        assertEquals(6, followed.lines().size(), followed.out);
        assertTrue(followed.lines().get(5).contains("agent=agent-6"), followed.out);
        assertTrue(io.ripple.journal.JournalRetention.cycleFiles(rolling).size() >= 2);
    }

    @Test
    void shouldReplayAndVerifyEveryJournaledAnswer()
    {
        // when
        final Result result = run("replay", "--verify", "--quiet", dir.toString());

        // then
        assertEquals(0, result.status, result.out + result.err);
        assertTrue(result.out.contains("replayed       12 events, 2 answers read"), result.out);
        assertTrue(result.out.contains("state          4 agents tracked, 1 pools, 3 profiles"), result.out);
        assertTrue(result.out.contains("verify         OK: all 2 journaled answers reproduced exactly"), result.out);
    }

    @Test
    void shouldFailVerificationWhenAJournaledAnswerDiffers()
    {
        // given: an answer the engine would not give
        try (JournalWriter writer = JournalWriter.open(dir, new JournalConfig()))
        {
            final int selectLength = messages.select(50, 1, null, null, "a-1", "a-2");
            writer.appendEvent(50, T0 + 50 * MS, 1, messages.buffer, 0, selectLength);
            final int wrongLength = messages.scores(50, null, "a-1");
            writer.appendAnswer(50, T0 + 50 * MS, 1, messages.buffer, 0, wrongLength);
        }

        // when
        final Result result = run("replay", "--verify", "--quiet", dir.toString());

        // then
        assertEquals(1, result.status, result.out);
        assertTrue(result.out.contains("verify         FAILED: 2 of 3 journaled answers reproduced, 1 differ"),
            result.out);
        assertTrue(result.out.contains("DIFFERS at journal index"), result.out);
    }

    @Test
    void shouldReportSelectionsThatAnotherProfileWouldChange() throws Exception
    {
        // when
        final Result same = run("replay", "--quiet", "--profile", "default", dir.toString());
        final Result reference = run("replay", "--quiet", "--profile", "reference", dir.toString());
        final Path weights = root.resolve("weights.json");
        Files.writeString(weights, "{\"load\": 1.0}");
        final Result loadOnly = run("replay", "--quiet", "--weights", weights.toString(), dir.toString());

        // then
        assertEquals(0, same.status, same.err);
        assertTrue(same.out.contains("selections     2 compared"), same.out);
        assertTrue(same.out.contains("changed        1 (50.00 %)"), same.out);
        assertTrue(reference.out.contains("changed        1 (50.00 %)"), reference.out);
        assertTrue(reference.out.matches("(?s).*a-1\\s+1\\s+0\\s+-1.*"), reference.out);
        assertTrue(reference.out.matches("(?s).*a-2\\s+1\\s+2\\s+\\+1.*"), reference.out);
        assertTrue(loadOnly.out.contains("changed        1 (50.00 %)"), loadOnly.out);
    }

    @Test
    void shouldExplainWhyTheWinnerWon()
    {
        // when
        final Result bySession = run("explain", "--quiet", dir.toString(), "1/5");
        final Result bySequence = run("explain", "--quiet", dir.toString(), "#5");
        final Result missing = run("explain", "--quiet", dir.toString(), "1/999");

        // then
        assertEquals(0, bySession.status, bySession.err);
        assertTrue(bySession.out.contains("profile        default"), bySession.out);
        assertTrue(bySession.out.matches("(?s).*\\n\\s+1\\s+a-1\\s+0\\s+0\\.5499.*"), bySession.out);
        assertTrue(bySession.out.matches("(?s).*\\n\\s+2\\s+a-2\\s+1\\s+0\\.5124.*"), bySession.out);
        assertTrue(bySession.out.contains("why            a-1 beats a-2 by"), bySession.out);
        assertTrue(bySession.out.contains("latency +0.049978 (1.000 vs 0.500, weight 0.100)"), bySession.out);
        assertTrue(bySession.out.contains("journaled      the same answer"), bySession.out);
        assertEquals(bySession.out, bySequence.out);

        final Result pool = run("explain", "--quiet", dir.toString(), "1/6");
        assertEquals(0, pool.status, pool.err);
        assertTrue(pool.out.contains("profile        reference"), pool.out);
        assertTrue(pool.out.matches("(?s).*\\n\\s+1\\s+a-2\\s+1\\s+.*\\n\\s+2\\s+a-1\\s+0\\s+.*"), pool.out);
        assertTrue(pool.out.contains("journaled      the same answer"), pool.out);
        assertEquals(1, missing.status);
        assertTrue(missing.err.contains("no selection 1/999"), missing.err);
    }

    @Test
    void shouldExportTraceForSimulate() throws Exception
    {
        // when
        final Path trace = root.resolve("out.trace.jsonl");
        final Result result = run("export", "--trace", "-o", trace.toString(), dir.toString());

        // then
        assertEquals(0, result.status, result.err);
        final List<Map<String, Object>> lines = parseLines(Files.readString(trace));
        final List<String> ops = new ArrayList<>();
        double lastMs = -1;
        for (final Map<String, Object> line : lines)
        {
            ops.add((String) line.get("op"));
            final double tMs = ((Number) line.get("t_ms")).doubleValue();
            assertTrue(tMs >= lastMs);
            lastMs = tMs;
        }
        assertEquals(List.of("signal", "signal", "signal", "join", "join", "select", "select", "scores", "predict",
            "sweep", "profile", "signal", "signal"), ops);
        assertEquals(0L, ((Number) lines.get(0).get("t_ms")).longValue());
        assertEquals("LOAD", lines.get(0).get("type"));
        assertEquals(60_000L, ((Number) lines.get(0).get("ttl_ms")).longValue());
        assertEquals(1L, ((Number) lines.get(5).get("id")).longValue());
        assertEquals(List.of("a-1", "a-2"), lines.get(5).get("candidates"));
        assertEquals("gpu", lines.get(6).get("pool"));
        assertEquals("reference", lines.get(6).get("profile"));
        assertEquals(4L, ((Number) lines.get(8).get("id")).longValue());
        assertTrue(result.err.contains("export: 13 trace lines (4 queries)"), result.err);
    }

    @ParameterizedTest
    @ValueSource(strings = { "dump", "stats", "tail", "replay", "explain", "export" })
    void shouldAnswerBadPathAndForeignDirectoryWithStatusTwo(final String tool) throws Exception
    {
        // given
        final Path foreign = Files.createDirectories(root.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "not a journal");

        // when
        final Result missing = run(args(tool, root.resolve("nope").toString()));
        final Result other = run(args(tool, foreign.toString()));

        // then
        assertEquals(2, missing.status, missing.err);
        assertTrue(missing.err.contains("no such directory"), missing.err);
        assertEquals(2, other.status, other.err);
        assertTrue(other.err.contains("not a Ripple journal"), other.err);
        assertFalse(Files.exists(root.resolve("nope")));
    }

    private static String[] args(final String tool, final String path)
    {
        switch (tool)
        {
            case "explain":
                return new String[]{ tool, path, "1/1" };
            case "export":
                return new String[]{ tool, "--trace", path };
            default:
                return new String[]{ tool, path };
        }
    }

    private void apply(final LiveEngine live, final int ms, final long sessionId, final int length)
    {
        live.apply(T0 + ms * MS, sessionId, messages.buffer, length);
    }

    private static Result run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = new CommandLine(new JournalCommand())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
        final int status = commandLine.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    private static List<Map<String, Object>> parseLines(final String text) throws Exception
    {
        final List<Map<String, Object>> objects = new ArrayList<>();
        final JsonFactory factory = new JsonFactory();
        for (final String line : text.split("\n"))
        {
            if (!line.isBlank())
            {
                try (JsonParser parser = factory.createParser(line))
                {
                    assertEquals(JsonToken.START_OBJECT, parser.nextToken(), line);
                    objects.add(readObject(parser));
                }
            }
        }
        return objects;
    }

    private static Map<String, Object> readObject(final JsonParser parser) throws Exception
    {
        final Map<String, Object> object = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = parser.currentName();
            object.put(name, readValue(parser, parser.nextToken()));
        }
        return object;
    }

    private static Object readValue(final JsonParser parser, final JsonToken token) throws Exception
    {
        switch (token)
        {
            case START_OBJECT:
                return readObject(parser);
            case START_ARRAY:
            {
                final List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY)
                {
                    list.add(readValue(parser, next));
                }
                return list;
            }
            case VALUE_NUMBER_INT:
                return parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return true;
            case VALUE_FALSE:
                return false;
            case VALUE_NULL:
                return null;
            default:
                return parser.getText();
        }
    }

    static final class Result
    {
        final int status;
        final String out;
        final String err;

        Result(final int status, final String out, final String err)
        {
            this.status = status;
            this.out = out;
            this.err = err;
        }

        List<String> lines()
        {
            final List<String> lines = new ArrayList<>();
            for (final String line : out.split("\n"))
            {
                if (!line.isBlank())
                {
                    lines.add(line);
                }
            }
            return lines;
        }
    }
}
