package io.ripple.journal;

import io.ripple.codecs.SignalType;
import io.ripple.engine.EngineConfig;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Child process for the crash tests. Mode {@code load}: journal and apply signals and selections as fast as it can,
 * snapshotting now and then, and print {@code J <correlationId>} for each event once it is journaled and applied,
 * until killed. Mode {@code torn}: journal some events, then die in the middle of appending one more.
 */
public final class CrashTestProcess
{
    static final int AGENTS = 64;
    static final int HISTORY_SIZE = 1 << 16;
    static final int TORN_EVENTS = 100;

    static
    {
        JournalDirectory.disableChronicleReporting();
    }

    private CrashTestProcess()
    {
    }

    public static void main(final String[] args)
    {
        final Path dir = Paths.get(args[1]);
        if ("torn".equals(args[0]))
        {
            torn(dir);
        }
        else
        {
            load(dir);
        }
    }

    static EngineConfig engineConfig()
    {
        return new EngineConfig().agentCapacity(1024).historySize(HISTORY_SIZE);
    }

    static String agentOf(final long correlationId)
    {
        return "agent-" + (correlationId % AGENTS);
    }

    static double valueOf(final long correlationId)
    {
        return (correlationId % 1000) / 1000.0;
    }

    private static void load(final Path dir)
    {
        final PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false);
        final TestMessages messages = new TestMessages();
        final String[] candidates = new String[8];
        for (int i = 0; i < candidates.length; i++)
        {
            candidates[i] = agentOf(i);
        }

        try (LiveEngine live = new LiveEngine(dir, new JournalConfig(), engineConfig()))
        {
            long timestampNs = 1_700_000_000_000_000_000L;
            for (long correlationId = 1; correlationId < 50_000_000L; correlationId++)
            {
                timestampNs += 1_000;
                final int length = 0 == correlationId % 10 ?
                    messages.select(correlationId, 1, null, null, candidates) :
                    messages.signal(
                        correlationId, agentOf(correlationId), SignalType.LOAD, valueOf(correlationId), 3_600_000);
                live.apply(timestampNs, 1, messages.buffer, length);
                out.print("J ");
                out.println(correlationId);

                if (0 == correlationId % 5_000)
                {
                    new SnapshotStore(dir).write(live.dispatcher, live.lastIndex(), timestampNs);
                }

                if (0 == correlationId % 64)
                {
                    out.flush();
                }
            }
        }
    }

    private static void torn(final Path dir)
    {
        final TestMessages messages = new TestMessages();
        try (LiveEngine live = new LiveEngine(dir, new JournalConfig(), engineConfig()))
        {
            for (long correlationId = 1; correlationId <= TORN_EVENTS; correlationId++)
            {
                final int length = messages.signal(
                    correlationId, agentOf(correlationId), SignalType.LOAD, valueOf(correlationId), 3_600_000);
                live.apply(1_700_000_000_000_000_000L + correlationId, 1, messages.buffer, length);
            }
        }

        final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir)
            .rollCycle(JournalConfig.DEFAULT_ROLL_CYCLE).build();
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext context = appender.writingDocument();
        context.wire().bytes().writeByte(JournalRecord.KIND_EVENT).writeLong(TORN_EVENTS).writeLong(42L);
        System.out.println("TORN");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
