package io.ripple.journal;

import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.SelectDecoder;
import io.ripple.codecs.SignalDecoder;
import io.ripple.codecs.SignalType;
import io.ripple.engine.AgentStateView;
import io.ripple.engine.CoordinationEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrashRecoveryTest
{
    private static final long EVENTS_BEFORE_KILL = 30_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void shouldRecoverEveryJournaledEventExactlyOnceAfterKill9() throws Exception
    {
        // given: a child process journaling and applying under load
        final Process child = startChild("load");
        final AtomicLong highestReported = new AtomicLong();
        final Thread reader = new Thread(() -> readReported(child, highestReported));
        reader.start();

        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (highestReported.get() < EVENTS_BEFORE_KILL && child.isAlive() && System.nanoTime() < deadlineNs)
        {
            Thread.sleep(20);
        }

        // when: killed with SIGKILL, mid-stream
        assertTrue(child.isAlive(), "child died on its own");
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        reader.join(10_000);
        final long reported = highestReported.get();
        assertTrue(reported >= EVENTS_BEFORE_KILL, "reported " + reported);

        final RecoveredState recovered = Recovery.recover(dir, CrashTestProcess.engineConfig());
        final RecoveredState wholeJournal = Recovery.recover(
            dir, CrashTestProcess.engineConfig(), false, ReplayObserver.NONE, null, ResponseSink.NO_OP);

        // then: every reported event is in the journal and in the state, none twice
        final JournalContents journal = JournalContents.scan(dir);
        assertTrue(journal.highestCorrelationId >= reported, journal.highestCorrelationId + " < " + reported);
        assertEquals(journal.highestCorrelationId, journal.events, "gap or duplicate in the journal");

        final CoordinationEngine engine = recovered.dispatcher().engine();
        assertNotNull(recovered.snapshotPath(), "child wrote snapshots; recovery should start from one");
        assertEquals(journal.signals, engine.metrics().signals());
        assertEquals(journal.selections, engine.metrics().selections());

        assertArrayEquals(RecoveryTest.state(wholeJournal.dispatcher().engine()), RecoveryTest.state(engine));
        final AgentStateView view = new AgentStateView();
        for (int agent = 0; agent < CrashTestProcess.AGENTS; agent++)
        {
            final String agentId = "agent-" + agent;
            assertEquals(null, engine.agentState(journal.lastTimestampNs, agentId, view), agentId);
            assertEquals(journal.signalsPerAgent[agent], view.historySize(), agentId);
            assertEquals(
                CrashTestProcess.valueOf(journal.lastSignalPerAgent[agent]),
                view.value(io.ripple.engine.SignalType.LOAD), agentId);
        }

        // and the journal can be appended to again
        try (JournalWriter writer = JournalWriter.open(dir, new JournalConfig()))
        {
            final TestMessages messages = new TestMessages();
            final int length = messages.signal(
                journal.highestCorrelationId + 1, "agent-0", SignalType.LOAD, 0.5, 1_000);
            writer.appendEvent(0, journal.lastTimestampNs + 1, 1, messages.buffer, 0, length);
        }
        assertEquals(journal.events + 1, JournalContents.scan(dir).events);
    }

    @Test
    @Timeout(60)
    void shouldIgnoreCountAndReportTornLastEntry() throws Exception
    {
        // given: a child that died in the middle of an append
        final Process child = startChild("torn");
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertTrue(output.contains("TORN"), output);

        // when
        final RecoveredState recovered = Recovery.recover(dir, CrashTestProcess.engineConfig());

        // then
        assertEquals(CrashTestProcess.TORN_EVENTS, recovered.eventsReplayed());
        assertEquals(1, recovered.tornEntries());
        assertEquals(0, recovered.malformedRecords());
        assertEquals(CrashTestProcess.TORN_EVENTS, recovered.dispatcher().engine().metrics().signals());

        try (JournalWriter writer = JournalWriter.open(dir, new JournalConfig()))
        {
            final TestMessages messages = new TestMessages();
            writer.appendEvent(0, 1, 1, messages.buffer, 0, messages.signal(101, "agent-1", SignalType.LOAD, 0.5, 10));
        }
        final JournalContents after = JournalContents.scan(dir);
        assertEquals(CrashTestProcess.TORN_EVENTS + 1, after.events);
        assertEquals(0, after.malformed);
    }

    private Process startChild(final String mode) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-exports") || argument.startsWith("--add-opens") ||
                argument.startsWith("--enable-native-access") || argument.startsWith("--sun-misc-unsafe") ||
                argument.startsWith("-Dchronicle."))
            {
                command.add(argument);
            }
        }
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashTestProcess.class.getName());
        command.add(mode);
        command.add(dir.toString());

        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static void readReported(final Process child, final AtomicLong highestReported)
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII)))
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                if (line.startsWith("J "))
                {
                    final long correlationId = Long.parseLong(line.substring(2).trim());
                    assertEquals(highestReported.get() + 1, correlationId, "reports out of order");
                    highestReported.set(correlationId);
                }
            }
        }
        catch (final Exception ignore)
        {
            // the child was killed; what was read so far counts
        }
    }

    static final class JournalContents
    {
        long events;
        long signals;
        long selections;
        long malformed;
        long highestCorrelationId;
        long lastTimestampNs;
        final long[] signalsPerAgent = new long[CrashTestProcess.AGENTS];
        final long[] lastSignalPerAgent = new long[CrashTestProcess.AGENTS];

        static JournalContents scan(final Path dir)
        {
            final JournalContents contents = new JournalContents();
            final MessageHeaderDecoder header = new MessageHeaderDecoder();
            final SignalDecoder signal = new SignalDecoder();
            final SelectDecoder select = new SelectDecoder();
            try (JournalReader reader = JournalReader.open(dir))
            {
                while (reader.poll((index, kind, sequence, timestampNs, sessionId, buffer, offset, length) ->
                {
                    if (JournalRecord.KIND_EVENT != kind)
                    {
                        return;
                    }
                    contents.events++;
                    contents.lastTimestampNs = Math.max(contents.lastTimestampNs, timestampNs);
                    header.wrap(buffer, offset);
                    final long correlationId;
                    if (header.templateId() == SignalDecoder.TEMPLATE_ID)
                    {
                        signal.wrapAndApplyHeader(buffer, offset, header);
                        correlationId = signal.correlationId();
                        final int agent = (int) (correlationId % CrashTestProcess.AGENTS);
                        contents.signals++;
                        contents.signalsPerAgent[agent]++;
                        contents.lastSignalPerAgent[agent] = correlationId;
                    }
                    else
                    {
                        select.wrapAndApplyHeader(buffer, offset, header);
                        correlationId = select.correlationId();
                        contents.selections++;
                    }
                    assertEquals(contents.highestCorrelationId + 1, correlationId, "journal out of order");
                    contents.highestCorrelationId = correlationId;
                }, 10_000) > 0)
                {
                    contents.malformed = reader.malformedRecords();
                }
            }

            return contents;
        }
    }
}
