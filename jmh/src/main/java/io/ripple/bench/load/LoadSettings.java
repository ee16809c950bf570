package io.ripple.bench.load;

/**
 * What a load run does: how many agents, at what rates, over which channel, for how long.
 */
public final class LoadSettings
{
    int agents = 1_000;
    int signalRate = 10_000;
    int batchSize = 1;
    int selectRate = 0;
    int candidates = 100;
    String pool;
    boolean udp;
    long warmupMs = 2_000;
    long durationMs = 10_000;
    LoadDriver.ClientIdle idle = LoadDriver.ClientIdle.YIELD;
    boolean quiet;

    /**
     * @param agents distinct agent ids the signals cycle over, at least 1.
     * @return this for a fluent style.
     */
    public LoadSettings agents(final int agents)
    {
        this.agents = agents;
        return this;
    }

    /**
     * @param signalRate signals per second offered, 0 for none.
     * @return this for a fluent style.
     */
    public LoadSettings signalRate(final int signalRate)
    {
        this.signalRate = signalRate;
        return this;
    }

    /**
     * @param batchSize signals per message: 1 sends {@code Signal}, more sends {@code SignalBatch}.
     * @return this for a fluent style.
     */
    public LoadSettings batchSize(final int batchSize)
    {
        this.batchSize = batchSize;
        return this;
    }

    /**
     * @param selectRate selections per second offered, 0 for none.
     * @return this for a fluent style.
     */
    public LoadSettings selectRate(final int selectRate)
    {
        this.selectRate = selectRate;
        return this;
    }

    /**
     * @param candidates candidates per selection (ignored with a pool).
     * @return this for a fluent style.
     */
    public LoadSettings candidates(final int candidates)
    {
        this.candidates = candidates;
        return this;
    }

    /**
     * @param pool pool every agent joins and selections name, or null for candidate lists.
     * @return this for a fluent style.
     */
    public LoadSettings pool(final String pool)
    {
        this.pool = pool;
        return this;
    }

    /**
     * @param udp true for Aeron UDP over loopback, false for IPC.
     * @return this for a fluent style.
     */
    public LoadSettings udp(final boolean udp)
    {
        this.udp = udp;
        return this;
    }

    /**
     * @param warmupMs time sent at the full rates before measuring.
     * @return this for a fluent style.
     */
    public LoadSettings warmupMs(final long warmupMs)
    {
        this.warmupMs = warmupMs;
        return this;
    }

    /**
     * @param durationMs time measured after the warm-up.
     * @return this for a fluent style.
     */
    public LoadSettings durationMs(final long durationMs)
    {
        this.durationMs = durationMs;
        return this;
    }

    /**
     * @param idle how the sending clients wait between sends.
     * @return this for a fluent style.
     */
    public LoadSettings idle(final LoadDriver.ClientIdle idle)
    {
        this.idle = idle;
        return this;
    }

    /**
     * @param quiet true to print no live line.
     * @return this for a fluent style.
     */
    public LoadSettings quiet(final boolean quiet)
    {
        this.quiet = quiet;
        return this;
    }

    /**
     * One line naming the settings, for reports.
     *
     * @return the description.
     */
    public String describe()
    {
        return agents + " agents, " + signalRate + " signals/s" + (batchSize > 1 ? " in batches of " + batchSize : "") +
            ", " + selectRate + " selections/s of " + (null != pool ? "pool " + pool : candidates + " candidates") +
            ", " + (udp ? "UDP" : "IPC") + ", warm-up " + warmupMs / 1000.0 + " s, measured " + durationMs / 1000.0 +
            " s";
    }

    /**
     * Check the settings.
     *
     * @throws IllegalArgumentException naming the first that is out of range.
     */
    public void validate()
    {
        if (agents < 1 || signalRate < 0 || selectRate < 0 || batchSize < 1 || candidates < 1 ||
            warmupMs < 0 || durationMs < 1000 || (0 == signalRate && 0 == selectRate))
        {
            throw new IllegalArgumentException("need at least 1 agent, a positive signal or selection rate, a batch " +
                "and candidates of at least 1, no negative warm-up, and a duration of at least 1 s");
        }
        if (batchSize > 512)
        {
            throw new IllegalArgumentException("batch is at most 512 signals");
        }
    }
}
