package io.ripple.gateway.client;

import io.ripple.codecs.ErrorCode;

/**
 * A request failed: the server answered with an {@code Error} or {@code ConnectRejected}, or the client gave up
 * waiting. Thrown by the blocking forms of {@link RippleClient}; the asynchronous forms report errors to the
 * {@link RippleClientListener} instead.
 */
public final class RippleException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final long correlationId;
    private final int itemIndex;

    /**
     * An error answered by the server.
     *
     * @param code          the error code, or null when the client gave up (timeout, closed connection).
     * @param correlationId of the request.
     * @param itemIndex     entry at fault, -1 for the whole request.
     * @param reason        human-readable reason.
     */
    public RippleException(final ErrorCode code, final long correlationId, final int itemIndex, final String reason)
    {
        super((null == code ? "" : code.name() + " (" + code.value() + "): ") + reason +
            (itemIndex >= 0 ? " [item " + itemIndex + "]" : ""));
        this.code = code;
        this.correlationId = correlationId;
        this.itemIndex = itemIndex;
    }

    /**
     * The error code, null when the client gave up waiting or lost the server.
     *
     * @return the error code or null.
     */
    public ErrorCode code()
    {
        return code;
    }

    /**
     * Correlation id of the failed request.
     *
     * @return the correlation id.
     */
    public long correlationId()
    {
        return correlationId;
    }

    /**
     * Entry of the request at fault, -1 for the whole request.
     *
     * @return the item index or -1.
     */
    public int itemIndex()
    {
        return itemIndex;
    }
}
