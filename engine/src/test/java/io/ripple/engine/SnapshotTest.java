package io.ripple.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SnapshotTest
{
    private static final long T0 = 1_000_000_000_000L;

    @Test
    void shouldAnswerEveryLaterEventLikeTheOriginalAfterRestore()
    {
        for (int seed = 0; seed < 30; seed++)
        {
            final EngineConfig config = new EngineConfig()
                .agentCapacity(24).historySize(12).sweepBudget(5).maxPools(3).maxProfiles(2).maxPoolMembers(8);
            final CoordinationEngine original = new CoordinationEngine(config, null);
            final RandomEvents prefix = new RandomEvents(seed, 30, T0);
            for (int i = 0; i < 300 + seed * 20; i++)
            {
                prefix.next(original);
            }

            final CoordinationEngine restored = roundTrip(original);
            assertSameSnapshot(original, restored);

            final RandomEvents left = new RandomEvents(1000 + seed, 30, prefix.timeNs());
            final RandomEvents right = new RandomEvents(1000 + seed, 30, prefix.timeNs());
            for (int i = 0; i < 600; i++)
            {
                assertEquals(left.next(original), right.next(restored), "seed " + seed + " event " + i);
            }
            assertEquals(original.metrics().toString(), restored.metrics().toString());
            assertSameSnapshot(original, restored);
        }
    }

    @Test
    void shouldRestoreAnEmptyEngine()
    {
        final CoordinationEngine restored = roundTrip(new CoordinationEngine());

        assertEquals(0, restored.agentCount());
        assertEquals(2, restored.profileCount());
    }

    @Test
    void shouldWriteExactlySnapshotLengthBytes()
    {
        final CoordinationEngine engine = new CoordinationEngine();
        final RandomEvents events = new RandomEvents(5, 40, T0);
        for (int i = 0; i < 2_000; i++)
        {
            events.next(engine);
        }

        final int length = engine.snapshotLength();
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocate(length + 16));

        assertEquals(length, engine.writeSnapshot(buffer, 16));
    }

    @Test
    void shouldRejectBytesThatAreNotASnapshot()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

        assertThrows(IllegalArgumentException.class, () -> CoordinationEngine.fromSnapshot(buffer, 0, 256, null));
        assertThrows(IllegalArgumentException.class, () -> CoordinationEngine.fromSnapshot(buffer, 0, 3, null));
    }

    @Test
    void shouldRejectUnsupportedVersion()
    {
        final CoordinationEngine engine = new CoordinationEngine();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[engine.snapshotLength()]);
        engine.writeSnapshot(buffer, 0);

        buffer.putByte(4, (byte) 99);

        assertThrows(IllegalArgumentException.class,
            () -> CoordinationEngine.fromSnapshot(buffer, 0, buffer.capacity(), null));
    }

    @Test
    void shouldRejectTruncatedSnapshot()
    {
        final CoordinationEngine engine = new CoordinationEngine();
        engine.onSignal(T0, "a-0", SignalType.LOAD, 0.5, 1.0, 1_000, 0);
        final int length = engine.snapshotLength();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[length]);
        engine.writeSnapshot(buffer, 0);

        assertThrows(IllegalArgumentException.class,
            () -> CoordinationEngine.fromSnapshot(new UnsafeBuffer(buffer.byteArray(), 0, length - 9), 0,
                length - 9, null));
    }

    static CoordinationEngine roundTrip(final CoordinationEngine engine)
    {
        final int length = engine.snapshotLength();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[length]);
        assertEquals(length, engine.writeSnapshot(buffer, 0));

        return CoordinationEngine.fromSnapshot(buffer, 0, length, null);
    }

    private static void assertSameSnapshot(final CoordinationEngine expected, final CoordinationEngine actual)
    {
        final byte[] left = snapshotBytes(expected);
        final byte[] right = snapshotBytes(actual);
        final int mismatch = Arrays.mismatch(left, right);
        assertEquals(-1, mismatch, () -> "snapshots differ at byte " + mismatch + " of " + left.length + "/" +
            right.length);
    }

    private static byte[] snapshotBytes(final CoordinationEngine engine)
    {
        final byte[] bytes = new byte[engine.snapshotLength()];
        engine.writeSnapshot(new UnsafeBuffer(bytes), 0);
        return bytes;
    }
}
