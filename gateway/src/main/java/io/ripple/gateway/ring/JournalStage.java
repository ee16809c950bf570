package io.ripple.gateway.ring;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.SelectResultDecoder;
import io.ripple.gateway.GatewayCounters;
import org.agrona.DirectBuffer;

/**
 * First stage of the ring: appends every event to the journal before the engine sees it, and, lagging behind the
 * engine, appends the engine's selection answers.
 * <p>
 * Answers are journaled here, on the journal's one thread, rather than by the engine (which would then wait on the
 * disk) or by egress (which would need a second journal writer). Before each event, at the end of each batch and
 * whenever the ring is idle for a block timeout, the stage appends the {@code SelectResult}s of every slot the
 * engine has finished since last time. Its progress is a gating sequence of the ring, so a slot is not reused
 * before its answers are journaled. An event whose append fails is marked, skipped by the engine and answered with
 * {@code JOURNAL_UNAVAILABLE} by egress.
 */
final class JournalStage implements EventHandler<RingSlot>
{
    private final GatewayCounters counters;
    private EventJournal journal;
    private long baseSequence;
    private final Sequence answersJournaled = new Sequence(-1);
    private RingBuffer<RingSlot> ringBuffer;
    private Sequence engineSequence;

    JournalStage(final GatewayCounters counters)
    {
        this.counters = counters;
    }

    void journal(final EventJournal journal, final long baseSequence)
    {
        this.journal = journal;
        this.baseSequence = baseSequence;
    }

    void bind(final RingBuffer<RingSlot> ringBuffer, final Sequence engineSequence)
    {
        this.ringBuffer = ringBuffer;
        this.engineSequence = engineSequence;
    }

    Sequence answersJournaled()
    {
        return answersJournaled;
    }

    /**
     * {@inheritDoc}
     */
    public void onEvent(final RingSlot slot, final long sequence, final boolean endOfBatch)
    {
        journalAnswers();

        try
        {
            slot.journalIndex = journal.appendEvent(
                baseSequence + sequence,
                slot.timestampNs,
                slot.sessionId,
                slot.requestBuffer(),
                0,
                slot.requestLength);
            counters.onJournalAppend(slot.journalIndex, slot.requestLength);
        }
        catch (final RuntimeException ex)
        {
            slot.journalFailed = true;
            counters.onStageError(ex);
        }

        if (endOfBatch)
        {
            journalAnswers();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onTimeout(final long sequence)
    {
        journalAnswers();
        journal.onIdle();
    }

    /**
     * The journal's idle work, on this stage's thread.
     */
    void onIdle()
    {
        journal.onIdle();
    }

    /**
     * Journal the answers of every slot the engine has finished; also called once the ring has stopped.
     */
    void journalAnswers()
    {
        if (null == engineSequence)
        {
            return;
        }

        final long engineDone = engineSequence.get();
        long next = answersJournaled.get() + 1;
        if (next > engineDone)
        {
            return;
        }

        while (next <= engineDone)
        {
            journalAnswersOf(ringBuffer.get(next), next);
            next++;
        }
        answersJournaled.set(engineDone);
    }

    void journalAnswersOf(final RingSlot slot, final long sequence)
    {
        final DirectBuffer area = slot.responseBuffer();
        int position = 0;
        while (position < slot.responsesLength)
        {
            final int length = area.getInt(position);
            final long sessionId = area.getLong(position + 4);
            final int messageOffset = position + RingSlot.RESPONSE_HEADER_LENGTH;
            if (length >= MessageHeaderDecoder.ENCODED_LENGTH &&
                SelectResultDecoder.TEMPLATE_ID == area.getShort(messageOffset + 2, java.nio.ByteOrder.LITTLE_ENDIAN))
            {
                try
                {
                    journal.appendAnswer(baseSequence + sequence, slot.timestampNs, sessionId, area, messageOffset,
                        length);
                }
                catch (final RuntimeException ex)
                {
                    counters.onStageError(ex);
                }
            }
            position = messageOffset + length;
        }
    }
}
