package io.ripple.gateway.cli;

import io.ripple.codecs.MessageHeaderEncoder;
import io.ripple.codecs.SignalBatchEncoder;
import io.ripple.codecs.SignalEncoder;
import io.ripple.codecs.SignalType;
import io.ripple.journal.JournalConfig;
import io.ripple.journal.JournalWriter;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BusiestAgentsTest
{
    private static final long FROM_NS = 1_000_000_000L;
    private static final long LATER_NS = 2_000_000_000L;

    @TempDir
    Path journalDir;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private JournalWriter writer;
    private long sequence;

    @BeforeEach
    void openJournal()
    {
        writer = JournalWriter.open(journalDir, new JournalConfig());
    }

    @AfterEach
    void closeJournal()
    {
        writer.close();
    }

    @Test
    void shouldRankAgentsBySignalsOfSingleAndBatchedEventsFromTheGivenTimeOn()
    {
        signal(FROM_NS - 1, "x-old");
        signal(LATER_NS, "x-1");
        batch(LATER_NS, "x-2", "x-1", "x-2", "x-2");
        signal(LATER_NS, "x-3");

        try (BusiestAgents agents = BusiestAgents.open(journalDir, 10))
        {
            agents.catchUp(FROM_NS, 1_000);

            assertEquals(List.of("x-2=3/3", "x-1=2/2", "x-3=1/1"), ranking(agents, 10));
            assertEquals(List.of("x-2=3/3"), ranking(agents, 1));
            assertEquals(6, agents.signalsInWindow());
        }
    }

    @Test
    void shouldStartEachWindowAfterTheLastReadAndKeepTotals()
    {
        signal(LATER_NS, "x-1");

        try (BusiestAgents agents = BusiestAgents.open(journalDir, 10))
        {
            agents.catchUp(FROM_NS, 1_000);
            agents.endWindow();
            signal(LATER_NS, "x-2");
            signal(LATER_NS, "x-1");
            signal(LATER_NS, "x-1");
            agents.catchUp(FROM_NS, 1_000);

            assertEquals(List.of("x-1=2/3", "x-2=1/1"), ranking(agents, 10));
            assertEquals(3, agents.signalsInWindow());
        }
    }

    @Test
    void shouldCountAgentsBeyondTheTableAsUntrackedAndForgetIdleOnesWhenFull()
    {
        signal(LATER_NS, "x-1");
        signal(LATER_NS, "x-2");
        signal(LATER_NS, "x-3");

        try (BusiestAgents agents = BusiestAgents.open(journalDir, 2))
        {
            agents.catchUp(FROM_NS, 1_000);
            assertEquals(List.of("x-1=1/1", "x-2=1/1"), ranking(agents, 10));
            assertEquals(1, agents.untrackedInWindow());
            agents.endWindow();

            signal(LATER_NS, "x-1");
            agents.catchUp(FROM_NS, 1_000);
            agents.endWindow();
            signal(LATER_NS, "x-3");
            agents.catchUp(FROM_NS, 1_000);

            assertEquals(List.of("x-3=1/1"), ranking(agents, 10));
            assertEquals(0, agents.untrackedInWindow());
            assertEquals(2, agents.agentsTracked());
        }
    }

    @Test
    void shouldSkipBytesThatAreNotAWellFormedSignal()
    {
        buffer.setMemory(0, 64, (byte) 0x7f);
        writer.appendEvent(sequence++, LATER_NS, 1, buffer, 0, 64);
        final int length = encodeSignal("x-1");
        writer.appendEvent(sequence++, LATER_NS, 1, buffer, 0, length - 2);
        writer.appendAnswer(sequence, LATER_NS, 1, buffer, 0, length);

        try (BusiestAgents agents = BusiestAgents.open(journalDir, 10))
        {
            agents.catchUp(FROM_NS, 1_000);

            assertEquals(List.of(), ranking(agents, 10));
            assertEquals(0, agents.signalsInWindow());
        }
    }

    private static List<String> ranking(final BusiestAgents agents, final int limit)
    {
        return agents.busiest(limit).stream()
            .map((tally) -> tally.agentId() + "=" + tally.inWindow() + "/" + tally.total())
            .collect(Collectors.toList());
    }

    private void signal(final long timestampNs, final String agentId)
    {
        writer.appendEvent(sequence++, timestampNs, 1, buffer, 0, encodeSignal(agentId));
    }

    private int encodeSignal(final String agentId)
    {
        final SignalEncoder encoder = new SignalEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .sessionId(1).correlationId(sequence).value(0.5).confidence(1.0).ttlMs(60_000)
            .signalType(SignalType.LOAD).agentId(agentId).traceId("");
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private void batch(final long timestampNs, final String... agentIds)
    {
        final SignalBatchEncoder encoder = new SignalBatchEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .sessionId(1).correlationId(sequence);
        final SignalBatchEncoder.SignalsEncoder entries = encoder.signalsCount(agentIds.length);
        for (final String agentId : agentIds)
        {
            entries.next().value(0.5).confidence(1.0).ttlMs(60_000).signalType(SignalType.LOAD)
                .agentId(agentId).traceId("");
        }
        writer.appendEvent(sequence++, timestampNs, 1, buffer, 0,
            MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }
}
