package io.ripple.gateway.ring;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.LiteTimeoutBlockingWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import io.ripple.gateway.GatewayConfig;
import io.ripple.gateway.GatewayCounters;
import io.ripple.gateway.session.GatewaySession;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The Disruptor ring and its three stages: journal, then engine, then egress. The ingress thread is the only
 * producer ({@link #tryClaim()} and {@link #publish(long) }); it never blocks on the ring: a full ring is answered
 * with {@code SERVER_BUSY}.
 * <p>
 * The stages run in one of three forms ({@link GatewayConfig#ringThreads()}): 0, inline, on the ingress thread,
 * which drains the ring with {@link #poll()} after each poll of its subscriptions (no thread hand-off at all: the
 * form for one or two cores, where a hand-off means waking a parked thread); 1, the three stages in turn on one
 * ring thread; 3, each stage on its own thread, overlapping journaling with applying.
 * <p>
 * Stages wait with a phased back-off: spin briefly, yield, then block with a timeout so that an idle stage costs
 * no CPU yet still wakes to flush acks and journal answers. With the media driver and the ingress that makes five
 * threads on a small machine, none of which spins for long.
 */
public final class RingPipeline
{
    private static final Logger LOGGER = LoggerFactory.getLogger(RingPipeline.class);

    private final RingBuffer<RingSlot> ringBuffer;
    private final JournalStage journalStage;
    private final EngineStage engineStage;
    private final EgressStage egressStage;
    private final BatchEventProcessor<RingSlot> journalProcessor;
    private final BatchEventProcessor<RingSlot> engineProcessor;
    private final BatchEventProcessor<RingSlot> egressProcessor;
    private final EventPoller<RingSlot> poller;
    private final EventPoller.Handler<RingSlot> pollHandler;
    private final ExceptionHandler<RingSlot> exceptionHandler;
    private EventJournal journal;
    private Thread journalThread;
    private Thread engineThread;
    private Thread egressThread;

    /**
     * Build the ring; the journal and the engine are given to {@link #start}, since the engine needs
     * {@link #engineResponses()} to be built.
     *
     * @param config    server settings.
     * @param counters  gateway counters.
     * @param evictions queue on which egress hands slow sessions to the ingress.
     */
    public RingPipeline(
        final GatewayConfig config,
        final GatewayCounters counters,
        final ManyToOneConcurrentArrayQueue<GatewaySession> evictions)
    {
        // Inline, nobody waits on the ring, so a publish need not check for a waiter to wake.
        final WaitStrategy waitStrategy = 0 == config.ringThreads() ? new BusySpinWaitStrategy() :
            new PhasedBackoffWaitStrategy(
                config.ringSpinNs(),
                config.ringYieldNs(),
                TimeUnit.NANOSECONDS,
                new LiteTimeoutBlockingWaitStrategy(config.ringBlockTimeoutNs(), TimeUnit.NANOSECONDS));

        final int initial = config.slotInitialCapacity();
        final int retained = config.slotRetainedCapacity();
        final int maxRequest = config.maxMessageLength();
        final int maxResponses = config.maxResponseAreaLength();
        ringBuffer = RingBuffer.createSingleProducer(
            () -> new RingSlot(initial, retained, maxRequest, maxResponses), config.ringSize(), waitStrategy);

        journalStage = new JournalStage(counters);
        engineStage = new EngineStage(counters);
        egressStage = new EgressStage(config, counters, evictions);

        exceptionHandler = new CountingExceptionHandler(counters);
        final BatchEventProcessorBuilder builder = new BatchEventProcessorBuilder();

        if (0 == config.ringThreads())
        {
            final CombinedStage combined = new CombinedStage(journalStage, engineStage, egressStage);
            poller = ringBuffer.newPoller();
            ringBuffer.addGatingSequences(poller.getSequence());
            pollHandler = (slot, sequence, endOfBatch) ->
            {
                try
                {
                    combined.onEvent(slot, sequence, endOfBatch);
                }
                catch (final Throwable ex)
                {
                    exceptionHandler.handleEventException(ex, sequence, slot);
                }
                return true;
            };
            journalProcessor = null;
            engineProcessor = null;
            egressProcessor = null;
        }
        else if (1 == config.ringThreads())
        {
            journalProcessor = builder.build(
                ringBuffer, ringBuffer.newBarrier(), new CombinedStage(journalStage, engineStage, egressStage));
            journalProcessor.setExceptionHandler(exceptionHandler);
            engineProcessor = null;
            egressProcessor = journalProcessor;
            ringBuffer.addGatingSequences(journalProcessor.getSequence());
            poller = null;
            pollHandler = null;
        }
        else
        {
            poller = null;
            pollHandler = null;
            final SequenceBarrier journalBarrier = ringBuffer.newBarrier();
            journalProcessor = builder.build(ringBuffer, journalBarrier, journalStage);
            journalProcessor.setExceptionHandler(exceptionHandler);

            final SequenceBarrier engineBarrier = ringBuffer.newBarrier(journalProcessor.getSequence());
            engineProcessor = builder.build(ringBuffer, engineBarrier, engineStage);
            engineProcessor.setExceptionHandler(exceptionHandler);

            final SequenceBarrier egressBarrier = ringBuffer.newBarrier(engineProcessor.getSequence());
            egressProcessor = builder.build(ringBuffer, egressBarrier, egressStage);
            egressProcessor.setExceptionHandler(exceptionHandler);

            journalStage.bind(ringBuffer, engineProcessor.getSequence());
            ringBuffer.addGatingSequences(egressProcessor.getSequence(), journalStage.answersJournaled());
        }
    }

    /**
     * Where the engine must put its answers.
     *
     * @return the engine stage's response sink.
     */
    public EngineResponses engineResponses()
    {
        return engineStage;
    }

    /**
     * Start the stage threads, if the stages are not inline.
     *
     * @param journal      where events are journaled.
     * @param engine       that applies events; built with {@link #engineResponses()}.
     * @param baseSequence ring sequence of the first event, continuing the journal's numbering across restarts.
     */
    public void start(final EventJournal journal, final CommandEngine engine, final long baseSequence)
    {
        this.journal = journal;
        journalStage.journal(journal, baseSequence);
        engineStage.engine(engine);
        if (null != poller)
        {
            return;
        }
        if (null == engineProcessor)
        {
            journalThread = startThread(journalProcessor, "ripple-ring");
        }
        else
        {
            journalThread = startThread(journalProcessor, "ripple-journal");
            engineThread = startThread(engineProcessor, "ripple-engine");
            egressThread = startThread(egressProcessor, "ripple-egress");
        }
    }

    private static Thread startThread(final Runnable processor, final String name)
    {
        final Thread thread = new Thread(processor, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Inline form only, on the ingress thread: pass every published event through the stages. When there is nothing
     * to do, flush pending acks and do egress housekeeping (heartbeats, slow clients), as a stage thread does on its
     * block timeout, and let the journal do its idle work.
     *
     * @return the number of events processed (or 1 for idle work done), 0 if none or if the stages are not inline.
     */
    public int poll()
    {
        if (null == poller)
        {
            return 0;
        }

        final long before = poller.getSequence().get();
        try
        {
            if (EventPoller.PollState.PROCESSING == poller.poll(pollHandler))
            {
                return (int) (poller.getSequence().get() - before);
            }
        }
        catch (final Exception ex)
        {
            exceptionHandler.handleEventException(ex, before + 1, null);
        }
        egressStage.onTimeout(before);
        return journal.onIdle();
    }

    /**
     * Are the stages run by {@link #poll()} on the ingress thread?
     *
     * @return true for the inline form.
     */
    public boolean isInline()
    {
        return null != poller;
    }

    /**
     * Producer: claim the next slot without waiting.
     *
     * @return the sequence of the claimed slot, or -1 if the ring is full.
     */
    public long tryClaim()
    {
        try
        {
            return ringBuffer.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return -1;
        }
    }

    /**
     * Producer: the slot of a claimed sequence.
     *
     * @param sequence claimed with {@link #tryClaim()}.
     * @return the slot to fill.
     */
    public RingSlot slot(final long sequence)
    {
        return ringBuffer.get(sequence);
    }

    /**
     * Producer: make a filled slot visible to the stages.
     *
     * @param sequence claimed with {@link #tryClaim()}.
     */
    public void publish(final long sequence)
    {
        ringBuffer.publish(sequence);
    }

    /**
     * Wait until every published event has passed all stages and its answers are journaled, then stop the stages.
     *
     * @param timeoutNs longest wait for the drain.
     * @return true if the ring drained within the timeout.
     * @throws InterruptedException if interrupted while waiting.
     */
    public boolean drainAndStop(final long timeoutNs) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        final long cursor = ringBuffer.getCursor();
        if (null != poller)
        {
            while (poller.getSequence().get() < cursor && System.nanoTime() - deadlineNs < 0)
            {
                poll();
            }
            egressStage.onTimeout(cursor);
            egressStage.closeAll();
            return poller.getSequence().get() >= cursor;
        }

        boolean drained = false;
        while (System.nanoTime() - deadlineNs < 0)
        {
            if (egressProcessor.getSequence().get() >= cursor &&
                (null == engineProcessor || journalStage.answersJournaled().get() >= cursor))
            {
                drained = true;
                break;
            }
            Thread.sleep(1);
        }

        journalProcessor.halt();
        if (null != engineProcessor)
        {
            engineProcessor.halt();
            egressProcessor.halt();
        }
        for (final Thread thread : new Thread[]{ journalThread, engineThread, egressThread })
        {
            if (null != thread)
            {
                thread.join(TimeUnit.NANOSECONDS.toMillis(timeoutNs) + 1_000);
            }
        }

        journalStage.journalAnswers();
        egressStage.closeAll();
        return drained;
    }

    /**
     * Journal index of the last event the engine applied; read after {@link #drainAndStop(long) }.
     *
     * @return the last journal index applied, -1 if none.
     */
    public long lastJournalIndex()
    {
        return engineStage.lastJournalIndex();
    }

    /**
     * Engine time of the last event applied; read after {@link #drainAndStop(long) }.
     *
     * @return epoch nanoseconds.
     */
    public long lastTimestampNs()
    {
        return engineStage.lastTimestampNs();
    }

    /**
     * Slots not yet released by the last stage, for reports.
     *
     * @return events in flight.
     */
    public long inFlight()
    {
        final long done = null != poller ? poller.getSequence().get() : egressProcessor.getSequence().get();
        return ringBuffer.getCursor() - done;
    }

    /**
     * The journal the stages write to.
     *
     * @return the journal.
     */
    public EventJournal journal()
    {
        return journal;
    }

    private static final class CountingExceptionHandler implements ExceptionHandler<RingSlot>
    {
        private static final int MAX_LOGGED = 10;
        private final GatewayCounters counters;

        CountingExceptionHandler(final GatewayCounters counters)
        {
            this.counters = counters;
        }

        public void handleEventException(final Throwable ex, final long sequence, final RingSlot event)
        {
            onError(ex);
        }

        public void handleOnStartException(final Throwable ex)
        {
            onError(ex);
        }

        public void handleOnShutdownException(final Throwable ex)
        {
            onError(ex);
        }

        private void onError(final Throwable ex)
        {
            counters.onStageError(ex);
            if (counters.stageErrors() <= MAX_LOGGED)
            {
                LOGGER.error("ring stage fault (logged for the first " + MAX_LOGGED + ")", ex);
            }
        }
    }
}
