package io.ripple.engine;

/**
 * Reusable command object for {@link CoordinationEngine#scores(long, ScoresRequest, ScoresResult)}: a batch of agent
 * ids and the profile or weights to score them with.
 * <p>
 * Ids and names are copied in. Profile and weights follow the rules of {@link SelectRequest}. Not thread-safe;
 * setters do not allocate.
 */
public final class ScoresRequest
{
    /**
     * Number of agents a request holds by default, the engine's default maximum batch.
     */
    public static final int DEFAULT_CAPACITY = 1024;

    final AsciiIdList agents;
    final ScoringOptions options = new ScoringOptions();

    /**
     * Request holding up to {@link #DEFAULT_CAPACITY} agents.
     */
    public ScoresRequest()
    {
        this(DEFAULT_CAPACITY);
    }

    /**
     * Request holding up to the given number of agents; more are counted and rejected by the engine as
     * {@link ErrorCode#BATCH_TOO_LARGE}.
     *
     * @param capacity maximum number of agents stored, at least 1.
     */
    public ScoresRequest(final int capacity)
    {
        agents = new AsciiIdList(capacity);
    }

    /**
     * Clear every field.
     *
     * @return this for a fluent API.
     */
    public ScoresRequest reset()
    {
        agents.reset();
        options.reset();
        return this;
    }

    /**
     * Append an agent id.
     *
     * @param agentId id to copy.
     * @return this for a fluent API.
     */
    public ScoresRequest addAgent(final CharSequence agentId)
    {
        agents.add(agentId);
        return this;
    }

    /**
     * Score with a named profile.
     *
     * @param profileName name to copy, or null or empty for the {@code default} profile.
     * @return this for a fluent API.
     */
    public ScoresRequest profile(final CharSequence profileName)
    {
        options.profile(profileName);
        return this;
    }

    /**
     * Score with inline weights, indexed by {@link SignalType#id()}.
     *
     * @param weights six weights to copy, or null to clear.
     * @return this for a fluent API.
     */
    public ScoresRequest weights(final double[] weights)
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
    public ScoresRequest weight(final SignalType type, final double weight)
    {
        options.weight(type, weight);
        return this;
    }

    /**
     * Number of agents added since the last reset, including any beyond capacity.
     *
     * @return the count.
     */
    public int agentCount()
    {
        return agents.count();
    }

    /**
     * Agent at an index, as a view valid until the request is next changed.
     *
     * @param index below {@link #agentCount()} and the capacity.
     * @return the id.
     */
    public CharSequence agent(final int index)
    {
        return agents.view(index);
    }
}
