package io.ripple.tools.simulate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamWriteFeature;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes the simulator's answers as JSON Lines, one object per line, with Jackson's streaming generator.
 * <p>
 * Separators are {@code ": "} and {@code ", "} as in the reference service's output, so that a textual diff against
 * an expected file shows only real differences. Doubles are written in their shortest round-trip form.
 */
final class AnswerWriter implements AutoCloseable
{
    /**
     * In-flight count that leaves the field out of an agent row.
     */
    static final long NO_IN_FLIGHT = -1;

    private final JsonGenerator generator;

    AnswerWriter(final Writer out) throws IOException
    {
        final JsonFactory jsonFactory = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
        generator = jsonFactory.createGenerator(out);
        generator.setPrettyPrinter(new ReferenceStyleSeparators());
    }

    /**
     * Answer a rejected event: its id (or, without one, its line number), its op, the error code and a reason.
     *
     * @param event   as far as it was decoded.
     * @param code    name of the error code.
     * @param message human-readable reason.
     * @throws IOException if the output cannot be written.
     */
    void error(final TraceEvent event, final String code, final String message) throws IOException
    {
        generator.writeStartObject();
        if (event.has(TraceField.ID))
        {
            writeId(event);
        }
        else
        {
            generator.writeNumberField("line", event.lineNumber);
        }

        if (null != event.opName)
        {
            generator.writeStringField("op", event.opName);
        }
        generator.writeStringField("error", code);
        generator.writeStringField("message", message);
        if (event.has(TraceField.ID))
        {
            generator.writeNumberField("line", event.lineNumber);
        }
        endLine();
    }

    /**
     * Open an answer holding a list of agents: {@code "selected"} for select, {@code "scores"} for scores.
     *
     * @param event    the query.
     * @param listName name of the list field.
     * @throws IOException if the output cannot be written.
     */
    void beginAgentList(final TraceEvent event, final String listName) throws IOException
    {
        generator.writeStartObject();
        writeId(event);
        generator.writeStringField("op", event.op.wireName());
        generator.writeArrayFieldStart(listName);
    }

    /**
     * Add one agent to the list opened by {@link #beginAgentList(TraceEvent, String)}.
     *
     * @param agentId         of the agent.
     * @param routingScore    of the agent.
     * @param typeScores      per-type scores in the order of {@link TraceEvent#WEIGHT_NAMES}.
     * @param inFlightCount   in-flight count to add, or {@link #NO_IN_FLIGHT} to leave it out.
     * @throws IOException if the output cannot be written.
     */
    void agent(
        final CharSequence agentId, final double routingScore, final double[] typeScores, final long inFlightCount)
        throws IOException
    {
        generator.writeStartObject();
        generator.writeStringField("agent", agentId.toString());
        generator.writeNumberField("score", routingScore);
        for (int i = 0; i < TraceEvent.WEIGHT_NAMES.length; i++)
        {
            generator.writeNumberField(TraceEvent.WEIGHT_NAMES[i], typeScores[i]);
        }

        if (inFlightCount >= 0)
        {
            generator.writeNumberField("in_flight", inFlightCount);
        }
        generator.writeEndObject();
    }

    /**
     * Close the list and the answer opened by {@link #beginAgentList(TraceEvent, String)}.
     *
     * @throws IOException if the output cannot be written.
     */
    void endAgentList() throws IOException
    {
        generator.writeEndArray();
        endLine();
    }

    /**
     * Answer an overload prediction.
     *
     * @param event        the query.
     * @param willOverload whether the predicted load is above the threshold.
     * @param probability  the predicted load, in [0, 1].
     * @throws IOException if the output cannot be written.
     */
    void prediction(final TraceEvent event, final boolean willOverload, final double probability) throws IOException
    {
        generator.writeStartObject();
        writeId(event);
        generator.writeStringField("op", event.op.wireName());
        generator.writeBooleanField("will_overload", willOverload);
        generator.writeNumberField("probability", probability);
        endLine();
    }

    /**
     * Flush buffered answers to the underlying writer.
     *
     * @throws IOException if the output cannot be written.
     */
    void flush() throws IOException
    {
        generator.flush();
    }

    /**
     * Flush and release the generator; the underlying writer is left open.
     *
     * @throws IOException if the output cannot be written.
     */
    public void close() throws IOException
    {
        generator.close();
    }

    private void writeId(final TraceEvent event) throws IOException
    {
        if (event.isIdText)
        {
            generator.writeStringField("id", event.idText);
        }
        else
        {
            generator.writeNumberField("id", event.idNumber);
        }
    }

    private void endLine() throws IOException
    {
        generator.writeEndObject();
        generator.writeRaw('\n');
    }

    /**
     * Single-line output with a space after each colon and comma, and nothing between root values (the writer ends
     * each line itself).
     */
    private static final class ReferenceStyleSeparators implements PrettyPrinter
    {
        public void writeRootValueSeparator(final JsonGenerator generator)
        {
        }

        public void writeStartObject(final JsonGenerator generator) throws IOException
        {
            generator.writeRaw('{');
        }

        public void writeEndObject(final JsonGenerator generator, final int entryCount) throws IOException
        {
            generator.writeRaw('}');
        }

        public void writeObjectEntrySeparator(final JsonGenerator generator) throws IOException
        {
            generator.writeRaw(", ");
        }

        public void writeObjectFieldValueSeparator(final JsonGenerator generator) throws IOException
        {
            generator.writeRaw(": ");
        }

        public void writeStartArray(final JsonGenerator generator) throws IOException
        {
            generator.writeRaw('[');
        }

        public void writeEndArray(final JsonGenerator generator, final int valueCount) throws IOException
        {
            generator.writeRaw(']');
        }

        public void writeArrayValueSeparator(final JsonGenerator generator) throws IOException
        {
            generator.writeRaw(", ");
        }

        public void beforeArrayValues(final JsonGenerator generator)
        {
        }

        public void beforeObjectEntries(final JsonGenerator generator)
        {
        }
    }
}
