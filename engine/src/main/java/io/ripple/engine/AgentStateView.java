package io.ripple.engine;

/**
 * Caller-owned, reusable answer to {@link CoordinationEngine#agentState(long, CharSequence, AgentStateView)}: the full
 * state of one tracked agent at the query's time.
 * <p>
 * For each signal type: whether the agent has a current signal (the latest of that type, live or expired but not
 * yet swept), its value, confidence, acceptance time, age, TTL, decay factor and whether it has expired. Scores and
 * decay factors are those of the profile named in the query ({@code default} when none): the decay factor is
 * {@code exp(-age/ttl)} under {@link ScoringModel#REFERENCE} and {@code exp(-3 age/ttl)} under
 * {@link ScoringModel#NEUTRAL}, 0 once expired. Reading does not allocate.
 */
public final class AgentStateView
{
    /**
     * Number of pool names a view holds by default, the engine's default maximum number of pools.
     */
    public static final int DEFAULT_POOL_CAPACITY = 64;

    final long[] idWords = new long[AsciiIdIndex.WORDS];
    int idLength;
    final boolean[] present = new boolean[SignalType.COUNT];
    final double[] values = new double[SignalType.COUNT];
    final double[] confidences = new double[SignalType.COUNT];
    final long[] acceptedAtNs = new long[SignalType.COUNT];
    final long[] agesNs = new long[SignalType.COUNT];
    final long[] ttlsNs = new long[SignalType.COUNT];
    final double[] decayFactors = new double[SignalType.COUNT];
    final boolean[] expired = new boolean[SignalType.COUNT];
    final double[] typeScores = new double[SignalType.COUNT];
    double routingScore;
    ScoringModel model;
    long inFlight;
    int historySize;
    int poolCount;
    private final int poolCapacity;
    final long[] poolNameWords;
    final int[] poolNameLengths;
    private final AsciiIdView idView = new AsciiIdView();
    private final AsciiIdView poolView = new AsciiIdView();

    /**
     * View holding up to {@link #DEFAULT_POOL_CAPACITY} pool names.
     */
    public AgentStateView()
    {
        this(DEFAULT_POOL_CAPACITY);
    }

    /**
     * View holding up to the given number of pool names; {@link #poolCount()} still counts every pool.
     *
     * @param poolCapacity number of pool names stored.
     */
    public AgentStateView(final int poolCapacity)
    {
        this.poolCapacity = poolCapacity;
        poolNameWords = new long[poolCapacity * AsciiIdIndex.WORDS];
        poolNameLengths = new int[poolCapacity];
    }

    /**
     * Id of the agent.
     *
     * @return a view valid until the next query into this object.
     */
    public CharSequence agentId()
    {
        return idView.wrap(idWords, 0, idLength);
    }

    /**
     * Does the agent have a current signal of this type (live, or expired but not yet swept)?
     *
     * @param type signal type.
     * @return true if there is a current signal.
     */
    public boolean hasSignal(final SignalType type)
    {
        return present[type.id()];
    }

    /**
     * Value of the current signal.
     *
     * @param type signal type.
     * @return the value, or NaN if there is no signal.
     */
    public double value(final SignalType type)
    {
        return values[type.id()];
    }

    /**
     * Confidence of the current signal.
     *
     * @param type signal type.
     * @return the confidence, or NaN if there is no signal.
     */
    public double confidence(final SignalType type)
    {
        return confidences[type.id()];
    }

    /**
     * Engine time at which the current signal was accepted.
     *
     * @param type signal type.
     * @return the timestamp in nanoseconds, or 0 if there is no signal.
     */
    public long acceptedAtNs(final SignalType type)
    {
        return acceptedAtNs[type.id()];
    }

    /**
     * Age of the current signal at the query's time (0 if the query is earlier than the signal).
     *
     * @param type signal type.
     * @return the age in nanoseconds, or 0 if there is no signal.
     */
    public long ageNs(final SignalType type)
    {
        return agesNs[type.id()];
    }

    /**
     * Time-to-live of the current signal.
     *
     * @param type signal type.
     * @return the TTL in nanoseconds, or 0 if there is no signal.
     */
    public long ttlNs(final SignalType type)
    {
        return ttlsNs[type.id()];
    }

    /**
     * Decay factor of the current signal under the query profile's model: {@code exp(-age/ttl)} for reference,
     * {@code exp(-3 age/ttl)} for neutral; 0 once expired.
     *
     * @param type signal type.
     * @return the factor in [0, 1], 0 if there is no signal.
     */
    public double decayFactor(final SignalType type)
    {
        return decayFactors[type.id()];
    }

    /**
     * Has the current signal outlived its TTL?
     *
     * @param type signal type.
     * @return true if expired; false if live or absent.
     */
    public boolean expired(final SignalType type)
    {
        return expired[type.id()];
    }

    /**
     * Scoring model of the query's profile.
     *
     * @return the model.
     */
    public ScoringModel model()
    {
        return model;
    }

    /**
     * Per-type score under the query's profile; the LOAD score includes the profile's in-flight penalty.
     *
     * @param type signal type.
     * @return the score in [0, 1].
     */
    public double typeScore(final SignalType type)
    {
        return typeScores[type.id()];
    }

    /**
     * Routing score under the query's profile.
     *
     * @return the score in [0, 1].
     */
    public double routingScore()
    {
        return routingScore;
    }

    /**
     * Selections counted since the agent's last LOAD signal.
     *
     * @return the in-flight count.
     */
    public long inFlight()
    {
        return inFlight;
    }

    /**
     * Number of signals in the agent's history ring.
     *
     * @return the count, at most the configured history size.
     */
    public int historySize()
    {
        return historySize;
    }

    /**
     * Number of pools the agent belongs to.
     *
     * @return the count.
     */
    public int poolCount()
    {
        return poolCount;
    }

    /**
     * Name of one of the agent's pools, in pool id order.
     *
     * @param index 0 to the smaller of {@link #poolCount()} and the view's pool capacity, minus 1.
     * @return a view of the name, valid until the next call to this method.
     */
    public CharSequence poolName(final int index)
    {
        if (index < 0 || index >= Math.min(poolCount, poolCapacity))
        {
            throw new IndexOutOfBoundsException("index=" + index + " poolCount=" + poolCount);
        }

        return poolView.wrap(poolNameWords, index * AsciiIdIndex.WORDS, poolNameLengths[index]);
    }

    int poolCapacity()
    {
        return poolCapacity;
    }
}
