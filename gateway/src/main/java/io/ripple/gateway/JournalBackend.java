package io.ripple.gateway;

import io.ripple.engine.EngineConfig;
import io.ripple.gateway.ring.CommandEngine;
import io.ripple.gateway.ring.EngineResponses;
import io.ripple.gateway.ring.EventJournal;
import io.ripple.journal.EngineCommandDispatcher;
import io.ripple.journal.JournalConfig;
import io.ripple.journal.JournalReader;
import io.ripple.journal.JournalRecord;
import io.ripple.journal.JournalWriter;
import io.ripple.journal.ResponseSink;
import org.agrona.DirectBuffer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The production backend: a Chronicle Queue journal ({@link JournalWriter}) and the engine behind an
 * {@link EngineCommandDispatcher}, recovered from the journal directory before the server takes traffic.
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
        final JournalWriter writer = JournalWriter.open(
            dir, new JournalConfig().maxMessageLength(config.maxMessageLength()));

        try
        {
            final EngineConfig engineConfig = new EngineConfig()
                .agentCapacity(config.maxAgents())
                .maxCandidates(config.maxCandidates())
                .maxBatch(config.maxBatchSize());
            final Replay replay = new Replay(new EngineCommandDispatcher(engineConfig, ResponseSink.NO_OP));
            try (JournalReader reader = JournalReader.open(dir))
            {
                reader.toStart();
                while (reader.poll(replay, 4096) > 0)
                {
                    replay.batches++;
                }
            }

            replay.dispatcher.responseSink(new SinkAdapter(responses));
            return new OpenedBackend(writer, replay);
        }
        catch (final Exception | Error ex)
        {
            writer.close();
            throw ex;
        }
    }

    private static final class Replay implements io.ripple.journal.JournalRecordHandler
    {
        private final EngineCommandDispatcher dispatcher;
        private long events;
        private long lastSequence = -1;
        private long lastTimestampNs;
        private long lastIndex = -1;
        private long batches;

        Replay(final EngineCommandDispatcher dispatcher)
        {
            this.dispatcher = dispatcher;
        }

        public void onRecord(
            final long index,
            final byte kind,
            final long sequence,
            final long timestampNs,
            final long sessionId,
            final DirectBuffer buffer,
            final int offset,
            final int length)
        {
            if (JournalRecord.KIND_EVENT == kind)
            {
                dispatcher.dispatch(timestampNs, sessionId, buffer, offset, length);
                events++;
                lastSequence = Math.max(lastSequence, sequence);
                lastTimestampNs = Math.max(lastTimestampNs, timestampNs);
                lastIndex = index;
            }
        }
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
        private final Replay replay;
        private final EngineCommandDispatcher dispatcher;

        OpenedBackend(final JournalWriter writer, final Replay replay)
        {
            this.writer = writer;
            this.replay = replay;
            this.dispatcher = replay.dispatcher;
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
            return replay.lastSequence + 1;
        }

        public long lastTimestampNs()
        {
            return replay.lastTimestampNs;
        }

        public String recoverySummary()
        {
            return "replayed " + replay.events + " events from the start of the journal" +
                (replay.lastIndex >= 0 ? " (last index " + replay.lastIndex + ")" : "");
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
            // Snapshots arrive with the journal's SnapshotStore; until then recovery replays the whole journal.
        }
    }
}
