package io.ripple.gateway.ring;

import org.agrona.DirectBuffer;

/**
 * Where the engine puts its answers while it applies an event: the contract of
 * {@code io.ripple.journal.ResponseSink}. The bytes are copied before the call returns.
 */
public interface EngineResponses
{
    /**
     * An answer for one session.
     *
     * @param sessionId session to answer.
     * @param buffer    holding the SBE answer, header included.
     * @param offset    of the answer.
     * @param length    of the answer in bytes.
     */
    void onResponse(long sessionId, DirectBuffer buffer, int offset, int length);

    /**
     * An overload warning for every session subscribed to them.
     *
     * @param buffer holding the SBE {@code OverloadWarning}, header included.
     * @param offset of the warning.
     * @param length of the warning in bytes.
     */
    void onOverloadWarning(DirectBuffer buffer, int offset, int length);
}
