package io.ripple.tools.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ripple.journal.JournalDirectory;
import io.ripple.journal.JournalReader;
import io.ripple.journal.JournalRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code ripple journal export --trace DIR}: writes the journal's events as a trace in the format of SPEC section 11,
 * so that recorded traffic can be fed to {@code ripple simulate}.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
        "Write the journal's events as a trace (SPEC section 11: one JSON object per line) for ripple simulate.",
        "Signals, batches, selections, scores, predictions, sweeps, pool changes, registrations and profiles are",
        "exported; queries without a trace form and session events are counted and left out." })
public final class ExportCommand implements Callable<Integer>
{
    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    static
    {
        JournalDirectory.disableChronicleReporting();
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    Path dir;

    @Option(names = "--trace", required = true, description = "Export as a trace (the only format).")
    boolean trace;

    @Option(names = { "-o", "--output" }, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Option(names = "--absolute-time",
        description = "t_ms in milliseconds since the epoch (default: since the first event exported).")
    boolean absoluteTime;

    @Option(names = "--quiet", description = "No progress or summary on standard error.")
    boolean quiet;

    @Mixin
    RecordFilter filter = new RecordFilter();

    /**
     * Export.
     *
     * @return 0, or 2 for a bad path or option.
     */
    public Integer call() throws IOException
    {
        final JournalReader reader = JournalTools.open(spec, dir, filter);
        if (null == reader)
        {
            return JournalTools.BAD_INPUT;
        }

        final Exporter exporter;
        final OutputStream file = null == output ? null : Files.newOutputStream(output);
        try (reader)
        {
            final Writer writer = null == file ?
                spec.commandLine().getOut() : new OutputStreamWriter(file, StandardCharsets.UTF_8);
            exporter = new Exporter(writer, absoluteTime);
            final ProgressReporter progress = new ProgressReporter(spec.commandLine().getErr(), "export", !quiet);
            while (reader.poll((index, kind, sequence, timestampNs, sessionId, buffer, offset, length) ->
            {
                if (JournalRecord.KIND_EVENT == kind && filter.acceptsRecord(kind, timestampNs, sessionId))
                {
                    final DecodedMessage message = exporter.decoding.decode(buffer, offset, length);
                    if (filter.acceptsMessage(message))
                    {
                        exporter.export(timestampNs, sessionId, message);
                    }
                }
            }, 1024) > 0)
            {
                progress.accept(reader.recordsRead());
            }
            writer.flush();
        }
        finally
        {
            if (null != file)
            {
                file.close();
            }
        }

        if (!quiet)
        {
            final PrintWriter err = spec.commandLine().getErr();
            err.printf("export: %,d trace lines (%,d queries)", exporter.lines, exporter.queryId);
            if (!exporter.skipped.isEmpty())
            {
                err.printf("; left out %s", exporter.skipped);
            }
            err.println();
            err.flush();
        }

        return JournalTools.OK;
    }

    private static final class Exporter
    {
        final MessageDecoding decoding = new MessageDecoding();
        final Map<String, Long> skipped = new TreeMap<>();
        private final Writer writer;
        private final boolean absoluteTime;
        private long firstNs = Long.MIN_VALUE;
        private long lastNs = Long.MIN_VALUE;
        long queryId;
        long lines;

        Exporter(final Writer writer, final boolean absoluteTime)
        {
            this.writer = writer;
            this.absoluteTime = absoluteTime;
        }

        @SuppressWarnings("unchecked")
        void export(final long timestampNs, final long sessionId, final DecodedMessage message)
        {
            if (null != message.problem)
            {
                skip(message.template + " (malformed)");
                return;
            }

            if (Long.MIN_VALUE == firstNs)
            {
                firstNs = timestampNs;
            }
            final long eventNs = Math.max(timestampNs, lastNs);
            lastNs = eventNs;

            try
            {
                switch (message.template)
                {
                    case "Signal":
                        line(eventNs, "signal", sessionId, message, null, (g) -> signalFields(g, message.fields));
                        break;

                    case "SignalBatch":
                        for (final Map<String, Object> entry : (List<Map<String, Object>>) message.field("signals"))
                        {
                            line(eventNs, "signal", sessionId, message, null, (g) -> signalFields(g, entry));
                        }
                        break;

                    case "Select":
                        line(eventNs, "select", sessionId, message, ++queryId, (g) ->
                        {
                            copy(g, message, "candidates", "candidates");
                            copy(g, message, "pool", "pool");
                            copy(g, message, "profile", "profile");
                            copy(g, message, "weights", "weights");
                            copy(g, message, "k", "k");
                        });
                        break;

                    case "ScoresQuery":
                        line(eventNs, "scores", sessionId, message, ++queryId, (g) ->
                        {
                            copy(g, message, "agents", "agents");
                            copy(g, message, "profile", "profile");
                            copy(g, message, "weights", "weights");
                        });
                        break;

                    case "PredictOverload":
                        line(eventNs, "predict", sessionId, message, ++queryId, (g) ->
                        {
                            copy(g, message, "agent", "agent");
                            copy(g, message, "horizon_ms", "horizon_ms");
                            copy(g, message, "threshold", "threshold");
                        });
                        break;

                    case "TimerEvent":
                        if ("SWEEP".equals(message.field("kind")))
                        {
                            line(eventNs, "sweep", sessionId, message, null, (g) -> { });
                        }
                        break;

                    case "JoinPool":
                    case "LeavePool":
                        line(eventNs, "JoinPool".equals(message.template) ? "join" : "leave", sessionId, message,
                            null, (g) ->
                            {
                                copy(g, message, "agent", "agent");
                                copy(g, message, "pool", "pool");
                            });
                        break;

                    case "RegisterAgent":
                        line(eventNs, "register", sessionId, message, null, (g) -> copy(g, message, "agent", "agent"));
                        break;

                    case "DefineProfile":
                        line(eventNs, "profile", sessionId, message, null, (g) ->
                        {
                            copy(g, message, "name", "name");
                            copy(g, message, "model", "model");
                            copy(g, message, "weights", "weights");
                            copy(g, message, "in_flight_penalty", "in_flight_penalty");
                        });
                        break;

                    default:
                        skip(message.template);
                        break;
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        private void skip(final String template)
        {
            skipped.merge(template, 1L, Long::sum);
        }

        private void line(
            final long eventNs,
            final String op,
            final long sessionId,
            final DecodedMessage message,
            final Long id,
            final Fields fields) throws IOException
        {
            final JsonGenerator generator = JSON_FACTORY.createGenerator(writer);
            generator.writeStartObject();
            final long sinceNs = absoluteTime ? eventNs : eventNs - firstNs;
            generator.writeFieldName("t_ms");
            if (0 == sinceNs % 1_000_000L)
            {
                generator.writeNumber(sinceNs / 1_000_000L);
            }
            else
            {
                generator.writeNumber(new java.math.BigDecimal(sinceNs).movePointLeft(6));
            }
            generator.writeStringField("op", op);
            if (null != id)
            {
                generator.writeNumberField("id", id);
            }
            fields.write(generator);
            generator.writeNumberField("session", sessionId);
            final Object correlationId = message.field("correlation_id");
            if (null != correlationId)
            {
                generator.writeNumberField("correlation_id", ((Number) correlationId).longValue());
            }
            generator.writeEndObject();
            generator.flush();
            writer.write('\n');
            lines++;
        }

        private static void signalFields(final JsonGenerator generator, final Map<String, Object> fields)
            throws IOException
        {
            generator.writeStringField("agent", (String) fields.get("agent"));
            generator.writeStringField("type", (String) fields.get("type"));
            generator.writeNumberField("value", (Double) fields.get("value"));
            generator.writeNumberField("confidence", (Double) fields.get("confidence"));
            generator.writeNumberField("ttl_ms", ((Number) fields.get("ttl_ms")).longValue());
            final Object traceId = fields.get("trace_id");
            if (traceId instanceof String && !((String) traceId).isEmpty() &&
                ((String) traceId).chars().allMatch(Character::isDigit) && ((String) traceId).length() < 19)
            {
                generator.writeNumberField("trace_id", Long.parseLong((String) traceId));
            }
        }

        private static void copy(
            final JsonGenerator generator, final DecodedMessage message, final String from, final String to)
            throws IOException
        {
            final Object value = message.field(from);
            if (null != value)
            {
                generator.writeFieldName(to);
                RecordFormatter.writeValue(generator, value);
            }
        }
    }

    @FunctionalInterface
    private interface Fields
    {
        void write(JsonGenerator generator) throws IOException;
    }
}
