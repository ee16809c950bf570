package io.ripple.gateway;

import io.ripple.engine.EngineConfig;
import io.ripple.engine.EngineMetrics;
import io.ripple.gateway.ring.CommandEngine;
import io.ripple.gateway.ring.EngineResponses;
import io.ripple.gateway.ring.EventJournal;
import io.ripple.journal.EngineCommandDispatcher;
import io.ripple.journal.JournalConfig;
import io.ripple.journal.JournalReader;
import io.ripple.journal.JournalWriter;
import io.ripple.journal.RecoveredState;
import io.ripple.journal.Recovery;
import io.ripple.journal.ResponseSink;
import io.ripple.journal.SnapshotStore;
import org.agrona.DirectBuffer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The production backend: a Chronicle Queue journal ({@link JournalWriter}) and the engine behind an
 * {@link EngineCommandDispatcher}, recovered from the journal directory ({@link Recovery}: newest intact snapshot,
 * then the journal after it) before the server takes traffic. Snapshots go to the journal's {@link SnapshotStore}.
 */
public final class JournalBackend implements RippleBackend
{
    /**
     * {@inheritDoc}
     */
    public Opened open(final GatewayConfig config, final EngineResponses responses) throws Exception
    {
        final Path dir = config.journalDir();
        Files.createDirectories(dir);
        final EngineConfig engineConfig = new EngineConfig()
            .agentCapacity(config.maxAgents())
            .maxCandidates(config.maxCandidates())
            .maxBatch(config.maxBatchSize());
        final RecoveredState recovered = Recovery.recover(dir, engineConfig);
        final JournalConfig journalConfig = new JournalConfig()
            .maxMessageLength(config.maxMessageLength())
            .blockSizeBytes(config.journalBlockSizeBytes());
        final JournalWriter writer = JournalWriter.open(dir, journalConfig);

        try
        {
            final long lastTimestampNs = timestampOf(dir, recovered.lastJournalIndex());
            recovered.dispatcher().responseSink(new SinkAdapter(responses));
            return new OpenedBackend(writer, new SnapshotStore(dir, journalConfig), recovered, lastTimestampNs);
        }
        catch (final Exception | Error ex)
        {
            writer.close();
            throw ex;
        }
    }

    private static long timestampOf(final Path dir, final long journalIndex)
    {
        if (journalIndex < 0)
        {
            return 0;
        }

        final long[] timestampNs = new long[1];
        try (JournalReader reader = JournalReader.open(dir))
        {
            if (reader.moveToIndex(journalIndex))
            {
                reader.poll(
                    (index, kind, sequence, time, sessionId, buffer, offset, length) -> timestampNs[0] = time, 1);
            }
        }
        return timestampNs[0];
    }

    private static final class SinkAdapter implements ResponseSink
    {
        private final EngineResponses responses;

        SinkAdapter(final EngineResponses responses)
        {
            this.responses = responses;
        }

        public void onResponse(final long sessionId, final DirectBuffer buffer, final int offset, final int length)
        {
            responses.onResponse(sessionId, buffer, offset, length);
        }

        public void onOverloadWarning(final DirectBuffer buffer, final int offset, final int length)
        {
            responses.onOverloadWarning(buffer, offset, length);
        }
    }

    private static final class OpenedBackend implements Opened, EventJournal, CommandEngine
    {
        private final JournalWriter writer;
        private final SnapshotStore snapshots;
        private final RecoveredState recovered;
        private final EngineCommandDispatcher dispatcher;
        private final long lastTimestampNs;

        OpenedBackend(
            final JournalWriter writer,
            final SnapshotStore snapshots,
            final RecoveredState recovered,
            final long lastTimestampNs)
        {
            this.writer = writer;
            this.snapshots = snapshots;
            this.recovered = recovered;
            this.dispatcher = recovered.dispatcher();
            this.lastTimestampNs = lastTimestampNs;
        }

        public EventJournal journal()
        {
            return this;
        }

        public CommandEngine engine()
        {
            return this;
        }

        public long nextRingSequence()
        {
            return recovered.lastRingSequence() + 1;
        }

        public long lastTimestampNs()
        {
            return lastTimestampNs;
        }

        public String recoverySummary()
        {
            return recovered.toString();
        }

        public long appendEvent(
            final long ringSequence,
            final long timestampNs,
            final long sessionId,
            final DirectBuffer buffer,
            final int offset,
            final int length)
        {
            return writer.appendEvent(ringSequence, timestampNs, sessionId, buffer, offset, length);
        }

        public long appendAnswer(
            final long requestSequence,
            final long timestampNs,
            final long sessionId,
            final DirectBuffer buffer,
            final int offset,
            final int length)
        {
            return writer.appendAnswer(requestSequence, timestampNs, sessionId, buffer, offset, length);
        }

        public int onIdle()
        {
            return writer.doIdleWork();
        }

        public void close()
        {
            writer.close();
        }

        public void dispatch(
            final long timestampNs, final long sessionId, final DirectBuffer buffer, final int offset, final int length)
        {
            dispatcher.dispatch(timestampNs, sessionId, buffer, offset, length);
        }

        public void snapshot(final long journalIndex, final long timestampNs)
        {
            snapshots.write(dispatcher, journalIndex, timestampNs);
        }

        public EngineMetrics metrics()
        {
            return dispatcher.engine().metrics();
        }
    }
}
