package io.ripple.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadCommandTest
{
    @Test
    void shouldAcknowledgeEverySignalAndAnswerEverySelectionOfAShortRunOnAnEmbeddedServer(@TempDir final Path dir)
        throws Exception
    {
        // given
        final Path json = dir.resolve("load.json");
        final StringWriter output = new StringWriter();
        final CommandLine command = new CommandLine(new LoadCommand());
        command.setOut(new PrintWriter(output));

        // when
        final int exitCode = command.execute(
            "--agents", "50", "--signal-rate", "500", "--select-rate", "50", "--candidates", "10",
            "--warmup", "1s", "--duration", "2s", "--client-idle", "park",
            "--dir", dir.resolve("server").toString(), "--json", json.toString(),
            "--hgrm", dir.resolve("hgrm").toString());

        // then
        assertEquals(0, exitCode, output.toString());
        final JsonFigures figures = JsonFigures.parse(Files.readString(json));
        assertTrue(figures.get("signals.sent") >= 1_000, output.toString());
        assertEquals(figures.get("signals.sent"), figures.get("signals.acked"), output.toString());
        assertEquals(0, figures.get("signals.lost"));
        assertEquals(0, figures.get("signals.errors"));
        assertTrue(figures.get("selections.answered") >= 100, output.toString());
        assertEquals(0, figures.get("selections.lost"));
        assertEquals(0, figures.get("lost"));
        assertTrue(figures.get("signal_ack.count") > 0);
        // the whole window is measured, its first second too, even after a warm-up too short for the heap figure
        assertTrue(Math.abs(figures.get("signals.per_s") - 500) < 100, output.toString());
        assertTrue(Math.abs(figures.get("selections.per_s") - 50) < 15, output.toString());
        assertTrue(Double.isNaN(figures.get("heap.after_gc_start_mb")), output.toString());
        assertTrue(Files.exists(dir.resolve("hgrm").resolve("signal_ack.hgrm")));
    }

    @Test
    void shouldParseDurationsWithUnits()
    {
        assertEquals(500, LoadCommand.parseDurationMs("500ms"));
        assertEquals(30_000, LoadCommand.parseDurationMs("30s"));
        assertEquals(30_000, LoadCommand.parseDurationMs("30"));
        assertEquals(600_000, LoadCommand.parseDurationMs("10m"));
        assertEquals(3_600_000, LoadCommand.parseDurationMs("1h"));
    }
}
