package io.ripple.gateway.system;

import io.ripple.codecs.ErrorDecoder;
import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.MetricsSnapshotDecoder;
import io.ripple.codecs.SignalDecoder;
import io.ripple.codecs.SignalType;
import io.ripple.gateway.client.RippleClient;
import io.ripple.gateway.client.RippleClientListener;
import io.ripple.gateway.client.RippleException;
import io.ripple.journal.JournalReader;
import io.ripple.journal.JournalRecord;
import org.agrona.collections.LongHashSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A server shut down while a client streams signals loses no acknowledged signal: after a restart every
 * acknowledged correlation id is in the journal, and recovery applies them. An ack covers every earlier signal
 * that got no error (a full ring refuses some with {@code SERVER_BUSY}), as the protocol says.
 */
@Tag("slow")
class ShutdownRecoverySystemTest
{
    @TempDir
    Path journalDir;

    @ParameterizedTest(name = "ring threads {0}")
    @ValueSource(ints = { 0, 1, 3 })
    void shouldLoseNoAcknowledgedSignalWhenShutDownUnderLoad(final int ringThreads) throws Exception
    {
        final long sessionId;
        final long highestAcked;
        final LongHashSet rejected = new LongHashSet();
        try (TestCluster cluster =
            new TestCluster(journalDir).start((config) -> config.ringSize(8192).ringThreads(ringThreads)))
        {
            final RippleClient agent = cluster.connect("fleet-a", new RippleClientListener()
            {
                public void onError(final ErrorDecoder error)
                {
                    rejected.add(error.correlationId());
                }
            });
            sessionId = agent.sessionId();
            final Thread stopper = new Thread(() ->
            {
                sleep(400);
                cluster.stopServer();
            });
            stopper.start();

            try
            {
                for (int i = 0; i < 500_000 && agent.isConnected(); i++)
                {
                    agent.signal("a-" + (i % 100), SignalType.LOAD, (i % 100) / 100.0, 1.0, 60_000);
                    agent.poll();
                    if (0 == i % 256)
                    {
                        sleep(1);
                    }
                }
            }
            catch (final RippleException expected)
            {
                // The server went away mid-stream.
            }
            final long deadlineNs = System.nanoTime() + 5_000_000_000L;
            while (agent.isConnected() && System.nanoTime() < deadlineNs)
            {
                agent.poll();
            }
            stopper.join();
            highestAcked = agent.highestAckedCorrelationId();
        }
        assertTrue(highestAcked > 100, "too few signals acknowledged before shutdown: " + highestAcked);
        long rejectedBelowAck = 0;
        for (final long id : rejected)
        {
            rejectedBelowAck += id <= highestAcked ? 1 : 0;
        }

        final LongHashSet journaled = journaledCorrelationIds(sessionId);
        for (long correlationId = 2; correlationId <= highestAcked; correlationId++)
        {
            if (!journaled.contains(correlationId) && !rejected.contains(correlationId))
            {
                fail("acknowledged signal " + correlationId + " is not in the journal (acked up to " +
                    highestAcked + ")");
            }
        }

        try (TestCluster restarted = new TestCluster(journalDir).start((config) -> { }))
        {
            final MetricsSnapshotDecoder metrics = restarted.connect("router").metrics();
            long loadSignals = 0;
            for (final MetricsSnapshotDecoder.SignalsByTypeDecoder byType : metrics.signalsByType())
            {
                if (SignalType.LOAD == byType.signalType())
                {
                    loadSignals = byType.signalCount();
                }
            }
            final long ackedAndAccepted = highestAcked - 1 - rejectedBelowAck;
            assertTrue(loadSignals >= ackedAndAccepted,
                "recovery applied " + loadSignals + " signals, fewer than the " + ackedAndAccepted + " acked");
        }
    }

    private LongHashSet journaledCorrelationIds(final long sessionId)
    {
        final LongHashSet ids = new LongHashSet();
        try (JournalReader reader = JournalReader.open(journalDir))
        {
            reader.toStart();
            while (reader.poll((index, kind, sequence, timestampNs, session, buffer, offset, length) ->
            {
                if (JournalRecord.KIND_EVENT == kind && session == sessionId &&
                    SignalDecoder.TEMPLATE_ID == buffer.getShort(offset + 2, LITTLE_ENDIAN))
                {
                    ids.add(buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH + 8, LITTLE_ENDIAN));
                }
            }, 10_000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return ids;
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
