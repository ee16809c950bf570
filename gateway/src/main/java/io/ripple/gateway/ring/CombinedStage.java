package io.ripple.gateway.ring;

import com.lmax.disruptor.EventHandler;

/**
 * The three stages on one thread, for small machines: for each event, journal it, apply it, journal its selection
 * answers, then send its answers; acks are flushed at the end of each batch as in the three-thread form. The order
 * of effects per event is the same as with three threads (journaled before applied, answered after applied); what
 * is lost is the overlap of journaling one event with applying the previous one, which on two cores costs less
 * than the thread hand-offs it saves.
 */
final class CombinedStage implements EventHandler<RingSlot>
{
    private final JournalStage journalStage;
    private final EngineStage engineStage;
    private final EgressStage egressStage;

    CombinedStage(final JournalStage journalStage, final EngineStage engineStage, final EgressStage egressStage)
    {
        this.journalStage = journalStage;
        this.engineStage = engineStage;
        this.egressStage = egressStage;
    }

    /**
     * {@inheritDoc}
     */
    public void onEvent(final RingSlot slot, final long sequence, final boolean endOfBatch)
    {
        journalStage.onEvent(slot, sequence, false);
        engineStage.onEvent(slot, sequence, false);
        journalStage.journalAnswersOf(slot, sequence);
        egressStage.onEvent(slot, sequence, endOfBatch);
    }

    /**
     * {@inheritDoc}
     */
    public void onTimeout(final long sequence)
    {
        egressStage.onTimeout(sequence);
        journalStage.onIdle();
    }
}
