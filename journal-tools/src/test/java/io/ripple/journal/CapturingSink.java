package io.ripple.journal;

import io.ripple.codecs.ErrorDecoder;
import io.ripple.codecs.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a copy of every answer and warning a dispatcher hands out.
 */
public final class CapturingSink implements ResponseSink
{
    public final List<Response> responses = new ArrayList<>();
    public final List<UnsafeBuffer> warnings = new ArrayList<>();

    public void onResponse(final long sessionId, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        responses.add(new Response(sessionId, new UnsafeBuffer(bytes)));
    }

    public void onOverloadWarning(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        warnings.add(new UnsafeBuffer(bytes));
    }

    public Response last()
    {
        return responses.get(responses.size() - 1);
    }

    public void clear()
    {
        responses.clear();
        warnings.clear();
    }

    public static final class Response
    {
        public final long sessionId;
        public final UnsafeBuffer buffer;

        Response(final long sessionId, final UnsafeBuffer buffer)
        {
            this.sessionId = sessionId;
            this.buffer = buffer;
        }

        public int templateId()
        {
            return new MessageHeaderDecoder().wrap(buffer, 0).templateId();
        }

        public ErrorDecoder error()
        {
            return new ErrorDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        }

        public String toString()
        {
            return "Response{sessionId=" + sessionId + ", templateId=" + templateId() + '}';
        }
    }
}
