package io.ripple.journal;

import io.ripple.codecs.AgentStateDecoder;
import io.ripple.codecs.ErrorCode;
import io.ripple.codecs.ErrorDecoder;
import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.MetricsSnapshotDecoder;
import io.ripple.codecs.OperationAckDecoder;
import io.ripple.codecs.OverloadPredictionDecoder;
import io.ripple.codecs.OverloadWarningDecoder;
import io.ripple.codecs.ScoresResultDecoder;
import io.ripple.codecs.SelectResultDecoder;
import io.ripple.codecs.SignalType;
import io.ripple.codecs.TimerKind;
import io.ripple.engine.EngineConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineCommandDispatcherTest
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long SESSION = 77;

    private final CapturingSink sink = new CapturingSink();
    private final EngineCommandDispatcher dispatcher = new EngineCommandDispatcher(new EngineConfig(), sink);
    private final TestMessages messages = new TestMessages();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    @Test
    void shouldApplySignalsWithoutAnswerAndSelectTheBestAgent()
    {
        // given
        dispatch(SECOND_NS, messages.signal(1, "a-1", SignalType.LOAD, 0.9, 60_000));
        dispatch(SECOND_NS, messages.signal(2, "a-2", SignalType.LOAD, 0.1, 60_000));
        assertEquals(0, sink.responses.size());

        // when
        dispatch(2 * SECOND_NS, messages.select(3, 1, "reference", null, "a-1", "a-2"));

        // then
        final SelectResultDecoder result = new SelectResultDecoder().wrapAndApplyHeader(
            sink.last().buffer, 0, header);
        assertEquals(SESSION, sink.last().sessionId);
        assertEquals(3, result.correlationId());
        final SelectResultDecoder.SelectedDecoder selected = result.selected();
        assertEquals(1, selected.count());
        selected.next();
        assertEquals(1, selected.candidateIndex());
        assertEquals(1, selected.inFlightCount());
        assertEquals(dispatcher.engine().metrics().selections(), 1);
        assertTrue(selected.routingScore() > 0.5);
        assertEquals("a-2", selected.agentId());
    }

    @Test
    void shouldAnswerRejectedBatchEntryWithItsIndexAndApplyTheOthers()
    {
        // when
        dispatch(SECOND_NS, messages.signalBatch(
            5, new String[]{ "a-1", "bad id!", "a-3" }, SignalType.QUALITY, new double[]{ 0.5, 0.5, 0.7 }));

        // then
        assertEquals(1, sink.responses.size());
        final ErrorDecoder error = sink.last().error();
        assertEquals(5, error.correlationId());
        assertEquals(11, error.templateId());
        assertEquals(1, error.itemIndex());
        assertEquals(ErrorCode.INVALID_AGENT_ID, error.code());
        assertTrue(dispatcher.engine().isTracked("a-1"));
        assertTrue(dispatcher.engine().isTracked("a-3"));
        assertEquals(2, dispatcher.engine().agentCount());
    }

    @Test
    void shouldRejectSignalWithOutOfRangeValue()
    {
        // when
        dispatch(SECOND_NS, messages.signal(9, "a-1", SignalType.LOAD, 1.5, 60_000));

        // then
        final ErrorDecoder error = sink.last().error();
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, error.code());
        assertEquals(ErrorDecoder.itemIndexNullValue(), error.itemIndex());
        assertEquals(0, dispatcher.engine().agentCount());
    }

    @Test
    void shouldAnswerScoresAgentStateAndPrediction()
    {
        // given
        for (int i = 0; i < 5; i++)
        {
            dispatch((i + 1) * SECOND_NS, messages.signal(i, "a-1", SignalType.LOAD, 0.5 + 0.1 * i, 60_000));
        }

        // when
        dispatch(6 * SECOND_NS, messages.scores(10, "reference", "a-1", "unknown"));
        final UnsafeBuffer scores = sink.last().buffer;
        dispatch(6 * SECOND_NS, messages.agentState(11, "a-1"));
        final UnsafeBuffer state = sink.last().buffer;
        dispatch(6 * SECOND_NS, messages.predict(12, "a-1", 60_000, 0.8));
        final UnsafeBuffer prediction = sink.last().buffer;

        // then
        final ScoresResultDecoder scoresDecoder = new ScoresResultDecoder().wrapAndApplyHeader(scores, 0, header);
        assertEquals(10, scoresDecoder.correlationId());
        final ScoresResultDecoder.ScoresDecoder rows = scoresDecoder.scores();
        assertEquals(2, rows.count());
        rows.next();
        assertTrue(rows.loadScore() < 0.5);
        assertEquals("a-1", rows.agentId());
        rows.next();
        assertEquals(0.5, rows.routingScore());
        assertEquals("unknown", rows.agentId());

        final AgentStateDecoder stateDecoder = new AgentStateDecoder().wrapAndApplyHeader(state, 0, header);
        assertEquals(11, stateDecoder.correlationId());
        assertEquals(5, stateDecoder.historySize());
        final AgentStateDecoder.SignalsDecoder signals = stateDecoder.signals();
        assertEquals(1, signals.count());
        signals.next();
        assertEquals(SignalType.LOAD, signals.signalType());
        assertEquals(0.9, signals.value(), 1e-12);
        assertEquals(1_000, signals.ageMs());
        stateDecoder.pools().count();
        assertEquals("a-1", stateDecoder.agentId());

        final OverloadPredictionDecoder predictionDecoder = new OverloadPredictionDecoder()
            .wrapAndApplyHeader(prediction, 0, header);
        assertEquals(12, predictionDecoder.correlationId());
        assertEquals(5, predictionDecoder.samplesUsed());
        assertEquals(1.0, predictionDecoder.predictedLoad(), 1e-9);
    }

    @Test
    void shouldAcknowledgeAdministrationAndSelectFromPool()
    {
        // when
        dispatch(SECOND_NS, messages.defineProfile(1, "latency-first", new double[]{ 0, 0, 0, 0, 1, 0 }, 0.0));
        assertAck(1, 50);
        dispatch(SECOND_NS, messages.register(2, "a-1"));
        assertAck(2, 53);
        dispatch(SECOND_NS, messages.joinPool(3, "a-1", "gpu"));
        assertAck(3, 51);
        dispatch(SECOND_NS, messages.joinPool(4, "a-2", "gpu"));
        assertAck(4, 51);
        dispatch(SECOND_NS, messages.signal(5, "a-2", SignalType.LATENCY, 0.9, 60_000));
        dispatch(SECOND_NS, messages.select(6, 1, "latency-first", "gpu"));

        // then
        final SelectResultDecoder result = new SelectResultDecoder().wrapAndApplyHeader(
            sink.last().buffer, 0, header);
        final SelectResultDecoder.SelectedDecoder selected = result.selected();
        selected.next();
        assertEquals("a-2", selected.agentId());
        assertEquals(1, selected.candidateIndex());

        dispatch(SECOND_NS, messages.leavePool(7, "a-1", "gpu"));
        assertAck(7, 52);
        dispatch(SECOND_NS, messages.leavePool(8, "a-1", "gpu"));
        assertEquals(ErrorCode.NOT_IN_POOL, sink.last().error().code());
        dispatch(SECOND_NS, messages.subscribe(9, true));
        assertAck(9, 42);
    }

    @Test
    void shouldSweepExpiredSignalsOnTimerAndCountInMetrics()
    {
        // given
        dispatch(SECOND_NS, messages.signal(1, "a-1", SignalType.LOAD, 0.2, 10));
        dispatch(SECOND_NS, messages.sessionOpened(SECOND_NS, 5));
        assertTrue(dispatcher.engine().isTracked("a-1"));

        // when
        dispatch(2 * SECOND_NS, messages.timer(2 * SECOND_NS, TimerKind.SWEEP));
        dispatch(2 * SECOND_NS, messages.metrics(3));

        // then
        assertFalse(dispatcher.engine().isTracked("a-1"));
        final MetricsSnapshotDecoder metrics = new MetricsSnapshotDecoder().wrapAndApplyHeader(
            sink.last().buffer, 0, header);
        assertEquals(3, metrics.correlationId());
        assertEquals(1, metrics.expirations());
        assertEquals(0, metrics.agentsTracked());
        assertEquals(1, metrics.sessions());
        final MetricsSnapshotDecoder.SignalsByTypeDecoder byType = metrics.signalsByType();
        assertEquals(6, byType.count());
        byType.next();
        assertEquals(SignalType.LOAD, byType.signalType());
        assertEquals(1, byType.signalCount());
    }

    @Test
    void shouldBroadcastOverloadWarningWhenLoadTrendsUp()
    {
        // when
        for (int i = 0; i < 5; i++)
        {
            dispatch((i + 1) * SECOND_NS, messages.signal(i, "hot", SignalType.LOAD, 0.5 + 0.1 * i, 60_000));
        }

        // then
        assertEquals(1, sink.warnings.size());
        final OverloadWarningDecoder warning = new OverloadWarningDecoder().wrapAndApplyHeader(
            sink.warnings.get(0), 0, header);
        assertEquals(60_000, warning.horizonMs());
        assertEquals(0.8, warning.threshold());
        assertEquals("hot", warning.agentId());
    }

    @Test
    void shouldAnswerFramingErrorsWithCodesAndLeaveEngineUntouched()
    {
        // given
        final int length = messages.signal(42, "a-1", SignalType.LOAD, 0.2, 60_000);

        // when / then: truncated at every length
        for (int cut = 0; cut < length; cut++)
        {
            sink.clear();
            dispatch(SECOND_NS, cut);
            final ErrorDecoder error = sink.last().error();
            final ErrorCode expected = cut < 8 ? ErrorCode.MALFORMED_FRAME : ErrorCode.TRUNCATED_MESSAGE;
            assertEquals(expected, error.code(), "cut at " + cut);
            assertEquals(cut >= 24 ? 42 : 0, error.correlationId(), "cut at " + cut);
        }

        // wrong schema, version, template
        messages.buffer.putShort(4, (short) 1234);
        dispatch(SECOND_NS, length);
        assertEquals(ErrorCode.UNKNOWN_SCHEMA, sink.last().error().code());
        messages.signal(42, "a-1", SignalType.LOAD, 0.2, 60_000);
        messages.buffer.putShort(6, (short) 2);
        dispatch(SECOND_NS, length);
        assertEquals(ErrorCode.UNSUPPORTED_VERSION, sink.last().error().code());
        messages.signal(42, "a-1", SignalType.LOAD, 0.2, 60_000);
        messages.buffer.putShort(2, (short) 77);
        dispatch(SECOND_NS, length);
        assertEquals(ErrorCode.UNKNOWN_TEMPLATE, sink.last().error().code());
        messages.signal(42, "a-1", SignalType.LOAD, 0.2, 60_000);
        messages.buffer.putShort(2, (short) 21);
        dispatch(SECOND_NS, length);
        assertEquals(ErrorCode.TEMPLATE_NOT_ALLOWED, sink.last().error().code());
        messages.signal(42, "a-1", SignalType.LOAD, 0.2, 60_000);
        messages.buffer.putShort(0, (short) 10);
        dispatch(SECOND_NS, length);
        assertEquals(ErrorCode.MALFORMED_FRAME, sink.last().error().code());

        assertEquals(0, dispatcher.engine().agentCount());
        assertEquals(0, dispatcher.engine().metrics().signals());
    }

    @Test
    void shouldRejectSevenWeightsAsGroupTooLarge()
    {
        // given
        final int length = messages.selectWithWeights(3, 1, null, new double[]{ 1, 1, 1, 1, 1, 1, 1 }, null, "a-1");

        // when
        dispatch(SECOND_NS, length);

        // then
        final ErrorDecoder error = sink.last().error();
        assertEquals(ErrorCode.GROUP_TOO_LARGE, error.code());
        assertEquals(3, error.correlationId());
        assertEquals(20, error.templateId());
    }

    @Test
    void shouldRejectWeightsNamingOneTypeTwice()
    {
        // given
        final int length = messages.selectWithWeights(
            3, 1, null, new double[]{ 1, 1, 1, 1, 1, 1 }, null, "a-1");
        final int secondWeightTypeOffset = 8 + 18 + 4 + 9 + 8;
        messages.buffer.putByte(secondWeightTypeOffset, (byte) 0);

        // when
        dispatch(SECOND_NS, length);

        // then
        final ErrorDecoder error = sink.last().error();
        assertEquals(ErrorCode.INVALID_WEIGHTS, error.code());
        assertEquals(1, error.itemIndex());
        assertEquals(0, dispatcher.engine().metrics().selections());
    }

    @ParameterizedTest
    @ValueSource(longs = { 1L, 2L, 3L, 42L })
    void shouldSurviveRandomBytesAndMutatedMessages(final long seed)
    {
        // given
        final SplittableRandom random = new SplittableRandom(seed);
        final TestMessages valid = new TestMessages();
        final UnsafeBuffer buffer = messages.buffer;

        for (int trial = 0; trial < 2_000; trial++)
        {
            // when
            final int length;
            if (random.nextBoolean())
            {
                length = random.nextInt(200);
                for (int i = 0; i < length; i++)
                {
                    buffer.putByte(i, (byte) random.nextInt(256));
                }
                buffer.putShort(4, (short) (random.nextInt(4) == 0 ? 1 : 7301));
                buffer.putShort(6, (short) 1);
            }
            else
            {
                final int validLength = anyValidMessage(valid, random);
                length = random.nextInt(validLength + 1);
                buffer.putBytes(0, valid.buffer, 0, validLength);
                final int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips && length > 0; f++)
                {
                    buffer.putByte(random.nextInt(length), (byte) random.nextInt(256));
                }
            }

            // then: no exception, and every answer decodes
            sink.clear();
            try
            {
                dispatch(SECOND_NS + trial, length);
            }
            catch (final RuntimeException ex)
            {
                throw new AssertionError("seed=" + seed + " trial=" + trial + " length=" + length, ex);
            }

            for (final CapturingSink.Response response : sink.responses)
            {
                assertTrue(response.buffer.capacity() >= 8, "seed=" + seed + " trial=" + trial);
                header.wrap(response.buffer, 0);
                assertEquals(7301, header.schemaId());
            }
        }
    }

    private static int anyValidMessage(final TestMessages valid, final SplittableRandom random)
    {
        switch (random.nextInt(7))
        {
            case 0:
                return valid.signal(1, "a-" + random.nextInt(10), SignalType.LOAD, random.nextDouble(), 60_000);
            case 1:
                return valid.signalBatch(2, new String[]{ "a-1", "a-2" }, SignalType.COST, new double[]{ 0.1, 0.2 });
            case 2:
                return valid.selectWithWeights(3, 1, null, new double[]{ 1, 1, 1, 1, 1, 1 }, null, "a-1", "a-2", "a-3");
            case 3:
                return valid.scores(4, "reference", "a-1", "a-2");
            case 4:
                return valid.agentState(5, "a-1");
            case 5:
                return valid.joinPool(6, "a-1", "pool-1");
            default:
                return valid.defineProfile(7, "p-1", new double[]{ 1, 1, 1, 1, 1, 1 }, 0.1);
        }
    }

    private void assertAck(final long correlationId, final int templateId)
    {
        assertEquals(OperationAckDecoder.TEMPLATE_ID, sink.last().templateId(), sink.last().toString());
        final OperationAckDecoder ack = new OperationAckDecoder().wrapAndApplyHeader(sink.last().buffer, 0, header);
        assertEquals(correlationId, ack.correlationId());
        assertEquals(templateId, ack.templateId());
    }

    private void dispatch(final long timestampNs, final int length)
    {
        dispatcher.dispatch(timestampNs, SESSION, messages.buffer, 0, length);
    }
}
