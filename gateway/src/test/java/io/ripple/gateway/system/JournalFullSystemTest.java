package io.ripple.gateway.system;

import io.ripple.codecs.ErrorCode;
import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.SignalBatchDecoder;
import io.ripple.codecs.SignalDecoder;
import io.ripple.codecs.SignalType;
import io.ripple.gateway.RippleServer;
import io.ripple.gateway.client.RippleClient;
import io.ripple.gateway.client.RippleException;
import io.ripple.journal.JournalReader;
import io.ripple.journal.JournalRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal's storage runs out: the server refuses requests with {@code JOURNAL_UNAVAILABLE}, changes nothing,
 * keeps running, and takes requests again as soon as space returns, with every acknowledged signal in the journal.
 */
class JournalFullSystemTest
{
    private static final long MIB = 1024 * 1024;
    private static final int BATCH_ENTRIES = 100;
    private static final int MAX_BATCHES = 2_000;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path tempDir;

    private TmpfsMount mount;

    @AfterEach
    void unmount() throws IOException
    {
        if (null != mount)
        {
            mount.close();
        }
    }

    @Test
    void shouldRefuseRequestsBelowTheFreeSpaceThresholdAndTakeThemAgainWhenItIsLowered() throws Exception
    {
        // given a server whose threshold is above the free space of its file system
        final Path journalDir = tempDir.resolve("journal");
        Files.createDirectories(journalDir);
        final long thresholdMb = Files.getFileStore(journalDir).getUsableSpace() / MIB + 1024;
        try (TestCluster cluster = new TestCluster(journalDir).start(
            (config) -> config.journalMinFreeMb(thresholdMb).metricsPort(0)))
        {
            final RippleServer server = cluster.server();
            final RippleClient agent = cluster.connect("fleet-a");
            final RippleClient router = cluster.connect("router");

            // when a signal and a query are sent
            final RippleException signalRefused = assertThrows(RippleException.class,
                () -> agent.signalAndAwaitAck("a-full", SignalType.LOAD, 0.5, 1.0, 60_000));
            final RippleException queryRefused = assertThrows(RippleException.class,
                () -> router.agentState("a-full", ""));

            // then both are refused with a coded error, counted, and the server is not ready
            assertEquals(ErrorCode.JOURNAL_UNAVAILABLE, signalRefused.code());
            assertEquals(ErrorCode.JOURNAL_UNAVAILABLE, queryRefused.code());
            assertTrue(server.journalSpaceGuard().isSpaceLow());
            assertEquals(2, server.counters().rejections(ErrorCode.JOURNAL_UNAVAILABLE.value()));
            assertEquals(1, server.counters().journalSpaceLowEpisodes());
            assertEquals(503, healthStatus(server));

            // when the threshold is lowered while the server runs
            server.journalSpaceGuard().minFreeMb(1);
            awaitCondition(() -> !server.journalSpaceGuard().isSpaceLow(), "space to be seen as back");

            // then the refused signal changed nothing, and signals are acknowledged and journaled again
            final RippleException unknown = assertThrows(RippleException.class,
                () -> router.agentState("a-full", ""));
            assertEquals(ErrorCode.UNKNOWN_AGENT, unknown.code());
            final long ackedCorrelationId = agent.signalAndAwaitAck("a-full", SignalType.LOAD, 0.5, 1.0, 60_000);
            assertEquals(0.5, router.agentState("a-full", "").signals().next().value(), 1e-9);
            assertEquals(1, agent.messagesJournaled());
            assertEquals(200, healthStatus(server));
            assertEquals(List.of(ackedCorrelationId), journaledSignals(journalDir, agent.sessionId()));
        }
    }

