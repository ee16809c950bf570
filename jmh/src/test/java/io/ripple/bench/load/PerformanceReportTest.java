package io.ripple.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerformanceReportTest
{
    @TempDir
    Path dir;

    @Test
    void shouldKeepTheHandWrittenAnalysisWhenARunRewritesTheFigures() throws IOException
    {
        // given a report whose analysis was written by hand below the marker
        final Path report = dir.resolve("docs").resolve("performance-report.md");
        PerformanceReport.write(report, new JsonFigures().put("engine.apply_signal.mean_ns", 111), Map.of(), "run 1",
            null);
        final String analysis = "\n## What was missed, and why\n\nThe apply target, because of the id lookup.\n";
        Files.writeString(report, Files.readString(report) + "\n" + PerformanceReport.HAND_WRITTEN + "\n" + analysis,
            StandardCharsets.UTF_8);

        // when two more runs write the report
        PerformanceReport.write(report, new JsonFigures().put("engine.apply_signal.mean_ns", 222), Map.of(), "run 2",
            null);
        PerformanceReport.write(report, new JsonFigures().put("engine.apply_signal.mean_ns", 333), Map.of(), "run 3",
            null);

        // then the figures are the last run's and the analysis is there once
        final String text = Files.readString(report);
        assertTrue(text.contains("| 333 |"), text);
        assertFalse(text.contains("| 111 |") || text.contains("| 222 |"), text);
        assertTrue(text.endsWith(PerformanceReport.HAND_WRITTEN + "\n" + analysis), text);
        assertEquals(text.indexOf(PerformanceReport.HAND_WRITTEN), text.lastIndexOf(PerformanceReport.HAND_WRITTEN));
    }

    @Test
    void shouldWriteOnlyTheFiguresWhenNothingWasWrittenByHand() throws IOException
    {
        final Path report = dir.resolve("performance-report.md");
        Files.writeString(report, "# An old report without the marker\n\nold text\n", StandardCharsets.UTF_8);

        PerformanceReport.write(report, new JsonFigures().put("engine.score.mean_ns", 42), Map.of(), "run", null);

        final String text = Files.readString(report);
        assertTrue(text.contains("| 42.0 |"), text);
        assertFalse(text.contains("old text"), text);
        assertFalse(text.contains(PerformanceReport.HAND_WRITTEN), text);
    }
}
