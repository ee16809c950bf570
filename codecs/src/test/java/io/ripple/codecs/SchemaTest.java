package io.ripple.codecs;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks the schema itself: it is valid SBE, its enums carry the shared numbers, and its messages follow the
 * protocol's conventions.
 */
class SchemaTest
{
    private static final String SCHEMA_RESOURCE = "/sbe/ripple-schema.xml";
    private static final String SBE_NAMESPACE = "http://fixprotocol.io/2016/sbe";

    @Test
    void shouldValidateAgainstSbeXsd() throws Exception
    {
        final URL xsd = SchemaTest.class.getResource("/fpl/sbe.xsd");
        assertNotNull(xsd, "sbe.xsd from sbe-tool on the test class path");
        final SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);

        try (InputStream schema = SchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE))
        {
            factory.newSchema(xsd).newValidator().validate(new StreamSource(schema));
        }
    }

    @Test
    void shouldHoldEveryErrorCodeOfTheSharedTableWithItsNumber()
    {
        final Map<String, Integer> shared = new LinkedHashMap<>();
        shared.put("MALFORMED_FRAME", 1);
        shared.put("UNKNOWN_SCHEMA", 2);
        shared.put("UNSUPPORTED_VERSION", 3);
        shared.put("UNKNOWN_TEMPLATE", 4);
        shared.put("TRUNCATED_MESSAGE", 5);
        shared.put("GROUP_TOO_LARGE", 6);
        shared.put("MESSAGE_TOO_LARGE", 7);
        shared.put("INVALID_AGENT_ID", 10);
        shared.put("AGENT_CAPACITY_EXCEEDED", 11);
        shared.put("UNKNOWN_SIGNAL_TYPE", 12);
        shared.put("VALUE_NAN", 13);
        shared.put("VALUE_INFINITE", 14);
        shared.put("VALUE_OUT_OF_RANGE", 15);
        shared.put("CONFIDENCE_NOT_FINITE", 16);
        shared.put("CONFIDENCE_OUT_OF_RANGE", 17);
        shared.put("TTL_NOT_POSITIVE", 18);
        shared.put("TTL_TOO_LONG", 19);
        shared.put("EMPTY_CANDIDATES", 20);
        shared.put("TOO_MANY_CANDIDATES", 21);
        shared.put("UNKNOWN_POOL", 22);
        shared.put("K_OUT_OF_RANGE", 23);
        shared.put("INVALID_WEIGHTS", 24);
        shared.put("UNKNOWN_PROFILE", 25);
        shared.put("INVALID_PROFILE", 26);
        shared.put("INVALID_POOL_NAME", 27);
        shared.put("UNKNOWN_AGENT", 28);
        shared.put("INVALID_HORIZON", 29);
        shared.put("INVALID_THRESHOLD", 30);
        shared.put("BATCH_TOO_LARGE", 31);
        shared.put("POOL_CAPACITY_EXCEEDED", 32);
        shared.put("PROFILE_CAPACITY_EXCEEDED", 33);
        shared.put("NOT_IN_POOL", 34);
        shared.put("NOT_AUTHENTICATED", 40);
        shared.put("AUTHENTICATION_FAILED", 41);
        shared.put("NOT_AUTHORISED", 42);
        shared.put("AGENT_NOT_PERMITTED", 43);
        shared.put("SESSION_LIMIT_REACHED", 44);
        shared.put("RATE_LIMITED", 45);
        shared.put("UNKNOWN_SESSION", 46);
        shared.put("TEMPLATE_NOT_ALLOWED", 47);
        shared.put("JOURNAL_UNAVAILABLE", 50);
        shared.put("SERVER_BUSY", 51);
        shared.put("SHUTTING_DOWN", 52);
        shared.put("INTERNAL_ERROR", 60);

        final Map<String, Integer> generated = Arrays.stream(ErrorCode.values())
            .filter((final ErrorCode code) -> code != ErrorCode.NULL_VAL)
            .collect(Collectors.toMap(
                Enum::name,
                ErrorCode::value,
                (final Integer first, final Integer second) -> first,
                LinkedHashMap::new));

        assertEquals(shared, generated);
        assertEquals(2, ErrorEncoder.codeEncodingLength(), "ErrorCode is a uint16 on the wire");
    }

    @Test
    void shouldNumberSignalTypesAsTheSpecifiedTable()
    {
        assertEquals(0, SignalType.LOAD.value());
        assertEquals(1, SignalType.CAPACITY.value());
        assertEquals(2, SignalType.QUALITY.value());
        assertEquals(3, SignalType.COST.value());
        assertEquals(4, SignalType.LATENCY.value());
        assertEquals(5, SignalType.AVAILABILITY.value());
        assertEquals(7, SignalType.values().length, "six types and SBE's NULL_VAL");
    }

    @Test
    void shouldHaveRoundTripTestForEveryMessage() throws Exception
    {
        final List<String> missing = new ArrayList<>();

        for (final Element message : messages())
        {
            final String testName = "shouldRoundTrip" + message.getAttribute("name");
            try
            {
                RoundTripTest.class.getDeclaredMethod(testName);
            }
            catch (final NoSuchMethodException ex)
            {
                missing.add(testName);
            }
        }

        assertEquals(List.of(), missing);
    }

    @Test
    void shouldStartEveryClientRequestWithSessionIdThenCorrelationId() throws Exception
    {
        int requests = 0;

        for (final Element message : messages())
        {
            if (ProtocolLimits.isClientRequest(Integer.parseInt(message.getAttribute("id"))))
            {
                final List<Element> fields = childElements(message, "field");
                assertField(message, fields.get(0), "sessionId", "int64");
                assertField(message, fields.get(1), "correlationId", "int64");
                requests++;
            }
        }

        assertEquals(15, requests);
    }

    @Test
    void shouldStartEveryAnswerWithCorrelationId() throws Exception
    {
        final List<String> events = List.of("OverloadWarning");
        int answers = 0;

        for (final Element message : messages())
        {
            final int templateId = Integer.parseInt(message.getAttribute("id"));
            final String name = message.getAttribute("name");
            if (!ProtocolLimits.isClientRequest(templateId) && !ProtocolLimits.isInternal(templateId) &&
                !events.contains(name))
            {
                assertField(message, childElements(message, "field").get(0), "correlationId", "int64");
                answers++;
            }
        }

        assertEquals(10, answers);
    }

    @Test
    void shouldKeepTemplateIdsInTheirAreas() throws Exception
    {
        for (final Element message : messages())
        {
            final int templateId = Integer.parseInt(message.getAttribute("id"));
            final String name = message.getAttribute("name");
            final boolean internal = List.of("TimerEvent", "SessionOpened", "SessionClosed", "SnapshotHeader",
                "SnapshotChunk").contains(name);

            assertEquals(internal, ProtocolLimits.isInternal(templateId), name);
            assertFalse(internal && ProtocolLimits.isClientRequest(templateId), name);
            assertTrue(templateId >= 1 && templateId <= 99, name);
        }
    }

    private static void assertField(
        final Element message, final Element field, final String expectedName, final String expectedType)
    {
        final String where = message.getAttribute("name") + "." + field.getAttribute("name");
        assertEquals(expectedName, field.getAttribute("name"), where);
        assertEquals(expectedType, field.getAttribute("type"), where);
    }

    private static List<Element> messages() throws Exception
    {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);

        try (InputStream schema = SchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE))
        {
            final NodeList nodes = factory.newDocumentBuilder().parse(schema)
                .getElementsByTagNameNS(SBE_NAMESPACE, "message");
            final List<Element> messages = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++)
            {
                messages.add((Element) nodes.item(i));
            }

            return messages;
        }
    }

    private static List<Element> childElements(final Element parent, final String localName)
    {
        final List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); null != node; node = node.getNextSibling())
        {
            if (node instanceof Element && localName.equals(node.getNodeName()))
            {
                children.add((Element) node);
            }
        }

        return children;
    }
}
