package io.ripple.gateway.client;

import io.ripple.codecs.ErrorDecoder;
import io.ripple.codecs.OverloadWarningDecoder;
import io.ripple.codecs.SessionCloseReason;
import org.agrona.DirectBuffer;

/**
 * Callbacks of a {@link RippleClient}, called on the thread that drives the client, from inside {@code poll()} and
 * from inside any call that waits (a blocking request, an offer held up by back-pressure). Decoders passed in are
 * flyweights valid only during the call. Every method has a default that does nothing.
 */
public interface RippleClientListener
{
    /**
     * The server journaled this session's signal messages up to a correlation id.
     *
     * @param correlationId     highest correlation id journaled.
     * @param messagesJournaled signal messages of the session journaled so far.
     */
    default void onSignalAck(final long correlationId, final long messagesJournaled)
    {
    }

    /**
     * A request, or one entry of a batch, was rejected; not called for the request a blocking call waits on.
     *
     * @param error the error, valid during the call.
     */
    default void onError(final ErrorDecoder error)
    {
    }

    /**
     * An agent crossed the overload threshold (after subscribing).
     *
     * @param warning the warning, valid during the call.
     */
    default void onOverloadWarning(final OverloadWarningDecoder warning)
    {
    }

    /**
     * An answer that no blocking call waits for: the result of an asynchronous request.
     *
     * @param templateId    of the answer.
     * @param correlationId of the request answered.
     * @param buffer        holding the answer, header included.
     * @param offset        of the answer.
     * @param length        of the answer in bytes.
     */
    default void onAnswer(
        final int templateId, final long correlationId, final DirectBuffer buffer, final int offset, final int length)
    {
    }

    /**
     * The server ended the session (timeout, shutdown, or this client was too slow).
     *
     * @param reason why it ended.
     */
    default void onDisconnect(final SessionCloseReason reason)
    {
    }
}
