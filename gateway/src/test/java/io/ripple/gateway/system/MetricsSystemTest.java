package io.ripple.gateway.system;

import io.ripple.codecs.SignalType;
import io.ripple.gateway.cli.RippleMain;
import io.ripple.gateway.client.RippleClient;
import io.ripple.gateway.client.RippleException;
import io.ripple.gateway.metrics.CncCounters;
import io.ripple.gateway.metrics.CncReader;
import io.ripple.gateway.metrics.ServerInfoFile;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsSystemTest
{
    private static final long WAIT_MS = 10_000;
    private static final Pattern RANK_LINE = Pattern.compile("(?m)^\\s+(\\d+)\\s+(\\S+)\\s+(\\d+)\\s+(\\d+)$");

    @TempDir
    static Path journalDir;

    private static TestCluster cluster;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startServer() throws Exception
    {
        cluster = new TestCluster(journalDir).start((config) -> config.metricsPort(0).metricsIntervalMs(20));
    }

    @AfterAll
    static void stopServer()
    {
        cluster.close();
    }

    @Test
    void shouldAnswerHealthWhileServing() throws Exception
    {
        final HttpResponse<String> response = get("/health");

        assertEquals(200, response.statusCode());
        assertEquals("UP", response.body().trim());
    }

    @Test
    void shouldCountSignalsSelectionsAndRejectionsAfterRealTraffic() throws Exception
    {
        final RippleClient agent = cluster.connect("fleet-a");
        final RippleClient router = cluster.connect("router");
        final double signalsBefore = value(get("/metrics").body(), "ripple_signals_accepted_total{type=\"QUALITY\"}");
        final double selectionsBefore = value(get("/metrics").body(), "ripple_selections_total");

        for (int i = 0; i < 5; i++)
        {
            agent.signalAndAwaitAck("a-q" + i, SignalType.QUALITY, 0.5, 1.0, 60_000);
        }
        router.select(router.selectRequest().candidate("a-q1").candidate("a-q2").k(1));
        assertThrows(RippleException.class,
            () -> agent.signalAndAwaitAck("a-q0", SignalType.QUALITY, 2.0, 1.0, 60_000));

        awaitMetric("ripple_signals_accepted_total{type=\"QUALITY\"}", signalsBefore + 5);
        awaitMetric("ripple_selections_total", selectionsBefore + 1);
        final String body = awaitMetric("ripple_rejections_total{code=\"VALUE_OUT_OF_RANGE\"}", 1);
        assertTrue(value(body, "ripple_frames_received_total") >= 7, body);
        assertTrue(value(body, "ripple_journal_index") > 0, body);
        assertTrue(value(body, "ripple_sessions_open") >= 2, body);
        assertTrue(value(body, "ripple_engine_service_time_seconds_count") >= 7, body);
        assertTrue(value(body, "ripple_ingress_to_egress_seconds_count") >= 7, body);
    }

    @Test
    void shouldCountMessagesInByTemplateOverHttpAndInTheCncCounters() throws Exception
    {
        final String body = get("/metrics").body();
        final double connectsBefore = value(body, messagesIn("Connect"));
        final double signalsBefore = value(body, messagesIn("Signal"));
        final double batchesBefore = value(body, messagesIn("SignalBatch"));
        final double selectsBefore = value(body, messagesIn("Select"));
        final double metricsQueriesBefore = value(body, messagesIn("MetricsQuery"));
        final double joinsBefore = value(body, messagesIn("JoinPool"));

        final RippleClient agent = cluster.connect("fleet-a");
        final RippleClient router = cluster.connect("router");
        for (int i = 0; i < 3; i++)
        {
            agent.signalAndAwaitAck("a-t" + i, SignalType.LOAD, 0.25, 1.0, 60_000);
        }
        agent.awaitAck(agent.beginBatch()
            .addToBatch("a-t0", SignalType.COST, 0.5, 1.0, 60_000)
            .addToBatch("a-t1", SignalType.COST, 0.5, 1.0, 60_000)
            .sendBatch());
        for (int i = 0; i < 2; i++)
        {
            router.select(router.selectRequest().candidate("a-t0").candidate("a-t1").k(1));
        }
        router.metrics();

        assertEquals(connectsBefore + 2, awaitMetricValue(messagesIn("Connect"), connectsBefore + 2));
        assertEquals(signalsBefore + 3, awaitMetricValue(messagesIn("Signal"), signalsBefore + 3));
        assertEquals(batchesBefore + 1, awaitMetricValue(messagesIn("SignalBatch"), batchesBefore + 1));
        assertEquals(selectsBefore + 2, awaitMetricValue(messagesIn("Select"), selectsBefore + 2));
        assertEquals(metricsQueriesBefore + 1,
            awaitMetricValue(messagesIn("MetricsQuery"), metricsQueriesBefore + 1));
        assertEquals(joinsBefore, value(get("/metrics").body(), messagesIn("JoinPool")));
        assertEquals((long) signalsBefore + 3, awaitCncCounter(CncCounters.MESSAGES_IN_LABEL + "Signal",
            (long) signalsBefore + 3));
        assertEquals((long) selectsBefore + 2, awaitCncCounter(CncCounters.MESSAGES_IN_LABEL + "Select",
            (long) selectsBefore + 2));
    }

    @Test
    void shouldShowRippleCountersInStatFoundThroughTheJournalDirectory() throws Exception
    {
        final RippleClient agent = cluster.connect("fleet-a");
        agent.signalAndAwaitAck("a-stat", SignalType.COST, 0.5, 1.0, 60_000);
        awaitCncCounter("frames received", 1);

        final StringWriter out = new StringWriter();
        final int status = run(out, "stat", "--journal-dir", journalDir.toString(), "--count", "1");

        assertEquals(0, status);
        final Matcher frames = Pattern.compile("frames received\\s+(\\d+)").matcher(out.toString());
        assertTrue(frames.find(), out.toString());
        assertTrue(Long.parseLong(frames.group(1)) >= 1, out.toString());
        assertTrue(out.toString().contains("rejections SERVER_BUSY"), out.toString());
        assertTrue(Files.exists(journalDir.resolve(ServerInfoFile.FILE_NAME)));
    }

    @Test
    void shouldRankTheBusiestAgentsInStatFromTheJournal()
    {
        final RippleClient agent = cluster.connect("fleet-a");
        for (int i = 0; i < 20; i++)
        {
            agent.signalAndAwaitAck("a-busy-1", SignalType.LOAD, 0.5, 1.0, 60_000);
        }
        agent.beginBatch();
        for (int i = 0; i < 10; i++)
        {
            agent.addToBatch("a-busy-1", SignalType.CAPACITY, 0.5, 1.0, 60_000);
        }
        agent.awaitAck(agent.sendBatch());
        for (int i = 0; i < 10; i++)
        {
            agent.signalAndAwaitAck("a-busy-2", SignalType.LOAD, 0.5, 1.0, 60_000);
        }

        final StringWriter out = new StringWriter();
        final int status = run(out, "stat", "--journal-dir", journalDir.toString(), "--once", "--top", "2",
            "--interval-ms", "600000");

        assertEquals(0, status, out.toString());
        final Matcher ranks = RANK_LINE.matcher(out.toString());
        assertTrue(ranks.find(), out.toString());
        assertEquals("1 a-busy-1 30 30", ranks.group(1) + " " + ranks.group(2) + " " + ranks.group(3) + " " +
            ranks.group(4), out.toString());
        assertTrue(ranks.find(), out.toString());
        assertEquals("2 a-busy-2 10 10", ranks.group(1) + " " + ranks.group(2) + " " + ranks.group(3) + " " +
            ranks.group(4), out.toString());
        assertFalse(ranks.find(), out.toString());
    }

    @Test
    void shouldSayTheJournalIsNotReadableAndStillShowTheCounters(@TempDir final Path notAJournal)
    {
        final StringWriter out = new StringWriter();
        final int status = run(out, "stat", "--aeron-dir", cluster.server().aeronDirectoryName(),
            "--journal-dir", notAJournal.toString(), "--once");

        assertEquals(0, status, out.toString());
        assertTrue(out.toString().contains("frames received"), out.toString());
        assertTrue(out.toString().contains("Busiest agents: journal " + notAJournal + " not readable"), out.toString());
    }

    @Test
    void shouldPrintFaultsRecordedInTheDriverErrorLog()
    {
        cluster.server().counters().onStageError(new IllegalStateException("injected fault for the error log"));

        final StringWriter out = new StringWriter();
        final int status = run(out, "errors", "--aeron-dir", cluster.server().aeronDirectoryName());

        assertEquals(0, status);
        assertTrue(out.toString().contains("injected fault for the error log"), out.toString());
        assertFalse(out.toString().contains(" 0 distinct errors"), out.toString());
    }

    private static int run(final StringWriter out, final String... args)
    {
        final CommandLine commandLine = RippleMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        return commandLine.execute(args);
    }

    private static String awaitMetric(final String series, final double atLeast) throws Exception
    {
        final long deadlineMs = System.currentTimeMillis() + WAIT_MS;
        String body = get("/metrics").body();
        while (value(body, series) < atLeast && System.currentTimeMillis() < deadlineMs)
        {
            Thread.sleep(20);
            body = get("/metrics").body();
        }
        assertTrue(value(body, series) >= atLeast, series + " below " + atLeast + " in\n" + body);
        return body;
    }

    private static double awaitMetricValue(final String series, final double atLeast) throws Exception
    {
        return value(awaitMetric(series, atLeast), series);
    }

    private static long awaitCncCounter(final String label, final long atLeast) throws Exception
    {
        try (CncReader cnc = CncReader.open(cluster.server().aeronDirectoryName()))
        {
            final CountersReader counters = cnc.counters();
            final long deadlineMs = System.currentTimeMillis() + WAIT_MS;
            long value = cncCounter(counters, CncCounters.LABEL_PREFIX + label);
            while (value < atLeast && System.currentTimeMillis() < deadlineMs)
            {
                Thread.sleep(20);
                value = cncCounter(counters, CncCounters.LABEL_PREFIX + label);
            }
            return value;
        }
    }

    private static long cncCounter(final CountersReader counters, final String label)
    {
        final long[] value = { -1 };
        counters.forEach((counterId, typeId, keyBuffer, counterLabel) ->
        {
            if (label.equals(counterLabel))
            {
                value[0] = counters.getCounterValue(counterId);
            }
        });
        return value[0];
    }

    private static String messagesIn(final String template)
    {
        return "ripple_messages_in_total{template=\"" + template + "\"}";
    }

    private static HttpResponse<String> get(final String path) throws IOException, InterruptedException
    {
        final URI uri = URI.create("http://127.0.0.1:" + cluster.server().metricsPort() + path);
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double value(final String body, final String series)
    {
        for (final String line : body.split("\n"))
        {
            if (line.startsWith(series + " "))
            {
                return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
            }
        }
        return -1;
    }
}
