package io.ripple.engine;

/**
 * The six kinds of signal an agent publishes about itself, each a value in [0, 1].
 * <p>
 * The wire id of each type is fixed: it is what the SBE codecs and the journal carry, so the order and the ids
 * must never change.
 */
public enum SignalType
{
    /**
     * How loaded the agent is: 0 idle, 1 saturated. The only type where a higher value is worse.
     */
    LOAD(0),

    /**
     * Spare capacity: 0 none, 1 full.
     */
    CAPACITY(1),

    /**
     * Quality of the agent's work: 0 poor, 1 excellent.
     */
    QUALITY(2),

    /**
     * Cost of using the agent: 0 expensive, 1 cheap.
     */
    COST(3),

    /**
     * Response time: 0 slow, 1 fast.
     */
    LATENCY(4),

    /**
     * Health: 0 degraded, 1 healthy.
     */
    AVAILABILITY(5);

    /**
     * Number of signal types.
     */
    public static final int COUNT = 6;

    private static final SignalType[] BY_ID = values();

    private final int id;

    SignalType(final int id)
    {
        this.id = id;
    }

    /**
     * Wire id of the type.
     *
     * @return the id, 0 to 5.
     */
    public int id()
    {
        return id;
    }

    /**
     * Look up a type by its wire id without allocating.
     *
     * @param id wire id.
     * @return the type, or null if the id is not a known type.
     */
    public static SignalType get(final int id)
    {
        return id >= 0 && id < COUNT ? BY_ID[id] : null;
    }
}
