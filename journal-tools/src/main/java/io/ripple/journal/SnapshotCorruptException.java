package io.ripple.journal;

/**
 * A snapshot file is truncated, damaged or not a snapshot at all.
 */
public final class SnapshotCorruptException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * An exception saying what is wrong with the file.
     *
     * @param message the reason, naming the file.
     */
    public SnapshotCorruptException(final String message)
    {
        super(message);
    }
}
