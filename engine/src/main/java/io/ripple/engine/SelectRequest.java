package io.ripple.engine;

/**
 * Reusable command object for {@link CoordinationEngine#select(long, SelectRequest, SelectionResult)}.
 * <p>
 * Fill it with {@link #reset()} then the setters; ids and names are copied in, so the caller may pass flyweights
 * that it rewrites afterwards. A request names either explicit candidates or a pool (if both are given the pool is
 * used), either a profile or inline weights or both (inline weights replace the profile's weights and keep its model
 * and in-flight penalty; with no profile the {@code default} profile is used), and k, the number of agents wanted
 * (default 1). Not thread-safe; setters do not allocate.
 */
public final class SelectRequest
{
    /**
     * Number of candidates a request holds by default, the engine's default maximum.
     */
    public static final int DEFAULT_CAPACITY = 1024;

    final AsciiIdList candidates;
    final ScoringOptions options = new ScoringOptions();
    final long[] poolWords = new long[AsciiIdIndex.WORDS];
    int poolLength = ScoringOptions.NOT_SET;
    int k = 1;

    /**
     * Request holding up to {@link #DEFAULT_CAPACITY} candidates.
     */
    public SelectRequest()
    {
        this(DEFAULT_CAPACITY);
    }

    /**
     * Request holding up to the given number of candidates; more are counted and rejected by the engine as
     * {@link ErrorCode#TOO_MANY_CANDIDATES}.
     *
     * @param capacity maximum number of candidates stored, at least 1.
     */
    public SelectRequest(final int capacity)
    {
        candidates = new AsciiIdList(capacity);
    }

    /**
     * Clear every field: no candidates, no pool, no profile, no weights, k = 1.
     *
     * @return this for a fluent API.
     */
    public SelectRequest reset()
    {
        candidates.reset();
        options.reset();
        poolLength = ScoringOptions.NOT_SET;
        k = 1;
        return this;
    }

    /**
     * Append a candidate agent id. Its position in the request breaks ties: earlier wins.
     *
     * @param agentId id to copy; an invalid id makes the engine reject the request as
     *                {@link ErrorCode#INVALID_AGENT_ID}.
     * @return this for a fluent API.
     */
    public SelectRequest addCandidate(final CharSequence agentId)
    {
        candidates.add(agentId);
        return this;
    }

    /**
     * Select from the members of a pool, in join order, instead of explicit candidates.
     *
     * @param poolName name to copy, or null or empty for none.
     * @return this for a fluent API.
     */
    public SelectRequest pool(final CharSequence poolName)
    {
        poolLength = null == poolName || poolName.length() == 0 ?
            ScoringOptions.NOT_SET : AsciiIdIndex.pack(poolName, poolWords, 0);
        return this;
    }

    /**
     * Score with a named profile.
     *
     * @param profileName name to copy, or null or empty for the {@code default} profile.
     * @return this for a fluent API.
     */
    public SelectRequest profile(final CharSequence profileName)
    {
        options.profile(profileName);
        return this;
    }

    /**
     * Score with inline weights, indexed by {@link SignalType#id()}, replacing the profile's weights.
     *
     * @param weights six weights to copy, or null to clear.
     * @return this for a fluent API.
     */
    public SelectRequest weights(final double[] weights)
    {
        options.weights(weights);
        return this;
    }

    /**
     * Set one inline weight; the first call starts from all weights 0.
     *
     * @param type   signal type.
     * @param weight its weight.
     * @return this for a fluent API.
     */
    public SelectRequest weight(final SignalType type, final double weight)
    {
        options.weight(type, weight);
        return this;
    }

    /**
     * Number of agents wanted.
     *
     * @param k 1 to the engine's maximum k.
     * @return this for a fluent API.
     */
    public SelectRequest k(final int k)
    {
        this.k = k;
        return this;
    }

    /**
     * Number of candidates added since the last reset, including any beyond capacity.
     *
     * @return the count.
     */
    public int candidateCount()
    {
        return candidates.count();
    }

    /**
     * Candidate at an index, as a view valid until the request is next changed.
     *
     * @param index below {@link #candidateCount()} and the capacity.
     * @return the id.
     */
    public CharSequence candidate(final int index)
    {
        return candidates.view(index);
    }
}
