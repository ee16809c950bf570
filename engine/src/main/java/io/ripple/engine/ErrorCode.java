package io.ripple.engine;

/**
 * Reasons the engine rejects an event. Names and numbers are shared with the wire protocol's {@code ErrorCode}
 * enum and must not change.
 * <p>
 * Engine methods return null on success and one of these codes on rejection; a rejected event leaves the state
 * untouched and is counted in {@link EngineMetrics#rejections(ErrorCode)}.
 */
public enum ErrorCode
{
    /**
     * Agent id empty, longer than 64 bytes, or with a character outside {@code [A-Za-z0-9._:@/-]}.
     */
    INVALID_AGENT_ID(10, "agent id must be 1 to 64 characters from [A-Za-z0-9._:@/-]"),

    /**
     * A new agent would exceed the configured agent capacity.
     */
    AGENT_CAPACITY_EXCEEDED(11, "agent capacity exceeded"),

    /**
     * Signal type id is not one of the six known types.
     */
    UNKNOWN_SIGNAL_TYPE(12, "unknown signal type"),

    /**
     * Signal value is NaN.
     */
    VALUE_NAN(13, "signal value is NaN"),

    /**
     * Signal value is infinite.
     */
    VALUE_INFINITE(14, "signal value is infinite"),

    /**
     * Signal value is finite but outside [0, 1].
     */
    VALUE_OUT_OF_RANGE(15, "signal value must be in [0, 1]"),

    /**
     * Confidence is NaN or infinite.
     */
    CONFIDENCE_NOT_FINITE(16, "confidence must be finite"),

    /**
     * Confidence is outside [0, 1].
     */
    CONFIDENCE_OUT_OF_RANGE(17, "confidence must be in [0, 1]"),

    /**
     * Time-to-live is zero or negative.
     */
    TTL_NOT_POSITIVE(18, "ttl must be positive"),

    /**
     * Time-to-live is longer than 24 hours.
     */
    TTL_TOO_LONG(19, "ttl must be at most 24 h"),

    /**
     * A selection named no candidates.
     */
    EMPTY_CANDIDATES(20, "no candidates"),

    /**
     * A selection named more candidates than the configured maximum (1,024 by default).
     */
    TOO_MANY_CANDIDATES(21, "too many candidates"),

    /**
     * A selection named a pool that does not exist.
     */
    UNKNOWN_POOL(22, "unknown pool"),

    /**
     * The number of agents asked for is below 1 or above the configured maximum.
     */
    K_OUT_OF_RANGE(23, "k out of range"),

    /**
     * Weights are not six finite, non-negative numbers with a positive sum.
     */
    INVALID_WEIGHTS(24, "weights must be six finite, non-negative numbers with a positive sum"),

    /**
     * A request named a profile that does not exist.
     */
    UNKNOWN_PROFILE(25, "unknown profile"),

    /**
     * A profile definition has a bad name, a penalty outside [0, 1), no model, or redefines a built-in profile.
     */
    INVALID_PROFILE(26, "invalid profile"),

    /**
     * Pool name empty, longer than 64 bytes, or with a character outside {@code [A-Za-z0-9._:@/-]}.
     */
    INVALID_POOL_NAME(27, "pool name must be 1 to 64 characters from [A-Za-z0-9._:@/-]"),

    /**
     * A state query named an agent that is not tracked.
     */
    UNKNOWN_AGENT(28, "unknown agent"),

    /**
     * Prediction horizon is zero or negative.
     */
    INVALID_HORIZON(29, "horizon must be positive"),

    /**
     * Prediction threshold is not finite or is outside [0, 1].
     */
    INVALID_THRESHOLD(30, "threshold must be in [0, 1]"),

    /**
     * A batch query named more agents than the configured maximum.
     */
    BATCH_TOO_LARGE(31, "batch too large"),

    /**
     * A new pool would exceed the configured maximum number of pools.
     */
    POOL_CAPACITY_EXCEEDED(32, "pool capacity exceeded"),

    /**
     * A new profile would exceed the configured maximum number of profiles.
     */
    PROFILE_CAPACITY_EXCEEDED(33, "profile capacity exceeded"),

    /**
     * An agent asked to leave a pool it is not in.
     */
    NOT_IN_POOL(34, "agent is not in the pool");

    private static final ErrorCode[] VALUES = values();

    private final int code;
    private final String reason;

    ErrorCode(final int code, final String reason)
    {
        this.code = code;
        this.reason = reason;
    }

    /**
     * Wire number of the code, shared with the SBE {@code ErrorCode} enum.
     *
     * @return the number.
     */
    public int code()
    {
        return code;
    }

    /**
     * Short human-readable reason, suitable for an error response.
     *
     * @return the reason, a constant string.
     */
    public String reason()
    {
        return reason;
    }

    /**
     * Look up an engine error code by its wire number without allocating.
     *
     * @param code wire number.
     * @return the error code, or null if the number is not an engine code.
     */
    public static ErrorCode get(final int code)
    {
        for (final ErrorCode value : VALUES)
        {
            if (value.code == code)
            {
                return value;
            }
        }

        return null;
    }
}
