package io.ripple.tools.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ripple.journal.JournalRecord;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Renders a journal record and its decoded message as one line of text or one JSON object (JSON Lines).
 */
final class RecordFormatter
{
    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    private final boolean json;

    RecordFormatter(final boolean json)
    {
        this.json = json;
    }

    static String time(final long timestampNs)
    {
        return Instant.ofEpochSecond(Math.floorDiv(timestampNs, 1_000_000_000L), Math.floorMod(timestampNs,
            1_000_000_000L)).toString();
    }

    void print(
        final PrintWriter out,
        final long index,
        final byte kind,
        final long sequence,
        final long timestampNs,
        final long sessionId,
        final int length,
        final DecodedMessage message)
    {
        out.println(json ?
            toJson(index, kind, sequence, timestampNs, sessionId, length, message) :
            toText(index, kind, sequence, timestampNs, sessionId, message));
    }

    static String toText(
        final long index,
        final byte kind,
        final long sequence,
        final long timestampNs,
        final long sessionId,
        final DecodedMessage message)
    {
        final StringBuilder line = new StringBuilder(160);
        line.append(time(timestampNs)).append("  ").append(Long.toHexString(index)).append("  ")
            .append(JournalRecord.kindName(kind)).append("  seq=").append(sequence)
            .append("  session=").append(sessionId).append("  ").append(message.template);
        if (null != message.problem)
        {
            line.append(" !").append(message.problem);
        }

        for (final Map.Entry<String, Object> field : message.fields.entrySet())
        {
            line.append(' ').append(field.getKey()).append('=');
            appendValue(line, field.getValue());
        }

        return line.toString();
    }

    static String toJson(
        final long index,
        final byte kind,
        final long sequence,
        final long timestampNs,
        final long sessionId,
        final int length,
        final DecodedMessage message)
    {
        final StringWriter text = new StringWriter(256);
        try (JsonGenerator generator = JSON_FACTORY.createGenerator(text))
        {
            generator.writeStartObject();
            generator.writeNumberField("index", index);
            generator.writeStringField("index_hex", Long.toHexString(index));
            generator.writeStringField("kind", JournalRecord.kindName(kind).toLowerCase());
            generator.writeNumberField("sequence", sequence);
            generator.writeNumberField("timestamp_ns", timestampNs);
            generator.writeStringField("time", time(timestampNs));
            generator.writeNumberField("session_id", sessionId);
            generator.writeStringField("template", message.template);
            generator.writeNumberField("template_id", message.templateId);
            generator.writeNumberField("length", length);
            if (null != message.problem)
            {
                generator.writeStringField("problem", message.problem);
            }
            generator.writeFieldName("message");
            writeValue(generator, message.fields);
            generator.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }

        return text.toString();
    }

    static void writeValue(final JsonGenerator generator, final Object value) throws IOException
    {
        if (value instanceof Map)
        {
            generator.writeStartObject();
            for (final Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet())
            {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(generator, entry.getValue());
            }
            generator.writeEndObject();
        }
        else if (value instanceof List)
        {
            generator.writeStartArray();
            for (final Object element : (List<?>) value)
            {
                writeValue(generator, element);
            }
            generator.writeEndArray();
        }
        else if (value instanceof Double)
        {
            generator.writeNumber((Double) value);
        }
        else if (value instanceof Long || value instanceof Integer || value instanceof Short)
        {
            generator.writeNumber(((Number) value).longValue());
        }
        else if (value instanceof Boolean)
        {
            generator.writeBoolean((Boolean) value);
        }
        else if (null == value)
        {
            generator.writeNull();
        }
        else
        {
            generator.writeString(String.valueOf(value));
        }
    }

    private static void appendValue(final StringBuilder line, final Object value)
    {
        if (value instanceof Map)
        {
            line.append('{');
            boolean first = true;
            for (final Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet())
            {
                if (!first)
                {
                    line.append(' ');
                }
                first = false;
                line.append(entry.getKey()).append('=');
                appendValue(line, entry.getValue());
            }
            line.append('}');
        }
        else if (value instanceof List)
        {
            line.append('[');
            boolean first = true;
            for (final Object element : (List<?>) value)
            {
                if (!first)
                {
                    line.append(", ");
                }
                first = false;
                appendValue(line, element);
            }
            line.append(']');
        }
        else
        {
            line.append(value);
        }
    }
}
