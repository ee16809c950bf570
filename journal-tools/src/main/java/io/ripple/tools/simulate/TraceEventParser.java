package io.ripple.tools.simulate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one trace line into a {@link TraceEvent} with Jackson's streaming parser, checking that the operation is
 * known and that the fields it needs are present and of the right JSON type. Fields it does not know are skipped, so
 * a trace may carry extra information. {@code NaN} and {@code Infinity} are accepted as numbers so that the engine,
 * not the parser, rejects them with its own codes.
 * <p>
 * Defaults: {@code confidence} 1.0, {@code k} 1, {@code horizon_ms} 60,000, {@code threshold} 0.8.
 */
final class TraceEventParser
{
    static final double DEFAULT_CONFIDENCE = 1.0;
    static final int DEFAULT_K = 1;
    static final long DEFAULT_HORIZON_MS = 60_000L;
    static final double DEFAULT_THRESHOLD = 0.8;

    private static final long NS_PER_MS = 1_000_000L;
    private static final double MAX_EXACT_WHOLE_DOUBLE = 0x1p53;

    private static final long REQUIRED_ALWAYS = TraceField.T_MS.bit() | TraceField.OP.bit();
    private static final long REQUIRED_SIGNAL =
        TraceField.AGENT.bit() | TraceField.TYPE.bit() | TraceField.VALUE.bit() | TraceField.TTL_MS.bit();
    private static final long REQUIRED_SCORES = TraceField.ID.bit() | TraceField.AGENTS.bit();
    private static final long REQUIRED_PREDICT = TraceField.ID.bit() | TraceField.AGENT.bit();
    private static final long REQUIRED_POOL_CHANGE = TraceField.AGENT.bit() | TraceField.POOL.bit();
    private static final long REQUIRED_PROFILE = TraceField.NAME.bit() | TraceField.WEIGHTS.bit();

    private final JsonFactory jsonFactory = JsonFactory.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    /**
     * Decode a line.
     *
     * @param line       the text of the line, without its line terminator.
     * @param lineNumber of the line in the trace, from 1.
     * @param event      to fill; reset first.
     * @throws TraceFormatException when the line is not a well-formed event.
     */
    void parse(final String line, final long lineNumber, final TraceEvent event) throws TraceFormatException
    {
        event.reset(lineNumber);

        try (JsonParser parser = jsonFactory.createParser(line))
        {
            if (parser.nextToken() != JsonToken.START_OBJECT)
            {
                throw new TraceFormatException(TraceFormatError.MALFORMED_JSON, "a trace line must be a JSON object");
            }

            readObject(parser, event);
            if (parser.nextToken() != null)
            {
                throw new TraceFormatException(
                    TraceFormatError.MALFORMED_JSON, "unexpected content after the JSON object");
            }
        }
        catch (final JsonProcessingException ex)
        {
            throw new TraceFormatException(
                TraceFormatError.MALFORMED_JSON, "not valid JSON: " + ex.getOriginalMessage());
        }
        catch (final IOException ex)
        {
            throw new TraceFormatException(TraceFormatError.MALFORMED_JSON, "unreadable line: " + ex.getMessage());
        }

        checkOperation(event);
        applyDefaults(event);
    }

    /**
     * Decode a profiles file: a JSON array of objects with the fields of a {@code profile} event ({@code op} and
     * {@code t_ms} may be left out).
     *
     * @param in to read the file from.
     * @return one {@link TraceOp#PROFILE} event per entry, in file order.
     * @throws IOException          if the file cannot be read.
     * @throws TraceFormatException if the file is not such an array or an entry lacks a field it needs.
     */
    List<TraceEvent> parseProfiles(final Reader in) throws IOException, TraceFormatException
    {
        final List<TraceEvent> profiles = new ArrayList<>();
        try (JsonParser parser = jsonFactory.createParser(in))
        {
            if (parser.nextToken() != JsonToken.START_ARRAY)
            {
                throw new TraceFormatException(TraceFormatError.MALFORMED_JSON, "expected a JSON array of profiles");
            }

            while (parser.nextToken() == JsonToken.START_OBJECT)
            {
                final TraceEvent event = new TraceEvent();
                event.reset(profiles.size() + 1);
                try
                {
                    readObject(parser, event);
                    event.op = TraceOp.PROFILE;
                    event.opName = TraceOp.PROFILE.wireName();
                    event.timestampNs = 0;
                    event.presentMask |= REQUIRED_ALWAYS;
                    checkOperation(event);
                }
                catch (final TraceFormatException ex)
                {
                    throw new TraceFormatException(ex.error(), "entry " + event.lineNumber + ": " + ex.getMessage());
                }
                profiles.add(event);
            }

            if (parser.currentToken() != JsonToken.END_ARRAY || parser.nextToken() != null)
            {
                throw new TraceFormatException(
                    TraceFormatError.MALFORMED_JSON, "expected only profile objects in one JSON array");
            }
        }
        catch (final JsonProcessingException ex)
        {
            throw new TraceFormatException(
                TraceFormatError.MALFORMED_JSON, "not valid JSON: " + ex.getOriginalMessage());
        }

        return profiles;
    }

