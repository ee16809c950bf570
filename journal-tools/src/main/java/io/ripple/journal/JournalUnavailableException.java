package io.ripple.journal;

/**
 * The journal cannot be written: it is closed, or the write failed (disk full, file system error). The gateway
 * answers the request with {@code JOURNAL_UNAVAILABLE}.
 */
public final class JournalUnavailableException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a reason and the underlying cause.
     *
     * @param message what could not be done.
     * @param cause   the failure, or null.
     */
    public JournalUnavailableException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
