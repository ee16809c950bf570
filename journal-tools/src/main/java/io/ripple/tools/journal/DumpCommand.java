package io.ripple.tools.journal;

import io.ripple.journal.JournalDirectory;
import io.ripple.journal.JournalReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ripple journal dump DIR}: prints the records of a journal, one per line, as text or JSON Lines.
 */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = "Print journal records readably (or as JSON Lines), filtered by time, type, agent or session.")
public final class DumpCommand implements Callable<Integer>
{
    static
    {
        JournalDirectory.disableChronicleReporting();
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    Path dir;

    @Mixin
    RecordFilter filter = new RecordFilter();

    @Option(names = "--json", description = "Write JSON Lines, one object per record.")
    boolean json;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after printing N records.")
    long limit = Long.MAX_VALUE;

    @Option(names = "--quiet", description = "No progress on standard error.")
    boolean quiet;

    /**
     * Print the records.
     *
     * @return 0, or 2 for a bad path or option.
     */
    public Integer call()
    {
        final JournalReader reader = JournalTools.open(spec, dir, filter);
        if (null == reader)
        {
            return JournalTools.BAD_INPUT;
        }

        final PrintWriter out = spec.commandLine().getOut();
        final RecordFormatter formatter = new RecordFormatter(json);
        final MessageDecoding decoding = new MessageDecoding();
        final ProgressReporter progress = new ProgressReporter(spec.commandLine().getErr(), "dump", !quiet);
        final long[] printed = { 0 };
        try (reader)
        {
            while (printed[0] < limit && reader.poll(
                (index, kind, sequence, timestampNs, sessionId, buffer, offset, length) ->
                {
                    if (printed[0] >= limit || !filter.acceptsRecord(kind, timestampNs, sessionId))
                    {
                        return;
                    }

                    final DecodedMessage message = decoding.decode(buffer, offset, length);
                    if (filter.acceptsMessage(message))
                    {
                        formatter.print(out, index, kind, sequence, timestampNs, sessionId, length, message);
                        printed[0]++;
                    }
                }, 1024) > 0)
            {
                progress.accept(reader.recordsRead());
            }

            reportSkipped(reader);
        }

        out.flush();
        return JournalTools.OK;
    }

    private void reportSkipped(final JournalReader reader)
    {
        if (reader.malformedRecords() > 0)
        {
            JournalTools.error(spec, reader.malformedRecords() + " malformed records skipped");
        }
    }
}