    private static void readObject(final JsonParser parser, final TraceEvent event)
        throws IOException, TraceFormatException
    {
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final TraceField field = TraceField.fromJsonName(parser.currentName());
            final JsonToken valueToken = parser.nextToken();
            if (null == field || JsonToken.VALUE_NULL == valueToken)
            {
                parser.skipChildren();
            }
            else
            {
                readField(parser, field, event);
                event.presentMask |= field.bit();
            }
        }
    }

    private static void readField(final JsonParser parser, final TraceField field, final TraceEvent event)
        throws IOException, TraceFormatException
    {
        switch (field)
        {
            case T_MS:
                event.timestampNs = readTimestampNs(parser);
                break;

            case OP:
                event.opName = readText(parser, field);
                event.op = TraceOp.fromWireName(event.opName);
                break;

            case ID:
                readId(parser, event);
                break;

            case AGENT:
                event.agent = readText(parser, field);
                break;

            case TYPE:
                readType(parser, event);
                break;

            case VALUE:
                event.value = readDouble(parser, field);
                break;

            case CONFIDENCE:
                event.confidence = readDouble(parser, field);
                break;

            case TTL_MS:
                event.ttlMs = readWholeNumber(parser, field);
                break;

            case TRACE_ID:
                event.traceId = readWholeNumber(parser, field);
                break;

            case CANDIDATES:
            case AGENTS:
                readTextArray(parser, field, event.agentIds);
                break;

            case POOL:
                event.pool = readText(parser, field);
                break;

            case PROFILE:
                event.profile = readText(parser, field);
                break;

            case WEIGHTS:
                readWeights(parser, event.weights);
                break;

            case K:
                event.k = readInt(parser, field);
                break;

            case HORIZON_MS:
                event.horizonMs = readWholeNumber(parser, field);
                break;

            case THRESHOLD:
                event.threshold = readDouble(parser, field);
                break;

            case NAME:
                event.name = readText(parser, field);
                break;

            case MODEL:
                event.model = readText(parser, field);
                break;

            case IN_FLIGHT_PENALTY:
                event.inFlightPenalty = readDouble(parser, field);
                break;

            default:
                parser.skipChildren();
                break;
        }
    }

    private static void checkOperation(final TraceEvent event) throws TraceFormatException
    {
        if (!event.has(TraceField.OP))
        {
            throw missing(event, REQUIRED_ALWAYS);
        }

        if (null == event.op)
        {
            throw new TraceFormatException(TraceFormatError.UNKNOWN_OP, "unknown op '" + event.opName + "'");
        }

        if (event.has(TraceField.CANDIDATES) && event.has(TraceField.AGENTS))
        {
            throw invalid("give either candidates or agents, not both");
        }

        switch (event.op)
        {
            case SIGNAL:
                require(event, REQUIRED_ALWAYS | REQUIRED_SIGNAL);
                break;

            case SELECT:
                require(event, REQUIRED_ALWAYS | TraceField.ID.bit());
                checkSelectSource(event);
                break;

            case SCORES:
                require(event, REQUIRED_ALWAYS | REQUIRED_SCORES);
                break;

            case PREDICT:
                require(event, REQUIRED_ALWAYS | REQUIRED_PREDICT);
                break;

            case JOIN:
            case LEAVE:
                require(event, REQUIRED_ALWAYS | REQUIRED_POOL_CHANGE);
                break;

            case REGISTER:
                require(event, REQUIRED_ALWAYS | TraceField.AGENT.bit());
                break;

            case PROFILE:
                require(event, REQUIRED_ALWAYS | REQUIRED_PROFILE);
                break;

            default:
                require(event, REQUIRED_ALWAYS);
                break;
        }
    }

    private static void checkSelectSource(final TraceEvent event) throws TraceFormatException
    {
        final boolean hasList = event.has(TraceField.CANDIDATES);
        final boolean hasPool = event.has(TraceField.POOL);
        if (hasList && hasPool)
        {
            throw invalid("select takes candidates or a pool, not both");
        }

        if (!hasList && !hasPool)
        {
            throw new TraceFormatException(TraceFormatError.MISSING_FIELD, "select needs candidates or a pool");
        }
    }

    private static void applyDefaults(final TraceEvent event)
    {
        if (!event.has(TraceField.CONFIDENCE))
        {
            event.confidence = DEFAULT_CONFIDENCE;
        }

        if (!event.has(TraceField.K))
        {
            event.k = DEFAULT_K;
        }

        if (!event.has(TraceField.HORIZON_MS))
        {
            event.horizonMs = DEFAULT_HORIZON_MS;
        }

        if (!event.has(TraceField.THRESHOLD))
        {
            event.threshold = DEFAULT_THRESHOLD;
        }
    }

    private static void require(final TraceEvent event, final long requiredMask) throws TraceFormatException
    {
        if ((requiredMask & ~event.presentMask) != 0)
        {
            throw missing(event, requiredMask);
        }
    }

    private static TraceFormatException missing(final TraceEvent event, final long requiredMask)
    {
        final String opName = null == event.op ? "a trace line" : event.op.wireName();
        return new TraceFormatException(
            TraceFormatError.MISSING_FIELD, opName + " needs " + event.missingFields(requiredMask));
    }

    private static TraceFormatException invalid(final String message)
    {
        return new TraceFormatException(TraceFormatError.INVALID_FIELD, message);
    }

    private static long readTimestampNs(final JsonParser parser) throws IOException, TraceFormatException
    {
        final long timestampNs;
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT)
        {
            final long timestampMs = readWholeNumber(parser, TraceField.T_MS);
            if (timestampMs > Long.MAX_VALUE / NS_PER_MS)
            {
                throw invalid("t_ms " + timestampMs + " is too large");
            }
            timestampNs = timestampMs * NS_PER_MS;
        }
        else
        {
            final double timestampMs = readDouble(parser, TraceField.T_MS);
            if (!Double.isFinite(timestampMs) || timestampMs >= (double) (Long.MAX_VALUE / NS_PER_MS))
            {
                throw invalid("t_ms " + timestampMs + " is not a usable time");
            }
            timestampNs = Math.round(timestampMs * NS_PER_MS);
        }

        if (timestampNs < 0)
        {
            throw invalid("t_ms must not be negative");
        }

        return timestampNs;
    }

    private static void readId(final JsonParser parser, final TraceEvent event) throws IOException, TraceFormatException
    {
        if (parser.currentToken() == JsonToken.VALUE_STRING)
        {
            event.isIdText = true;
            event.idText = parser.getText();
        }
        else
        {
            event.idNumber = readWholeNumber(parser, TraceField.ID);
        }
    }

    private static void readType(final JsonParser parser, final TraceEvent event)
        throws IOException, TraceFormatException
    {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT)
        {
            event.isTypeId = true;
            event.typeId = readInt(parser, TraceField.TYPE);
        }
        else
        {
            event.typeName = readText(parser, TraceField.TYPE);
        }
    }

    private static String readText(final JsonParser parser, final TraceField field)
        throws IOException, TraceFormatException
    {
        if (parser.currentToken() != JsonToken.VALUE_STRING)
        {
            throw invalid(field.jsonName() + " must be a string");
        }

        return parser.getText();
    }

    private static double readDouble(final JsonParser parser, final TraceField field)
        throws IOException, TraceFormatException
    {
        if (!parser.currentToken().isNumeric())
        {
            throw invalid(field.jsonName() + " must be a number");
        }

        return parser.getDoubleValue();
    }

    private static long readWholeNumber(final JsonParser parser, final TraceField field)
        throws IOException, TraceFormatException
    {
        final JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT)
        {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER)
            {
                throw invalid(field.jsonName() + " is too large");
            }
            return parser.getLongValue();
        }

        final double number = readDouble(parser, field);
        if (number != Math.rint(number) || Math.abs(number) >= MAX_EXACT_WHOLE_DOUBLE)
        {
            throw invalid(field.jsonName() + " must be a whole number, got " + number);
        }

        return (long) number;
    }

    private static int readInt(final JsonParser parser, final TraceField field) throws IOException, TraceFormatException
    {
        final long number = readWholeNumber(parser, field);
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE)
        {
            throw invalid(field.jsonName() + " " + number + " is out of range");
        }

        return (int) number;
    }

    private static void readTextArray(final JsonParser parser, final TraceField field, final List<String> into)
        throws IOException, TraceFormatException
    {
        if (parser.currentToken() != JsonToken.START_ARRAY)
        {
            throw invalid(field.jsonName() + " must be an array of strings");
        }

        into.clear();
        while (parser.nextToken() != JsonToken.END_ARRAY)
        {
            if (parser.currentToken() != JsonToken.VALUE_STRING)
            {
                throw invalid(field.jsonName() + " must be an array of strings");
            }
            into.add(parser.getText());
        }
    }

    private static void readWeights(final JsonParser parser, final double[] weights)
        throws IOException, TraceFormatException
    {
        if (parser.currentToken() != JsonToken.START_OBJECT)
        {
            throw invalid("weights must be an object such as {\"load\": 0.5, \"quality\": 0.5}");
        }

        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String weightName = parser.currentName();
            final int index = weightIndex(weightName);
            if (index < 0)
            {
                throw invalid("unknown weight '" + weightName + "'; the weights are " +
                    String.join(", ", TraceEvent.WEIGHT_NAMES));
            }

            parser.nextToken();
            weights[index] = readDouble(parser, TraceField.WEIGHTS);
        }
    }

    private static int weightIndex(final String weightName)
    {
        for (int i = 0; i < TraceEvent.WEIGHT_NAMES.length; i++)
        {
            if (TraceEvent.WEIGHT_NAMES[i].equals(weightName))
            {
                return i;
            }
        }

        return -1;
    }
}
