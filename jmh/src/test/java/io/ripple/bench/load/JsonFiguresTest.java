package io.ripple.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonFiguresTest
{
    @Test
    void shouldWriteEveryRequiredBenchKeyEvenWhenNotMeasured(@TempDir final Path dir) throws Exception
    {
        // given: a run that measured only the replay
        final JsonFigures figures = new JsonFigures().put("replay.events_per_s", 6_250_000.5);

        // when
        BenchCommand.withRequiredKeys(figures).write(dir.resolve("bench.json"));
        final String json = Files.readString(dir.resolve("bench.json"));
        final JsonFigures read = JsonFigures.parse(json);

        // then: every key is there, unmeasured ones as null, measured ones as numbers
        for (final String key : BenchCommand.REQUIRED_KEYS)
        {
            assertTrue(json.contains("\"" + key + "\": "), key);
            assertTrue(read.contains(key), key);
        }
        assertEquals(22, BenchCommand.REQUIRED_KEYS.size());
        assertEquals(6_250_000.5, read.get("replay.events_per_s"));
        assertTrue(json.contains("\"ipc.signal_ack.p99_us\": null"));
        assertTrue(Double.isNaN(read.get("ipc.signal_ack.p99_us")));
    }

    @Test
    void shouldWriteIntegersWithoutFractionAndKeepInsertionOrder()
    {
        // given
        final JsonFigures figures = new JsonFigures().put("b.count", 12).put("a.p99_us", 21.25);

        // when
        final String json = figures.toJson();

        // then
        assertEquals("{\n  \"b.count\": 12,\n  \"a.p99_us\": 21.25\n}\n", json);
    }

    @Test
    void shouldTakeTheMedianOfEachFigureOverRuns(@TempDir final Path dir) throws Exception
    {
        // given: three runs, one of which could not measure b
        new JsonFigures().put("a", 10).put("b", 1).write(dir.resolve("1.json"));
        new JsonFigures().put("a", 30).put("b", Double.NaN).write(dir.resolve("2.json"));
        new JsonFigures().put("a", 20).put("b", 3).write(dir.resolve("3.json"));

        // when
        final JsonFigures medians = JsonFigures.medianOf(
            List.of(dir.resolve("1.json"), dir.resolve("2.json"), dir.resolve("3.json")));

        // then
        assertEquals(20, medians.get("a"));
        assertEquals(2, medians.get("b"));
    }
}
