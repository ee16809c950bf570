package io.ripple.journal;

/**
 * A path given as a journal directory does not exist, is not a directory, or is not a Ripple journal.
 */
public final class JournalDirectoryException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message that names the path and what is wrong with it.
     *
     * @param message for the user.
     */
    public JournalDirectoryException(final String message)
    {
        super(message);
    }
}
