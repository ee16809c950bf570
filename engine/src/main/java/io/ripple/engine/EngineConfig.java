package io.ripple.engine;

/**
 * Sizes and limits of a {@link CoordinationEngine}, fixed at construction.
 * <p>
 * Every array the engine needs for its agents, pools and profiles is sized from this configuration when the engine
 * is built, except each agent's signal history, which starts small and grows to {@link #historySize()} entries as
 * the agent publishes. Setters are fluent; {@link #validate()} checks the whole configuration and the engine calls it
 * on construction.
 */
public final class EngineConfig
{
    /**
     * Largest agent capacity accepted.
     */
    public static final int MAX_AGENT_CAPACITY = 1 << 24;

    /**
     * Largest history size accepted.
     */
    public static final int MAX_HISTORY_SIZE = 1 << 16;

    /**
     * Largest number of pools accepted.
     */
    public static final int MAX_POOLS = 4096;

    /**
     * Largest number of operator-defined profiles accepted.
     */
    public static final int MAX_PROFILES = 1024;

    /**
     * Largest candidate list, batch or k accepted.
     */
    public static final int MAX_LIST_SIZE = 1 << 16;

    private int agentCapacity = 65_536;
    private int historySize = 100;
    private int maxCandidates = 1024;
    private int maxK = 64;
    private int maxPools = 64;
    private int maxPoolMembers = 4096;
    private int maxProfiles = 64;
    private int sweepBudget = 1024;
    private int maxBatch = 1024;
    private boolean overloadWarnings = true;
    private long warningHorizonMs = 60_000;
    private double warningThreshold = 0.8;
    private long hashSeed = 0x5DEECE66DL;

    /**
     * Maximum number of agents held at once (live agents plus evicted agents whose history is kept).
     *
     * @return the capacity, default 65,536.
     */
    public int agentCapacity()
    {
        return agentCapacity;
    }

    /**
     * Set the maximum number of agents.
     *
     * @param agentCapacity 1 to {@link #MAX_AGENT_CAPACITY}.
     * @return this for a fluent API.
     */
    public EngineConfig agentCapacity(final int agentCapacity)
    {
        this.agentCapacity = agentCapacity;
        return this;
    }

    /**
     * Number of signals (all types) kept per agent for overload prediction.
     *
     * @return the history size, default 100.
     */
    public int historySize()
    {
        return historySize;
    }

    /**
     * Set the number of signals kept per agent.
     *
     * @param historySize 1 to {@link #MAX_HISTORY_SIZE}.
     * @return this for a fluent API.
     */
    public EngineConfig historySize(final int historySize)
    {
        this.historySize = historySize;
        return this;
    }

    /**
     * Largest explicit candidate list a selection may carry.
     *
     * @return the maximum, default 1,024.
     */
    public int maxCandidates()
    {
        return maxCandidates;
    }

    /**
     * Set the largest explicit candidate list.
     *
     * @param maxCandidates 1 to {@link #MAX_LIST_SIZE}.
     * @return this for a fluent API.
     */
    public EngineConfig maxCandidates(final int maxCandidates)
    {
        this.maxCandidates = maxCandidates;
        return this;
    }

    /**
     * Largest number of agents one selection may return.
     *
     * @return the maximum k, default 64.
     */
    public int maxK()
    {
        return maxK;
    }

    /**
     * Set the largest k.
     *
     * @param maxK 1 to {@link #MAX_LIST_SIZE}.
     * @return this for a fluent API.
     */
    public EngineConfig maxK(final int maxK)
    {
        this.maxK = maxK;
        return this;
    }

    /**
     * Maximum number of pools that exist at once.
     *
     * @return the maximum, default 64.
     */
    public int maxPools()
    {
        return maxPools;
    }

    /**
     * Set the maximum number of pools.
     *
     * @param maxPools 1 to {@link #MAX_POOLS}.
     * @return this for a fluent API.
     */
    public EngineConfig maxPools(final int maxPools)
    {
        this.maxPools = maxPools;
        return this;
    }

    /**
     * Maximum number of agents in one pool, which bounds the cost of selecting from a pool.
     *
     * @return the maximum, default 4,096.
     */
    public int maxPoolMembers()
    {
        return maxPoolMembers;
    }

    /**
     * Set the maximum number of agents in one pool.
     *
     * @param maxPoolMembers 1 to {@link #MAX_LIST_SIZE}.
     * @return this for a fluent API.
     */
    public EngineConfig maxPoolMembers(final int maxPoolMembers)
    {
        this.maxPoolMembers = maxPoolMembers;
        return this;
    }

    /**
     * Maximum number of operator-defined profiles, not counting the built-in {@code default} and
     * {@code reference}.
     *
     * @return the maximum, default 64.
     */
    public int maxProfiles()
    {
        return maxProfiles;
    }

    /**
     * Set the maximum number of operator-defined profiles.
     *
     * @param maxProfiles 0 to {@link #MAX_PROFILES}.
     * @return this for a fluent API.
     */
    public EngineConfig maxProfiles(final int maxProfiles)
    {
        this.maxProfiles = maxProfiles;
        return this;
    }

    /**
     * Number of agent slots one timer event examines, so that a sweep never stalls the ring.
     *
     * @return the budget, default 1,024.
     */
    public int sweepBudget()
    {
        return sweepBudget;
    }

