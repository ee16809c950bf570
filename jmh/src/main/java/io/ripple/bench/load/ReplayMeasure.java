package io.ripple.bench.load;

import io.ripple.codecs.MessageHeaderEncoder;
import io.ripple.codecs.SelectEncoder;
import io.ripple.codecs.SignalEncoder;
import io.ripple.codecs.SignalType;
import io.ripple.engine.EngineConfig;
import io.ripple.journal.JournalConfig;
import io.ripple.journal.JournalWriter;
import io.ripple.journal.RecoveredState;
import io.ripple.journal.Recovery;
import io.ripple.journal.ReplayObserver;
import io.ripple.journal.ResponseSink;
import org.agrona.ExpandableArrayBuffer;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Journal replay speed, through the restart path ({@link Recovery}): writes a journal of signals over 1,000 agents
 * with a two-candidate selection every 20th event, then recovers from it without a snapshot, several times.
 */
final class ReplayMeasure
{
    private static final SignalType[] TYPES = {
        SignalType.LOAD, SignalType.CAPACITY, SignalType.QUALITY, SignalType.COST, SignalType.LATENCY,
        SignalType.AVAILABILITY };

    private ReplayMeasure()
    {
    }

    /**
     * Write the journal and replay it.
     *
     * @param dir    a new directory for the journal.
     * @param events how many events to write.
     * @param passes how many replays.
     * @return the median rate, events per second.
     */
    static double eventsPerSecond(final Path dir, final int events, final int passes)
    {
        final String[] agents = new String[1000];
        for (int i = 0; i < agents.length; i++)
        {
            agents[i] = "agent-" + i;
        }
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final SignalEncoder signal = new SignalEncoder();
        final SelectEncoder select = new SelectEncoder();

        try (JournalWriter writer = JournalWriter.open(dir, new JournalConfig().rollCycle("LARGE_DAILY")))
        {
            long timestampNs = 1_700_000_000_000_000_000L;
            for (int i = 0; i < events; i++)
            {
                timestampNs += 1_000;
                final int length;
                if (0 == i % 20)
                {
                    select.wrapAndApplyHeader(buffer, 0, header).sessionId(1).correlationId(i).k(1);
                    select.weightsCount(0);
                    final SelectEncoder.CandidatesEncoder candidates = select.candidatesCount(2);
                    candidates.next().agentId(agents[i % 1000]);
                    candidates.next().agentId(agents[(i * 7) % 1000]);
                    select.poolName("").profileName("");
                    length = MessageHeaderEncoder.ENCODED_LENGTH + select.encodedLength();
                }
                else
                {
                    signal.wrapAndApplyHeader(buffer, 0, header).sessionId(1).correlationId(i)
                        .value((i % 100) / 100.0).confidence(1.0).ttlMs(60_000).signalType(TYPES[i % 6])
                        .agentId(agents[i % 1000]).traceId("");
                    length = MessageHeaderEncoder.ENCODED_LENGTH + signal.encodedLength();
                }
                writer.appendEvent(i, timestampNs, 1, buffer, 0, length);
            }
        }

        final double[] rates = new double[passes];
        for (int pass = 0; pass < passes; pass++)
        {
            final RecoveredState state = Recovery.recover(
                dir, new EngineConfig().agentCapacity(4096), false, ReplayObserver.NONE, null, ResponseSink.NO_OP);
            rates[pass] = state.eventsReplayed() * 1e9 / state.replayNs();
        }
        Arrays.sort(rates);
        return rates[passes / 2];
    }
}
