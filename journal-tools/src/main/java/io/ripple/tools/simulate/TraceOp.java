package io.ripple.tools.simulate;

/**
 * The operations a trace line may carry, with the name each has in the {@code "op"} field.
 */
public enum TraceOp
{
    /**
     * An agent reports a signal: {@code agent}, {@code type}, {@code value}, {@code confidence}, {@code ttl_ms}.
     */
    SIGNAL("signal", false),

    /**
     * Pick the best {@code k} of {@code candidates} or of a {@code pool}; answered.
     */
    SELECT("select", true),

    /**
     * Routing and per-type scores of a batch of {@code agents}; answered.
     */
    SCORES("scores", true),

    /**
     * Overload prediction for one {@code agent}; answered.
     */
    PREDICT("predict", true),

    /**
     * One expiry timer event.
     */
    SWEEP("sweep", false),

    /**
     * An {@code agent} joins a {@code pool}.
     */
    JOIN("join", false),

    /**
     * An {@code agent} leaves a {@code pool}.
     */
    LEAVE("leave", false),

    /**
     * An {@code agent} is registered without a signal.
     */
    REGISTER("register", false),

    /**
     * A named weight profile is defined: {@code name}, {@code model}, {@code weights}, {@code in_flight_penalty}.
     */
    PROFILE("profile", false);

    private static final TraceOp[] VALUES = values();

    private final String wireName;
    private final boolean isQuery;

    TraceOp(final String wireName, final boolean isQuery)
    {
        this.wireName = wireName;
        this.isQuery = isQuery;
    }

    /**
     * The name of the operation in a trace's {@code "op"} field.
     *
     * @return the name of the operation in a trace's {@code "op"} field.
     */
    public String wireName()
    {
        return wireName;
    }

    /**
     * Whether the operation is a query, which carries an {@code id} and always gets an answer line.
     *
     * @return true for a query, false for an event that answers only when it is rejected.
     */
    public boolean isQuery()
    {
        return isQuery;
    }

    /**
     * Find the operation of a given wire name.
     *
     * @param wireName as found in the {@code "op"} field.
     * @return the operation, or null when the name is not one of the operations.
     */
    public static TraceOp fromWireName(final String wireName)
    {
        for (final TraceOp op : VALUES)
        {
            if (op.wireName.equals(wireName))
            {
                return op;
            }
        }

        return null;
    }
}
