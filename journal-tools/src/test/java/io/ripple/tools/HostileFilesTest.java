package io.ripple.tools;

import io.ripple.journal.JournalDirectory;
import io.ripple.tools.journal.JournalCommand;
import io.ripple.tools.simulate.SimulateCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ripple simulate} and the journal tools given hostile files: binary garbage, truncated and huge lines,
 * damaged cycle files. Each ends with a clear message and no stack trace; unusable input exits with status 2.
 */
class HostileFilesTest
{
    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldRefuseABinaryTraceWithStatusTwo() throws IOException
    {
        // given
        final Path trace = Files.write(root.resolve("garbage.bin"), randomBytes(5_000, 7301L));

        // when
        final int status = execute(new SimulateCommand(), trace.toString());

        // then
        assertEquals(SimulateCommand.EXIT_USAGE, status, err.toString());
        assertTrue(err.toString().contains("is not UTF-8 text"), err.toString());
        assertNoStackTrace();
    }

    @Test
    void shouldAnswerATruncatedLineAndAHugeLineAsMalformedLines() throws IOException
    {
        // given
        final String huge = "{\"t_ms\": 1, \"op\": \"signal\", \"agent\": \"" + "a".repeat(2_000_000) + "\"}\n";
        final Path trace = Files.writeString(root.resolve("t.jsonl"), huge + "{\"t_ms\": 2, \"op\": \"sig");

        // when
        final int status = execute(new SimulateCommand(), trace.toString());

        // then
        assertEquals(SimulateCommand.EXIT_OK, status, err.toString());
        final String[] lines = out.toString().split("\n");
        assertEquals(2, lines.length, out.toString());
        assertTrue(lines[0].startsWith("{\"line\": 1") && lines[0].contains("\"error\""), lines[0]);
        assertTrue(lines[1].contains("MALFORMED_JSON"), lines[1]);
        assertNoStackTrace();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dump", "stats", "replay", "export" })
    void shouldRefuseAJournalWithAGarbageCycleFileWithStatusTwo(final String tool) throws IOException
    {
        // given
        final Path dir = Files.createDirectories(root.resolve("journal"));
        Files.writeString(dir.resolve(JournalDirectory.MARKER_FILE_NAME), "format=1\nrollCycle=FAST_HOURLY\n",
            StandardCharsets.US_ASCII);
        Files.write(dir.resolve("20261203-14F.cq4"), randomBytes(100_000, 42L));

        // when
        final int status = "export".equals(tool) ?
            execute(new JournalCommand(), tool, "--trace", dir.toString()) :
            execute(new JournalCommand(), tool, dir.toString());

        // then
        assertEquals(2, status, err.toString());
        assertTrue(err.toString().contains("is not a Chronicle Queue file"), err.toString());
        assertNoStackTrace();
    }

    @Test
    void shouldRefuseACycleFileTooShortForItsHeader() throws IOException
    {
        // given
        final Path dir = Files.createDirectories(root.resolve("journal"));
        Files.writeString(dir.resolve(JournalDirectory.MARKER_FILE_NAME), "format=1\n", StandardCharsets.US_ASCII);
        Files.write(dir.resolve("20261203-14F.cq4"), new byte[]{ 1, 2, 3 });

        // when
        final int status = execute(new JournalCommand(), "stats", dir.toString());

        // then
        assertEquals(2, status, err.toString());
        assertTrue(err.toString().contains("too short for its header"), err.toString());
        assertNoStackTrace();
    }

    private void assertNoStackTrace()
    {
        assertFalse(err.toString().contains("\tat "), err.toString());
        assertFalse(out.toString().contains("\tat "), out.toString());
    }

    private int execute(final Object command, final String... args)
    {
        return new CommandLine(command)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    }

    private static byte[] randomBytes(final int length, final long seed)
    {
        final byte[] bytes = new byte[length];
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte) random.nextInt(256);
        }
        // Make sure the bytes are not valid UTF-8 whatever the seed: 0xFF never occurs in UTF-8.
        bytes[0] = (byte) 0xFF;
        return bytes;
    }
}
