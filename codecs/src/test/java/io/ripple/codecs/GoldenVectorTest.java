package io.ripple.codecs;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Pins the wire format: each message is encoded from fixed values and compared byte for byte with a vector written
 * out by hand from the layout in {@code docs/protocol.md}, then the vector is decoded back to the same values. An
 * accidental change to the schema (a field moved, retyped or resized) fails here. A deliberate one needs a new schema
 * version and new vectors.
 */
class GoldenVectorTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    @Test
    void shouldEncodeSignalAsGoldenVector()
    {
        final SignalEncoder encoder = new SignalEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .sessionId(42)
            .correlationId(1001)
            .value(0.75)
            .confidence(0.5)
            .ttlMs(30_000)
            .signalType(SignalType.LATENCY)
            .agentId("agent-7")
            .traceId("trace-1");

        assertBytesEqual("signal.hex", MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    @Test
    void shouldDecodeSignalGoldenVector()
    {
        final SignalDecoder decoder = new SignalDecoder().wrapAndApplyHeader(golden("signal.hex"), 0, headerDecoder);

        assertEquals(42, decoder.sessionId());
        assertEquals(1001, decoder.correlationId());
        assertEquals(0.75, decoder.value());
        assertEquals(0.5, decoder.confidence());
        assertEquals(30_000, decoder.ttlMs());
        assertEquals(SignalType.LATENCY, decoder.signalType());
        assertEquals("agent-7", decoder.agentId());
        assertEquals("trace-1", decoder.traceId());
    }

    @Test
    void shouldEncodeSignalBatchAsGoldenVector()
    {
        final SignalBatchEncoder encoder = new SignalBatchEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .sessionId(42)
            .correlationId(1002);
        encoder.signalsCount(2)
            .next().value(0.25).confidence(1.0).ttlMs(10_000).signalType(SignalType.LOAD).agentId("a-1").traceId("")
            .next().value(0.875).confidence(0.9).ttlMs(60_000).signalType(SignalType.QUALITY).agentId("a-2")
            .traceId("t-9");

        assertBytesEqual("signal-batch.hex", MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    @Test
    void shouldDecodeSignalBatchGoldenVector()
    {
        final SignalBatchDecoder decoder = new SignalBatchDecoder()
            .wrapAndApplyHeader(golden("signal-batch.hex"), 0, headerDecoder);

        assertEquals(42, decoder.sessionId());
        assertEquals(1002, decoder.correlationId());
        final SignalBatchDecoder.SignalsDecoder signals = decoder.signals();
        assertEquals(2, signals.count());

        signals.next();
        assertEquals(0.25, signals.value());
        assertEquals(1.0, signals.confidence());
        assertEquals(10_000, signals.ttlMs());
        assertEquals(SignalType.LOAD, signals.signalType());
        assertEquals("a-1", signals.agentId());
        assertEquals("", signals.traceId());

        signals.next();
        assertEquals(0.875, signals.value());
        assertEquals(0.9, signals.confidence());
        assertEquals(60_000, signals.ttlMs());
        assertEquals(SignalType.QUALITY, signals.signalType());
        assertEquals("a-2", signals.agentId());
        assertEquals("t-9", signals.traceId());
        assertFalse(signals.hasNext());
    }

    @Test
    void shouldEncodeSelectAsGoldenVector()
    {
        final SelectEncoder encoder = new SelectEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .sessionId(42)
            .correlationId(1003)
            .k(2);
        encoder.weightsCount(2)
            .next().weight(0.5).signalType(SignalType.LOAD)
            .next().weight(0.25).signalType(SignalType.QUALITY);
        encoder.candidatesCount(3)
            .next().agentId("a-1")
            .next().agentId("a-2")
            .next().agentId("a-3");
        encoder.poolName("").profileName("reference");

        assertBytesEqual("select.hex", MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    @Test
    void shouldDecodeSelectGoldenVector()
    {
        final SelectDecoder decoder = new SelectDecoder().wrapAndApplyHeader(golden("select.hex"), 0, headerDecoder);

        assertEquals(42, decoder.sessionId());
        assertEquals(1003, decoder.correlationId());
        assertEquals(2, decoder.k());
        final SelectDecoder.WeightsDecoder weights = decoder.weights();
        assertEquals(2, weights.count());
        assertEquals(0.5, weights.next().weight());
        assertEquals(SignalType.LOAD, weights.signalType());
        assertEquals(0.25, weights.next().weight());
        assertEquals(SignalType.QUALITY, weights.signalType());
        final SelectDecoder.CandidatesDecoder candidates = decoder.candidates();
        assertEquals(3, candidates.count());
        assertEquals("a-1", candidates.next().agentId());
        assertEquals("a-2", candidates.next().agentId());
        assertEquals("a-3", candidates.next().agentId());
        assertEquals("", decoder.poolName());
        assertEquals("reference", decoder.profileName());
    }

    @Test
    void shouldEncodeSelectResultAsGoldenVector()
    {
        final SelectResultEncoder encoder = new SelectResultEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(1003);
        encoder.selectedCount(1).next()
            .routingScore(0.625)
            .loadScore(0.75)
            .capacityScore(0.5)
            .qualityScore(0.875)
            .costScore(0.5)
            .latencyScore(0.25)
            .availabilityScore(1.0)
            .inFlightCount(3)
            .candidateIndex(2)
            .agentId("a-3");

        assertBytesEqual("select-result.hex", MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    @Test
    void shouldDecodeSelectResultGoldenVector()
    {
        final SelectResultDecoder decoder = new SelectResultDecoder()
            .wrapAndApplyHeader(golden("select-result.hex"), 0, headerDecoder);

        assertEquals(1003, decoder.correlationId());
        final SelectResultDecoder.SelectedDecoder selected = decoder.selected();
        assertEquals(1, selected.count());
        selected.next();
        assertEquals(0.625, selected.routingScore());
        assertEquals(0.75, selected.loadScore());
        assertEquals(0.5, selected.capacityScore());
        assertEquals(0.875, selected.qualityScore());
        assertEquals(0.5, selected.costScore());
        assertEquals(0.25, selected.latencyScore());
        assertEquals(1.0, selected.availabilityScore());
        assertEquals(3, selected.inFlightCount());
        assertEquals(2, selected.candidateIndex());
        assertEquals("a-3", selected.agentId());
    }

    @Test
    void shouldEncodeErrorAsGoldenVector()
    {
        final ErrorEncoder encoder = new ErrorEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(1002)
            .templateId(SignalBatchEncoder.TEMPLATE_ID)
            .itemIndex(1)
            .code(ErrorCode.VALUE_OUT_OF_RANGE)
            .reason("value 1.5 is outside [0, 1]");

        assertBytesEqual("error.hex", MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    @Test
    void shouldDecodeErrorGoldenVector()
    {
        final ErrorDecoder decoder = new ErrorDecoder().wrapAndApplyHeader(golden("error.hex"), 0, headerDecoder);

        assertEquals(1002, decoder.correlationId());
        assertEquals(SignalBatchEncoder.TEMPLATE_ID, decoder.templateId());
        assertEquals(1, decoder.itemIndex());
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, decoder.code());
        assertEquals("value 1.5 is outside [0, 1]", decoder.reason());
    }

    private static UnsafeBuffer golden(final String resourceName)
    {
        return new UnsafeBuffer(HexFrames.load(resourceName));
    }

    private void assertBytesEqual(final String resourceName, final int encodedLength)
    {
        final byte[] expected = HexFrames.load(resourceName);

        assertEquals(
            HexFrames.format(expected),
            HexFrames.format(buffer, 0, encodedLength),
            () -> "encoding differs from golden vector " + resourceName);
    }
}