    /**
     * Set the number of agent slots one timer event examines.
     *
     * @param sweepBudget at least 1.
     * @return this for a fluent API.
     */
    public EngineConfig sweepBudget(final int sweepBudget)
    {
        this.sweepBudget = sweepBudget;
        return this;
    }

    /**
     * Largest batch of agents a scores query may name.
     *
     * @return the maximum, default 1,024.
     */
    public int maxBatch()
    {
        return maxBatch;
    }

    /**
     * Set the largest scores batch.
     *
     * @param maxBatch 1 to {@link #MAX_LIST_SIZE}.
     * @return this for a fluent API.
     */
    public EngineConfig maxBatch(final int maxBatch)
    {
        this.maxBatch = maxBatch;
        return this;
    }

    /**
     * Whether every accepted LOAD signal runs an overload prediction and warns the listener on an upward crossing.
     *
     * @return true by default.
     */
    public boolean overloadWarnings()
    {
        return overloadWarnings;
    }

    /**
     * Enable or disable overload warnings.
     *
     * @param overloadWarnings true to check every accepted LOAD signal.
     * @return this for a fluent API.
     */
    public EngineConfig overloadWarnings(final boolean overloadWarnings)
    {
        this.overloadWarnings = overloadWarnings;
        return this;
    }

    /**
     * Horizon of the prediction run on each LOAD signal.
     *
     * @return the horizon in milliseconds, default 60,000.
     */
    public long warningHorizonMs()
    {
        return warningHorizonMs;
    }

    /**
     * Set the horizon of the prediction run on each LOAD signal.
     *
     * @param warningHorizonMs positive, in milliseconds.
     * @return this for a fluent API.
     */
    public EngineConfig warningHorizonMs(final long warningHorizonMs)
    {
        this.warningHorizonMs = warningHorizonMs;
        return this;
    }

    /**
     * Threshold of the prediction run on each LOAD signal.
     *
     * @return the threshold, default 0.8.
     */
    public double warningThreshold()
    {
        return warningThreshold;
    }

    /**
     * Set the threshold of the prediction run on each LOAD signal.
     *
     * @param warningThreshold in [0, 1].
     * @return this for a fluent API.
     */
    public EngineConfig warningThreshold(final double warningThreshold)
    {
        this.warningThreshold = warningThreshold;
        return this;
    }

    /**
     * Seed of the id hash, so that ids chosen by clients cannot be crafted to collide.
     *
     * @return the seed.
     */
    public long hashSeed()
    {
        return hashSeed;
    }

    /**
     * Set the seed of the id hash. Replays must use the seed of the original run only for identical performance;
     * answers never depend on it.
     *
     * @param hashSeed any value.
     * @return this for a fluent API.
     */
    public EngineConfig hashSeed(final long hashSeed)
    {
        this.hashSeed = hashSeed;
        return this;
    }

    /**
     * Check every limit.
     *
     * @return this for a fluent API.
     * @throws IllegalArgumentException naming the first setting out of range.
     */
    public EngineConfig validate()
    {
        check("agentCapacity", agentCapacity, 1, MAX_AGENT_CAPACITY);
        check("historySize", historySize, 1, MAX_HISTORY_SIZE);
        check("maxCandidates", maxCandidates, 1, MAX_LIST_SIZE);
        check("maxK", maxK, 1, MAX_LIST_SIZE);
        check("maxPools", maxPools, 1, MAX_POOLS);
        check("maxPoolMembers", maxPoolMembers, 1, MAX_LIST_SIZE);
        check("maxProfiles", maxProfiles, 0, MAX_PROFILES);
        check("sweepBudget", sweepBudget, 1, Integer.MAX_VALUE);
        check("maxBatch", maxBatch, 1, MAX_LIST_SIZE);

        if (warningHorizonMs <= 0)
        {
            throw new IllegalArgumentException("warningHorizonMs must be positive: " + warningHorizonMs);
        }

        if (!(warningThreshold >= 0.0 && warningThreshold <= 1.0))
        {
            throw new IllegalArgumentException("warningThreshold must be in [0, 1]: " + warningThreshold);
        }

        return this;
    }

    /**
     * Copy every setting into a new configuration.
     *
     * @return the copy.
     */
    public EngineConfig copy()
    {
        return new EngineConfig()
            .agentCapacity(agentCapacity)
            .historySize(historySize)
            .maxCandidates(maxCandidates)
            .maxK(maxK)
            .maxPools(maxPools)
            .maxPoolMembers(maxPoolMembers)
            .maxProfiles(maxProfiles)
            .sweepBudget(sweepBudget)
            .maxBatch(maxBatch)
            .overloadWarnings(overloadWarnings)
            .warningHorizonMs(warningHorizonMs)
            .warningThreshold(warningThreshold)
            .hashSeed(hashSeed);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "EngineConfig{" +
            "agentCapacity=" + agentCapacity +
            ", historySize=" + historySize +
            ", maxCandidates=" + maxCandidates +
            ", maxK=" + maxK +
            ", maxPools=" + maxPools +
            ", maxPoolMembers=" + maxPoolMembers +
            ", maxProfiles=" + maxProfiles +
            ", sweepBudget=" + sweepBudget +
            ", maxBatch=" + maxBatch +
            ", overloadWarnings=" + overloadWarnings +
            ", warningHorizonMs=" + warningHorizonMs +
            ", warningThreshold=" + warningThreshold +
            '}';
    }

    private static void check(final String name, final int value, final int min, final int max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]: " + value);
        }
    }
}
