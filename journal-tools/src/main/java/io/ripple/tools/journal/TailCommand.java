package io.ripple.tools.journal;

import io.ripple.journal.JournalDirectory;
import io.ripple.journal.JournalReader;
import io.ripple.journal.JournalRecordHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ripple journal tail [-f] DIR}: prints the last records of a journal and, with {@code -f}, every record
 * appended after them, as it arrives.
 */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = "Print the last records of a journal; with -f, follow a live journal as it is written.")
public final class TailCommand implements Callable<Integer>
{
    private static final long IDLE_SLEEP_MS = 50;

    static
    {
        JournalDirectory.disableChronicleReporting();
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    Path dir;

    @Option(names = { "-f", "--follow" }, description = "Keep printing records as they are appended (Ctrl-C stops).")
    boolean follow;

    @Option(names = { "-n", "--lines" }, paramLabel = "N", description = "Start with the last N records (default 10).")
    int lines = 10;

    @Option(names = "--json", description = "Write JSON Lines.")
    boolean json;

    @Option(names = "--stop-after-idle-ms", paramLabel = "MS",
        description = "With -f, stop once nothing has been appended for MS milliseconds (default: never).")
    long stopAfterIdleMs = Long.MAX_VALUE;

    @Mixin
    RecordFilter filter = new RecordFilter();

    /**
     * Print, and follow if asked.
     *
     * @return 0, or 2 for a bad path.
     */
    public Integer call() throws InterruptedException
    {
        final JournalReader reader = JournalTools.open(spec, dir, filter);
        if (null == reader)
        {
            return JournalTools.BAD_INPUT;
        }

        final PrintWriter out = spec.commandLine().getOut();
        final RecordFormatter formatter = new RecordFormatter(json);
        final MessageDecoding decoding = new MessageDecoding();
        final JournalRecordHandler printer = (index, kind, sequence, timestampNs, sessionId, buffer, offset, length) ->
        {
            if (filter.acceptsRecord(kind, timestampNs, sessionId))
            {
                final DecodedMessage message = decoding.decode(buffer, offset, length);
                if (filter.acceptsMessage(message))
                {
                    formatter.print(out, index, kind, sequence, timestampNs, sessionId, length, message);
                }
            }
        };

        try (reader)
        {
            reader.toLastRecords(lines);
            while (reader.poll(printer, 1024) > 0)
            {
                out.flush();
            }
            out.flush();

            long idleSinceMs = System.currentTimeMillis();
            while (follow && !Thread.currentThread().isInterrupted())
            {
                if (reader.poll(printer, 1024) > 0)
                {
                    out.flush();
                    idleSinceMs = System.currentTimeMillis();
                }
                else if (System.currentTimeMillis() - idleSinceMs >= stopAfterIdleMs)
                {
                    break;
                }
                else
                {
                    Thread.sleep(IDLE_SLEEP_MS);
                }
            }
        }

        out.flush();
        return JournalTools.OK;
    }
}
