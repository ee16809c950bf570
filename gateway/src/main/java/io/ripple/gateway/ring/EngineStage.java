package io.ripple.gateway.ring;

import com.lmax.disruptor.EventHandler;
import io.ripple.codecs.ErrorCode;
import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.MetricsSnapshotDecoder;
import io.ripple.codecs.TimerEventDecoder;
import io.ripple.codecs.TimerKind;
import io.ripple.gateway.ErrorAnswers;
import io.ripple.gateway.GatewayCounters;
import io.ripple.engine.EngineMetrics;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Second stage of the ring: hands every journaled event to the single-threaded engine and collects its answers in
 * the slot's response area. A {@code SNAPSHOT} timer event also writes a snapshot that includes the event's
 * journal index. The engine never waits on a client: answers are copied into the slot and sent by egress.
 */
final class EngineStage implements EventHandler<RingSlot>, EngineResponses
{
    private static final int TIMER_KIND_OFFSET =
        MessageHeaderDecoder.ENCODED_LENGTH + TimerEventDecoder.kindEncodingOffset();

    private final GatewayCounters counters;
    private final MetricsMerger metricsMerger;
    private final ErrorAnswers errorAnswers = new ErrorAnswers();
    private CommandEngine engine;
    private RingSlot currentSlot;
    private long lastJournalIndex = -1;
    private long lastTimestampNs;

    EngineStage(final GatewayCounters counters)
    {
        this.counters = counters;
        this.metricsMerger = new MetricsMerger(counters);
    }

    void engine(final CommandEngine engine)
    {
        this.engine = engine;
    }

    /**
     * {@inheritDoc}
     */
    public void onEvent(final RingSlot slot, final long sequence, final boolean endOfBatch)
    {
        slot.responsesLength = 0;
        slot.responsesOverflowed = false;
        if (slot.journalFailed)
        {
            return;
        }

        currentSlot = slot;
        final DirectBuffer request = slot.requestBuffer();
        try
        {
            final long startNs = System.nanoTime();
            engine.dispatch(slot.timestampNs, slot.sessionId, request, 0, slot.requestLength);
            GatewayCounters.record(counters.engineServiceTimeNs(), System.nanoTime() - startNs);
            lastJournalIndex = slot.journalIndex;
            lastTimestampNs = slot.timestampNs;

            if (TimerEventDecoder.TEMPLATE_ID == slot.templateId)
            {
                onTimerEvent(slot, request);
            }
        }
        catch (final RuntimeException ex)
        {
            counters.onStageError(ex);
            if (slot.sessionId != 0)
            {
                final int length = errorAnswers.encode(
                    slot.correlationId, slot.templateId, -1, ErrorCode.INTERNAL_ERROR, "engine fault");
                slot.appendResponse(slot.sessionId, errorAnswers.buffer(), 0, length);
            }
        }
        finally
        {
            currentSlot = null;
        }
    }

    private void onTimerEvent(final RingSlot slot, final DirectBuffer request)
    {
        final EngineMetrics metrics = engine.metrics();
        if (null != metrics)
        {
            counters.onEngineMetrics(metrics);
        }

        if (TimerKind.SNAPSHOT.value() == request.getByte(TIMER_KIND_OFFSET))
        {
            engine.snapshot(slot.journalIndex, slot.timestampNs);
            counters.onSnapshot(slot.timestampNs);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onResponse(final long sessionId, final DirectBuffer buffer, final int offset, final int length)
    {
        final RingSlot slot = currentSlot;
        if (null == slot)
        {
            return;
        }

        if (length >= MessageHeaderDecoder.ENCODED_LENGTH &&
            MetricsSnapshotDecoder.TEMPLATE_ID == buffer.getShort(offset + 2, LITTLE_ENDIAN))
        {
            final int mergedLength = metricsMerger.merge(buffer, offset);
            slot.appendResponse(sessionId, metricsMerger.buffer(), 0, mergedLength);
        }
        else
        {
            slot.appendResponse(sessionId, buffer, offset, length);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onOverloadWarning(final DirectBuffer buffer, final int offset, final int length)
    {
        final RingSlot slot = currentSlot;
        if (null != slot)
        {
            slot.appendResponse(RingSlot.BROADCAST_SESSION_ID, buffer, offset, length);
        }
    }

    /**
     * Journal index of the last event the engine applied, for the snapshot at shutdown.
     *
     * @return the last journal index applied, -1 if none.
     */
    long lastJournalIndex()
    {
        return lastJournalIndex;
    }

    /**
     * Timestamp of the last event the engine applied.
     *
     * @return the last engine time in epoch nanoseconds.
     */
    long lastTimestampNs()
    {
        return lastTimestampNs;
    }
}
