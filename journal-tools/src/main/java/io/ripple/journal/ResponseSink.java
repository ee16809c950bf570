package io.ripple.journal;

import org.agrona.DirectBuffer;

/**
 * Receives the SBE messages an {@link EngineCommandDispatcher} produces, on the engine's thread, from within
 * {@link EngineCommandDispatcher#dispatch(long, long, DirectBuffer, int, int)}. The buffer is the dispatcher's own and
 * is rewritten by the next message: copy or send it before returning.
 */
public interface ResponseSink
{
    /**
     * Sink that drops everything, for replay.
     */
    ResponseSink NO_OP = new ResponseSink()
    {
        public void onResponse(final long sessionId, final DirectBuffer buffer, final int offset, final int length)
        {
        }

        public void onOverloadWarning(final DirectBuffer buffer, final int offset, final int length)
        {
        }
    };

    /**
     * An answer to one session's request: a result, an {@code OperationAck} or an {@code Error}.
     *
     * @param sessionId session the request came from (0 for internal events, which nobody can be answered for).
     * @param buffer    holding the SBE message, header included.
     * @param offset    where it starts.
     * @param length    its length in bytes.
     */
    void onResponse(long sessionId, DirectBuffer buffer, int offset, int length);

    /**
     * An {@code OverloadWarning} for every session subscribed to warnings.
     *
     * @param buffer holding the SBE message, header included.
     * @param offset where it starts.
     * @param length its length in bytes.
     */
    void onOverloadWarning(DirectBuffer buffer, int offset, int length);
}
