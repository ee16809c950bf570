package io.ripple.journal;

import io.ripple.engine.CoordinationEngine;
import io.ripple.engine.EngineConfig;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecoveryTest
{
    private static final int EVENTS = 20_000;

    @TempDir
    Path dir;

    private final EngineConfig engineConfig = new EngineConfig().agentCapacity(1024);
    private final TestMessages messages = new TestMessages();

    @Test
    void shouldReproduceEngineStateAndEveryAnswerOnReplay()
    {
        // given
        final List<byte[]> liveAnswers = new ArrayList<>();
        final byte[] liveState;
        try (LiveEngine live = new LiveEngine(dir, new JournalConfig(), engineConfig))
        {
            final Workload workload = new Workload(7, 50, messages);
            for (int i = 0; i < EVENTS; i++)
            {
                final int length = workload.next();
                live.apply(workload.timestampNs(), 1 + i % 3, messages.buffer, length);
            }
            live.sink.responses.forEach((r) -> liveAnswers.add(bytes(r.buffer, 0, r.buffer.capacity())));
            liveState = state(live.dispatcher.engine());
            assertTrue(live.dispatcher.engine().metrics().selections() > 1_000);
        }

        // when
        final CapturingSink replaySink = new CapturingSink();
        final List<byte[]> journaledAnswers = new ArrayList<>();
        final RecoveredState recovered = Recovery.recover(dir, engineConfig, false, new ReplayObserver()
        {
            public boolean beforeEvent(
                final long index,
                final long sequence,
                final long timestampNs,
                final long sessionId,
                final DirectBuffer buffer,
                final int offset,
                final int length)
            {
                return true;
            }

            public void onAnswer(
                final long index,
                final long requestSequence,
                final long timestampNs,
                final long sessionId,
                final DirectBuffer buffer,
                final int offset,
                final int length)
            {
                journaledAnswers.add(bytes(buffer, offset, length));
            }
        }, null, ResponseSink.NO_OP);
        final RecoveredState replayedWithSink = replayInto(replaySink);

        // then
        assertEquals(EVENTS, recovered.eventsReplayed());
        assertEquals(EVENTS - 1, recovered.lastRingSequence());
        assertEquals(0, recovered.tornEntries());
        assertArrayEquals(liveState, state(recovered.dispatcher().engine()));
        assertEquals(liveAnswers.size(), replaySink.responses.size());
        for (int i = 0; i < liveAnswers.size(); i++)
        {
            final UnsafeBuffer replayed = replaySink.responses.get(i).buffer;
            assertArrayEquals(liveAnswers.get(i), bytes(replayed, 0, replayed.capacity()), "answer " + i);
        }
        assertTrue(journaledAnswers.size() > 1_000);
        assertEquals(journaledAnswers.size(), recovered.answersRead());
        assertEquals(EVENTS, replayedWithSink.eventsReplayed());
    }

    @Test
    void shouldRecoverTheSameStateFromSnapshotPlusTailAsFromWholeJournal()
    {
        // given
        final byte[] liveState;
        final long snapshotIndex;
        try (LiveEngine live = new LiveEngine(dir, new JournalConfig(), engineConfig))
        {
            final Workload workload = new Workload(11, 80, messages);
            long indexAtSnapshot = -1;
            for (int i = 0; i < EVENTS; i++)
            {
                final int length = workload.next();
                live.apply(workload.timestampNs(), 1, messages.buffer, length);
                if (i == EVENTS / 2)
                {
                    indexAtSnapshot = live.lastIndex();
                    new SnapshotStore(dir).write(live.dispatcher, indexAtSnapshot, workload.timestampNs());
                }
            }
            snapshotIndex = indexAtSnapshot;
            liveState = state(live.dispatcher.engine());
        }

        // when
        final RecoveredState fromSnapshot = Recovery.recover(dir, engineConfig);
        final RecoveredState fromStart = Recovery.recover(
            dir, engineConfig, false, ReplayObserver.NONE, null, ResponseSink.NO_OP);

        // then
        assertNotNull(fromSnapshot.snapshotPath());
        assertEquals(snapshotIndex, fromSnapshot.snapshotJournalIndex());
        assertEquals(EVENTS - EVENTS / 2 - 1, fromSnapshot.eventsReplayed());
        assertEquals(EVENTS, fromStart.eventsReplayed());
        assertNull(fromStart.snapshotPath());
        assertArrayEquals(liveState, state(fromSnapshot.dispatcher().engine()));
        assertArrayEquals(liveState, state(fromStart.dispatcher().engine()));
        assertEquals(fromStart.lastJournalIndex(), fromSnapshot.lastJournalIndex());
    }

    @Test
    void shouldFallBackToOlderSnapshotWhenNewestIsCorruptOrTruncated() throws Exception
    {
        // given
        final byte[] liveState;
        try (LiveEngine live = new LiveEngine(dir, new JournalConfig(), engineConfig))
        {
            final Workload workload = new Workload(13, 40, messages);
            for (int i = 0; i < 3_000; i++)
            {
                final int length = workload.next();
                live.apply(workload.timestampNs(), 1, messages.buffer, length);
                if (i == 1_000 || i == 2_000 || i == 2_500)
                {
                    new SnapshotStore(dir).write(live.dispatcher, live.lastIndex(), workload.timestampNs());
                }
            }
            liveState = state(live.dispatcher.engine());
        }
        final SnapshotStore store = new SnapshotStore(dir);
        final List<Path> snapshots = store.list();
        assertEquals(3, snapshots.size());
        flipByte(snapshots.get(0), Files.size(snapshots.get(0)) - 10);
        truncate(snapshots.get(1), Files.size(snapshots.get(1)) / 2);

        // when
        final RecoveredState recovered = Recovery.recover(dir, engineConfig);

        // then
        assertEquals(snapshots.get(2), recovered.snapshotPath());
        assertEquals(2, recovered.snapshotsSkipped());
        assertEquals(SnapshotStore.journalIndexOf(snapshots.get(2)), recovered.snapshotJournalIndex());
        assertArrayEquals(liveState, state(recovered.dispatcher().engine()));
        assertEquals(snapshots.get(2), store.loadNewestValid().path());
    }

    @Test
    void shouldKeepOnlyRetainedSnapshots()
    {
        // given
        final JournalConfig journalConfig = new JournalConfig().retainedSnapshots(2);
        try (LiveEngine live = new LiveEngine(dir, journalConfig, engineConfig))
        {
            final Workload workload = new Workload(17, 10, messages);
            for (int i = 0; i < 500; i++)
            {
                live.apply(workload.timestampNs(), 1, messages.buffer, workload.next());
                if (i % 100 == 99)
                {
                    new SnapshotStore(dir, journalConfig).write(live.dispatcher, live.lastIndex(), i);
                }
            }
        }

        // when
        final List<Path> snapshots = new SnapshotStore(dir).list();

        // then
        assertEquals(2, snapshots.size());
        assertTrue(SnapshotStore.journalIndexOf(snapshots.get(0)) > SnapshotStore.journalIndexOf(snapshots.get(1)));
    }

    @Test
    void shouldDeleteCycleFilesThatNoRetainedSnapshotNeeds() throws Exception
    {
        // given: two one-second cycles
        final JournalConfig journalConfig = new JournalConfig().rollCycle("TEST_SECONDLY").retainedSnapshots(1);
        final byte[] liveState;
        final Path firstCycle;
        try (LiveEngine live = new LiveEngine(dir, journalConfig, engineConfig))
        {
            final Workload workload = new Workload(19, 20, messages);
            for (int i = 0; i < 100; i++)
            {
                live.apply(workload.timestampNs(), 1, messages.buffer, workload.next());
            }
            final long firstSecond = System.currentTimeMillis() / 1000;
            while (System.currentTimeMillis() / 1000 == firstSecond)
            {
                Thread.sleep(20);
            }
            for (int i = 0; i < 100; i++)
            {
                live.apply(workload.timestampNs(), 1, messages.buffer, workload.next());
            }
            final List<Path> cycles = new ArrayList<>(JournalRetention.cycleFiles(dir));
            cycles.sort(null);
            assertEquals(2, cycles.size());
            firstCycle = cycles.get(0);

            // when
            new SnapshotStore(dir, journalConfig).write(live.dispatcher, live.lastIndex(), workload.timestampNs());
            for (int i = 0; i < 10; i++)
            {
                live.apply(workload.timestampNs(), 1, messages.buffer, workload.next());
            }
            liveState = state(live.dispatcher.engine());
        }

        // then
        assertFalse(Files.exists(firstCycle));
        assertTrue(Files.exists(JournalRetention.cycleFiles(dir).get(0)));
        final RecoveredState recovered = Recovery.recover(dir, engineConfig);
        assertNotNull(recovered.snapshotPath());
        assertEquals(10, recovered.eventsReplayed());
        assertArrayEquals(liveState, state(recovered.dispatcher().engine()));
    }

    @Test
    void shouldRecoverEmptyEngineFromMissingOrEmptyJournal()
    {
        // when
        final RecoveredState missing = Recovery.recover(dir.resolve("new"), engineConfig);
        final RecoveredState empty = Recovery.recover(dir, engineConfig);

        // then
        assertEquals(0, missing.eventsReplayed());
        assertEquals(-1, missing.lastJournalIndex());
        assertEquals(0, empty.dispatcher().engine().agentCount());
    }

    private RecoveredState replayInto(final CapturingSink sink)
    {
        return Recovery.recover(dir, engineConfig, false, ReplayObserver.NONE, null, sink);
    }

    static byte[] state(final CoordinationEngine engine)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[engine.snapshotLength()]);
        final int length = engine.writeSnapshot(buffer, 0);
        return bytes(buffer, 0, length);
    }

    static byte[] bytes(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    static void flipByte(final Path file, final long position) throws Exception
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(position);
            final int value = raf.read();
            raf.seek(position);
            raf.write(value ^ 0xFF);
        }
    }

    static void truncate(final Path file, final long length) throws Exception
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(length);
        }
    }
}
