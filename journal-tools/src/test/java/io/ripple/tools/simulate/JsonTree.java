package io.ripple.tools.simulate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON text into plain Java values for assertions: objects become ordered maps, arrays lists, numbers
 * {@link Long} or {@link Double}, and the rest strings, booleans and null.
 */
final class JsonTree
{
    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    private JsonTree()
    {
    }

    static Map<String, Object> parseObject(final String json)
    {
        final Object value = parse(json);
        if (!(value instanceof Map))
        {
            throw new IllegalArgumentException("not a JSON object: " + json);
        }

        @SuppressWarnings("unchecked")
        final Map<String, Object> object = (Map<String, Object>) value;
        return object;
    }

    static Object parse(final String json)
    {
        try (JsonParser parser = JSON_FACTORY.createParser(json))
        {
            parser.nextToken();
            final Object value = readValue(parser);
            if (parser.nextToken() != null)
            {
                throw new IllegalArgumentException("trailing content: " + json);
            }
            return value;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static Object readValue(final JsonParser parser) throws IOException
    {
        final JsonToken token = parser.currentToken();
        switch (token)
        {
            case START_OBJECT:
                final Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME)
                {
                    final String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, readValue(parser));
                }
                return object;

            case START_ARRAY:
                final List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY)
                {
                    array.add(readValue(parser));
                }
                return array;

            case VALUE_NUMBER_INT:
                return parser.getLongValue();

            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();

            case VALUE_STRING:
                return parser.getText();

            case VALUE_TRUE:
                return Boolean.TRUE;

            case VALUE_FALSE:
                return Boolean.FALSE;

            case VALUE_NULL:
                return null;

            default:
                throw new IllegalArgumentException("unexpected token " + token);
        }
    }
}
