package io.ripple.journal;

import io.ripple.codecs.SignalType;
import io.ripple.engine.EngineConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Timed run of journal replay: writes a journal of signals (with a selection every 20 events) for 1,000 agents, then
 * recovers from it without a snapshot, five times, and prints the rate against wall-clock time and against the CPU
 * time of the replaying thread (the second is the fairer figure on a machine shared with other work).
 * <p>
 * {@code java <jvm flags> -cp <test classpath> io.ripple.journal.ReplaySpeed [DIR] [EVENTS]}
 */
public final class ReplaySpeed
{
    static
    {
        JournalDirectory.disableChronicleReporting();
    }

    private ReplaySpeed()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Path dir = args.length > 0 ? Paths.get(args[0]) : Files.createTempDirectory("ripple-replay-speed");
        final int events = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
        final EngineConfig config = new EngineConfig().agentCapacity(4096);

        if (!Files.exists(dir.resolve(JournalDirectory.MARKER_FILE_NAME)))
        {
            final TestMessages messages = new TestMessages();
            final String[] agents = new String[1000];
            for (int i = 0; i < agents.length; i++)
            {
                agents[i] = "agent-" + i;
            }

            final long startNs = System.nanoTime();
            try (JournalWriter writer = JournalWriter.open(dir, new JournalConfig().rollCycle("LARGE_DAILY")))
            {
                long timestampNs = 1_700_000_000_000_000_000L;
                for (int i = 0; i < events; i++)
                {
                    timestampNs += 1_000;
                    final int length = 0 == i % 20 ?
                        messages.select(i, 1, null, null, agents[i % 1000], agents[(i * 7) % 1000]) :
                        messages.signal(i, agents[i % 1000], SignalType.get((short) (i % 6)), (i % 100) / 100.0,
                            60_000);
                    writer.appendEvent(i, timestampNs, 1, messages.buffer, 0, length);
                }
            }
            final long writeNs = System.nanoTime() - startNs;
            System.out.printf("wrote %,d events in %,d ms (%,.0f events/s)%n",
                events, writeNs / 1_000_000, events * 1e9 / writeNs);
        }

        final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int run = 0; run < 5; run++)
        {
            final long cpuBeforeNs = threads.getCurrentThreadCpuTime();
            final RecoveredState state = Recovery.recover(
                dir, config, false, ReplayObserver.NONE, null, ResponseSink.NO_OP);
            final long cpuNs = threads.getCurrentThreadCpuTime() - cpuBeforeNs;
            System.out.printf("run %d: replayed %,d events in %,d ms: %,.0f events/s (%,.0f events per CPU second)%n",
                run, state.eventsReplayed(), state.replayNs() / 1_000_000,
                state.eventsReplayed() * 1e9 / state.replayNs(), state.eventsReplayed() * 1e9 / cpuNs);
        }
    }
}
