package io.ripple.tools.simulate;

/**
 * A trace line that cannot be turned into an event. Carries no stack trace: it is an expected outcome for bad
 * input, answered with an error line, and a trace may hold many of them.
 */
public final class TraceFormatException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final TraceFormatError error;

    TraceFormatException(final TraceFormatError error, final String message)
    {
        super(message, null, false, false);
        this.error = error;
    }

    /**
     * Why the line was rejected.
     *
     * @return the reason, named in the answer's {@code "error"} field.
     */
    public TraceFormatError error()
    {
        return error;
    }
}
