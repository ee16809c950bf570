package io.ripple.gateway.ingress;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.ripple.gateway.GatewayCounters;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Delivers {@code ConnectRejected} answers to the response channel a refused {@code Connect} named. Such a channel
 * has no session, so the ingress makes a short-lived publication, offers the answer on each duty cycle until it
 * goes through or a deadline passes, then closes it. At most a fixed number are in flight; further refusals are
 * counted and not answered, so a flood of bad connects costs bounded resources. Ingress thread only.
 */
final class ConnectReplies
{
    private static final int MAX_PENDING = 16;
    private static final int MAX_REPLY_LENGTH = 1024;

    private final Aeron aeron;
    private final GatewayCounters counters;
    private final long timeoutNs;
    private final Publication[] publications = new Publication[MAX_PENDING];
    private final UnsafeBuffer[] messages = new UnsafeBuffer[MAX_PENDING];
    private final int[] lengths = new int[MAX_PENDING];
    private final long[] deadlinesNs = new long[MAX_PENDING];
    private int pending;

    ConnectReplies(final Aeron aeron, final GatewayCounters counters, final long timeoutNs)
    {
        this.aeron = aeron;
        this.counters = counters;
        this.timeoutNs = timeoutNs;
        for (int i = 0; i < MAX_PENDING; i++)
        {
            messages[i] = new UnsafeBuffer(new byte[MAX_REPLY_LENGTH]);
        }
    }

    /**
     * Queue a reply to a channel.
     *
     * @param channel  the response channel of the {@code Connect}.
     * @param streamId the response stream id of the {@code Connect}.
     * @param buffer   holding the encoded reply.
     * @param length   of the reply.
     * @param nowNs    {@link System#nanoTime()}.
     */
    void send(final String channel, final int streamId, final DirectBuffer buffer, final int length, final long nowNs)
    {
        if (pending == MAX_PENDING || length > MAX_REPLY_LENGTH)
        {
            counters.onUnansweredRejection();
            return;
        }

        final Publication publication;
        try
        {
            publication = aeron.addPublication(channel, streamId);
        }
        catch (final RuntimeException ex)
        {
            counters.onUnansweredRejection();
            return;
        }

        publications[pending] = publication;
        messages[pending].putBytes(0, buffer, 0, length);
        lengths[pending] = length;
        deadlinesNs[pending] = nowNs + timeoutNs;
        pending++;
    }

    /**
     * Offer every pending reply once; close those delivered or expired.
     *
     * @param nowNs {@link System#nanoTime()}.
     * @return work done.
     */
    int poll(final long nowNs)
    {
        int workCount = 0;
        for (int i = pending - 1; i >= 0; i--)
        {
            final boolean delivered = publications[i].offer(messages[i], 0, lengths[i]) > 0;
            final boolean expired = nowNs - deadlinesNs[i] > 0;
            if (delivered || expired)
            {
                if (!delivered)
                {
                    counters.onUnansweredRejection();
                }
                publications[i].close();
                remove(i);
                workCount++;
            }
        }
        return workCount;
    }

    private void remove(final int index)
    {
        final int last = pending - 1;
        if (index != last)
        {
            final UnsafeBuffer message = messages[index];
            publications[index] = publications[last];
            messages[index] = messages[last];
            messages[last] = message;
            lengths[index] = lengths[last];
            deadlinesNs[index] = deadlinesNs[last];
        }
        publications[last] = null;
        pending--;
    }

    /**
     * Close every pending publication.
     */
    void close()
    {
        for (int i = 0; i < pending; i++)
        {
            publications[i].close();
            publications[i] = null;
        }
        pending = 0;
    }
}
