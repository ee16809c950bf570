package io.ripple.tools.simulate;

/**
 * A trace line that cannot be turned into an event. Carries no stack trace: it is an expected outcome for bad
 * input, answered with an error line, and a trace may hold many of them.
 */
final class TraceFormatException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final TraceFormatError error;

    TraceFormatException(final TraceFormatError error, final String message)
    {
        super(message, null, false, false);
        this.error = error;
    }

    TraceFormatError error()
    {
        return error;
    }
}
