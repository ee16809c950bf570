package io.ripple.journal;

import io.ripple.codecs.SignalType;
import io.ripple.engine.EngineConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DispatcherAllocationTest
{
    @Test
    void shouldNotAllocateWhenDispatchingInSteadyState()
    {
        // given: a warmed-up dispatcher and pre-encoded messages
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported());

        final TestMessages messages = new TestMessages();
        final UnsafeBuffer[] frames = {
            copy(messages, messages.signal(1, "agent-1", SignalType.LOAD, 0.4, 60_000)),
            copy(messages, messages.signal(2, "agent-2", SignalType.QUALITY, 0.7, 60_000)),
            copy(messages, messages.select(3, 1, null, null, "agent-1", "agent-2", "agent-3")),
            copy(messages, messages.select(4, 2, "reference", null, "agent-2", "agent-1")),
            copy(messages, messages.scores(5, null, "agent-1", "agent-9")),
            copy(messages, messages.signal(6, "bad id!", SignalType.LOAD, 0.4, 60_000)),
            copy(messages, messages.predict(7, "agent-1", 60_000, 0.8)),
            copy(messages, messages.metrics(8)),
        };
        final long[] bytesSeen = { 0 };
        final EngineCommandDispatcher dispatcher = new EngineCommandDispatcher(
            new EngineConfig().agentCapacity(64), new ResponseSink()
            {
                public void onResponse(
                    final long sessionId, final org.agrona.DirectBuffer buffer, final int offset, final int length)
                {
                    bytesSeen[0] += length;
                }

                public void onOverloadWarning(
                    final org.agrona.DirectBuffer buffer, final int offset, final int length)
                {
                    bytesSeen[0] += length;
                }
            });
        long timestampNs = 1_000_000_000L;
        for (int i = 0; i < 200_000; i++)
        {
            final UnsafeBuffer frame = frames[i % frames.length];
            dispatcher.dispatch(timestampNs += 1_000, 1, frame, 0, frame.capacity());
        }

        // when
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < 100_000; i++)
        {
            final UnsafeBuffer frame = frames[i % frames.length];
            dispatcher.dispatch(timestampNs += 1_000, 1, frame, 0, frame.capacity());
        }
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        // then: allow for the measuring call itself
        assertEquals(0, Math.max(0, allocated - 1024), "bytes allocated by 100,000 dispatches: " + allocated);
    }

    private static UnsafeBuffer copy(final TestMessages messages, final int length)
    {
        return new UnsafeBuffer(messages.copy(length));
    }
}
