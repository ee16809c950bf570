package io.ripple.tools.simulate;

/**
 * Why a trace line could not be turned into an event. These are answered by the simulator itself, before the
 * engine sees the event, so they are not engine error codes; their names appear in the {@code "error"} field.
 */
public enum TraceFormatError
{
    /**
     * The line is not a single JSON object.
     */
    MALFORMED_JSON,

    /**
     * The {@code "op"} field names no known operation.
     */
    UNKNOWN_OP,

    /**
     * A field that the operation needs is absent (or null).
     */
    MISSING_FIELD,

    /**
     * A field has the wrong JSON type, an impossible value (a fractional {@code k}) or conflicts with another.
     */
    INVALID_FIELD,

    /**
     * {@code t_ms} is smaller than that of an earlier event.
     */
    TIME_DECREASING
}
