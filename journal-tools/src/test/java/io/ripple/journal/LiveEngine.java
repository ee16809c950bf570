package io.ripple.journal;

import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.SelectDecoder;
import io.ripple.engine.EngineConfig;
import org.agrona.DirectBuffer;

import java.nio.file.Path;

/**
 * What the gateway does, in miniature: journal each event, then apply it, and journal the answers to selections.
 * Every answer is also kept in a {@link CapturingSink}.
 */
public final class LiveEngine implements AutoCloseable, ResponseSink
{
    public final JournalWriter writer;
    public final EngineCommandDispatcher dispatcher;
    public final CapturingSink sink = new CapturingSink();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private long sequence;
    private long currentSequence;
    private long currentTimestampNs;
    private boolean currentIsSelect;
    private long lastIndex = -1;

    public LiveEngine(final Path dir, final JournalConfig journalConfig, final EngineConfig engineConfig)
    {
        writer = JournalWriter.open(dir, journalConfig);
        dispatcher = new EngineCommandDispatcher(engineConfig, this);
    }

    public LiveEngine(final Path dir, final RecoveredState recovered, final long nextSequence)
    {
        writer = JournalWriter.open(dir, new JournalConfig());
        dispatcher = recovered.dispatcher();
        dispatcher.responseSink(this);
        sequence = nextSequence;
    }

    public long apply(final long timestampNs, final long sessionId, final DirectBuffer buffer, final int length)
    {
        currentSequence = sequence++;
        currentTimestampNs = timestampNs;
        currentIsSelect = length >= 8 && header.wrap(buffer, 0).templateId() == SelectDecoder.TEMPLATE_ID;
        lastIndex = writer.appendEvent(currentSequence, timestampNs, sessionId, buffer, 0, length);
        dispatcher.dispatch(timestampNs, sessionId, buffer, 0, length);
        return lastIndex;
    }

    public long lastIndex()
    {
        return lastIndex;
    }

    public void onResponse(final long sessionId, final DirectBuffer buffer, final int offset, final int length)
    {
        sink.onResponse(sessionId, buffer, offset, length);
        if (currentIsSelect)
        {
            lastIndex = writer.appendAnswer(currentSequence, currentTimestampNs, sessionId, buffer, offset, length);
        }
    }

    public void onOverloadWarning(final DirectBuffer buffer, final int offset, final int length)
    {
        sink.onOverloadWarning(buffer, offset, length);
    }

    public void close()
    {
        writer.close();
    }
}