    @ParameterizedTest(name = "journal.min-free-mb {0}")
    @ValueSource(longs = { 0, 2 })
    void shouldRefuseSignalsWhileTheFileSystemIsFullAndResumeWhenSpaceReturns(final long minFreeMb) throws Exception
    {
        // given a server journaling onto a 16 MiB file system
        final Path mountDir = Files.createDirectories(tempDir.resolve("mnt"));
        mount = TmpfsMount.mountOrSkip(mountDir, 16);
        final Path journalDir = mountDir.resolve("journal");
        final List<Long> acked = new ArrayList<>();
        final long sessionId;
        try (TestCluster cluster = new TestCluster(journalDir).start(
            (config) -> config.journalMinFreeMb(minFreeMb).journalBlockSizeBytes(256 * 1024)))
        {
            final RippleClient agent = cluster.connect("fleet-a");
            sessionId = agent.sessionId();
            acked.add(sendBatch(agent, 0));

            // when a filler takes every free byte while signals keep coming
            mount.fill();
            RippleException refusal = null;
            for (int batch = 1; null == refusal && batch < MAX_BATCHES; batch++)
            {
                try
                {
                    acked.add(sendBatch(agent, batch));
                }
                catch (final RippleException ex)
                {
                    refusal = ex;
                }
            }

            // then they are refused with JOURNAL_UNAVAILABLE and the server keeps running
            assertTrue(null != refusal, "no signal was refused on a full file system");
            assertEquals(ErrorCode.JOURNAL_UNAVAILABLE, refusal.code());
            assertThrows(RippleException.class, () -> sendBatch(agent, MAX_BATCHES));

            // when the filler is deleted
            mount.release();

            // then signals are acknowledged again
            final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
            boolean resumed = false;
            while (!resumed && System.nanoTime() - deadlineNs < 0)
            {
                try
                {
                    acked.add(sendBatch(agent, MAX_BATCHES + 1));
                    resumed = true;
                }
                catch (final RippleException ex)
                {
                    assertEquals(ErrorCode.JOURNAL_UNAVAILABLE, ex.code());
                    TimeUnit.MILLISECONDS.sleep(20);
                }
            }
            assertTrue(resumed, "signals were not accepted again once space returned");
            acked.add(sendBatch(agent, MAX_BATCHES + 2));
            assertFalse(cluster.server().journalSpaceGuard().isSpaceLow());
        }

        // then the journal holds exactly the acknowledged signals
        assertEquals(acked, journaledSignals(journalDir, sessionId));
    }

    private static long sendBatch(final RippleClient agent, final int batch)
    {
        agent.beginBatch();
        for (int i = 0; i < BATCH_ENTRIES; i++)
        {
            agent.addToBatch("a-" + i, SignalType.LOAD, (batch % 100) / 100.0, 1.0, 60_000);
        }
        final long correlationId = agent.sendBatch();
        agent.awaitAck(correlationId);
        return correlationId;
    }

    private static List<Long> journaledSignals(final Path journalDir, final long sessionId)
    {
        final List<Long> correlationIds = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(journalDir))
        {
            while (reader.poll((index, kind, sequence, timestampNs, recordSessionId, buffer, offset, length) ->
            {
                final int templateId = buffer.getShort(offset + 2, LITTLE_ENDIAN) & 0xFFFF;
                if (JournalRecord.KIND_EVENT == kind && sessionId == recordSessionId &&
                    (SignalDecoder.TEMPLATE_ID == templateId || SignalBatchDecoder.TEMPLATE_ID == templateId))
                {
                    correlationIds.add(buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH + 8, LITTLE_ENDIAN));
                }
            }, 1_000) > 0)
            {
                continue;
            }
        }
        return correlationIds;
    }

    private static int healthStatus(final RippleServer server) throws IOException
    {
        final HttpURLConnection connection = (HttpURLConnection) new URL(
            "http://127.0.0.1:" + server.metricsPort() + "/health").openConnection();
        try
        {
            return connection.getResponseCode();
        }
        finally
        {
            connection.disconnect();
        }
    }

    private static void awaitCondition(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "timed out waiting for " + what);
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
