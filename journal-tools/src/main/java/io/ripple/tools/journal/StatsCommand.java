package io.ripple.tools.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ripple.journal.JournalDirectory;
import io.ripple.journal.JournalReader;
import io.ripple.journal.JournalRecord;
import io.ripple.journal.JournalRetention;
import io.ripple.journal.SnapshotStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code ripple journal stats DIR}: counts per message type and session, time range, rates and sizes.
 */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Count records per message type and session; show the time range, rates and sizes.")
public final class StatsCommand implements Callable<Integer>
{
    static
    {
        JournalDirectory.disableChronicleReporting();
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    Path dir;

    @Option(names = "--json", description = "Write the statistics as one JSON object.")
    boolean json;

    @Option(names = "--quiet", description = "No progress on standard error.")
    boolean quiet;

    /**
     * Read the whole journal and print its statistics.
     *
     * @return 0, or 2 for a bad path.
     */
    public Integer call() throws IOException
    {
        final JournalReader reader = JournalTools.open(spec, dir);
        if (null == reader)
        {
            return JournalTools.BAD_INPUT;
        }

        final Stats stats = new Stats();
        final MessageDecoding decoding = new MessageDecoding();
        final ProgressReporter progress = new ProgressReporter(spec.commandLine().getErr(), "stats", !quiet);
        try (reader)
        {
            while (reader.poll((index, kind, sequence, timestampNs, sessionId, buffer, offset, length) ->
            {
                final String template = MessageDecoding.templateName(decoding.templateIdOf(buffer, offset, length));
                stats.add(kind, timestampNs, sessionId, template, length);
            }, 4096) > 0)
            {
                progress.accept(reader.recordsRead());
            }
            stats.malformed = reader.malformedRecords();
            stats.tornEnd = reader.isAtTornEntry();
        }

        long fileBytes = 0;
        final int cycleFiles = JournalRetention.cycleFiles(dir).size();
        for (final Path file : JournalRetention.cycleFiles(dir))
        {
            fileBytes += Files.size(file);
        }
        final int snapshots = new SnapshotStore(dir).list().size();

        final PrintWriter out = spec.commandLine().getOut();
        if (json)
        {
            printJson(out, stats, cycleFiles, fileBytes, snapshots);
        }
        else
        {
            printText(out, stats, cycleFiles, fileBytes, snapshots);
        }
        out.flush();
        return JournalTools.OK;
    }

    private void printText(
        final PrintWriter out, final Stats stats, final int cycleFiles, final long fileBytes, final int snapshots)
    {
        out.printf("journal      %s%n", dir);
        out.printf("records      %,d (%,d events, %,d answers, %,d malformed%s)%n",
            stats.events + stats.answers, stats.events, stats.answers, stats.malformed,
            stats.tornEnd ? ", torn entry at the end" : "");
        if (stats.events + stats.answers > 0)
        {
            out.printf("time range   %s .. %s (%.3f s)%n",
                RecordFormatter.time(stats.firstNs), RecordFormatter.time(stats.lastNs), stats.spanSeconds());
            out.printf("rate         %,.1f events/s, %,.1f answers/s%n",
                stats.rate(stats.events), stats.rate(stats.answers));
            out.printf("sizes        %,d message bytes, mean %.1f, max %,d%n",
                stats.bytes, stats.bytes / (double) (stats.events + stats.answers), stats.maxLength);
        }
        out.printf("files        %d cycle files, %,d bytes on disk, %d snapshots%n", cycleFiles, fileBytes, snapshots);

        out.println();
        out.printf("%-28s %14s %10s %12s%n", "type", "count", "per s", "bytes");
        for (final Map.Entry<String, long[]> entry : stats.byType.entrySet())
        {
            final long[] counts = entry.getValue();
            out.printf("%-28s %,14d %,10.1f %,12d%n", entry.getKey(), counts[0], stats.rate(counts[0]), counts[1]);
        }

        out.println();
        out.printf("%-20s %14s %10s%n", "session", "records", "per s");
        for (final Map.Entry<Long, long[]> entry : stats.bySession.entrySet())
        {
            out.printf("%-20d %,14d %,10.1f%n", entry.getKey(), entry.getValue()[0], stats.rate(entry.getValue()[0]));
        }
    }

    private void printJson(
        final PrintWriter out, final Stats stats, final int cycleFiles, final long fileBytes, final int snapshots)
        throws IOException
    {
        final Map<String, Object> root = new LinkedHashMap<>();
        root.put("journal", dir.toString());
        root.put("events", stats.events);
        root.put("answers", stats.answers);
        root.put("malformed", stats.malformed);
        root.put("torn_end", stats.tornEnd);
        root.put("first_timestamp_ns", stats.firstNs);
        root.put("last_timestamp_ns", stats.lastNs);
        root.put("span_s", stats.spanSeconds());
        root.put("events_per_s", stats.rate(stats.events));
        root.put("message_bytes", stats.bytes);
        root.put("max_message_length", (long) stats.maxLength);
        root.put("cycle_files", (long) cycleFiles);
        root.put("file_bytes", fileBytes);
        root.put("snapshots", (long) snapshots);
        final Map<String, Object> types = new LinkedHashMap<>();
        stats.byType.forEach((name, counts) -> types.put(name, counts[0]));
        root.put("by_type", types);
        final Map<String, Object> sessions = new LinkedHashMap<>();
        stats.bySession.forEach((id, counts) -> sessions.put(Long.toString(id), counts[0]));
        root.put("by_session", sessions);

        try (JsonGenerator generator = new JsonFactory().createGenerator(out))
        {
            RecordFormatter.writeValue(generator, root);
        }
        out.println();
    }

    static final class Stats
    {
        final Map<String, long[]> byType = new TreeMap<>();
        final Map<Long, long[]> bySession = new TreeMap<>();
        long events;
        long answers;
        long malformed;
        boolean tornEnd;
        long firstNs = Long.MAX_VALUE;
        long lastNs = Long.MIN_VALUE;
        long bytes;
        int maxLength;

        void add(final byte kind, final long timestampNs, final long sessionId, final String template, final int length)
        {
            if (JournalRecord.KIND_EVENT == kind)
            {
                events++;
            }
            else
            {
                answers++;
            }

            firstNs = Math.min(firstNs, timestampNs);
            lastNs = Math.max(lastNs, timestampNs);
            bytes += length;
            maxLength = Math.max(maxLength, length);
            final long[] typeCounts = byType.computeIfAbsent(
                JournalRecord.KIND_EVENT == kind ? template : template + " (answer)", (k) -> new long[2]);
            typeCounts[0]++;
            typeCounts[1] += length;
            bySession.computeIfAbsent(sessionId, (k) -> new long[1])[0]++;
        }

        double spanSeconds()
        {
            return lastNs > firstNs ? (lastNs - firstNs) / 1e9 : 0.0;
        }

        double rate(final long count)
        {
            final double span = spanSeconds();
            return span > 0 ? count / span : 0.0;
        }
    }
}
