package io.ripple.engine;

/**
 * Caller-owned, reusable answer to a selection: the chosen agents, best first.
 * <p>
 * The engine overwrites it on every call to {@link CoordinationEngine#select(long, SelectRequest, SelectionResult)};
 * ids returned are views valid until then. Reading does not allocate.
 */
public final class SelectionResult
{
    /**
     * Number of ranks a result holds by default, the engine's default maximum k.
     */
    public static final int DEFAULT_CAPACITY = 64;

    final ScoreRows rows;

    /**
     * Result holding up to {@link #DEFAULT_CAPACITY} ranks.
     */
    public SelectionResult()
    {
        this(DEFAULT_CAPACITY);
    }

    /**
     * Result holding up to the given number of ranks; a request for more is rejected as
     * {@link ErrorCode#K_OUT_OF_RANGE}.
     *
     * @param capacity maximum k, at least 1.
     */
    public SelectionResult(final int capacity)
    {
        rows = new ScoreRows(capacity);
    }

    /**
     * Number of agents selected: the smaller of k and the number of distinct candidates; 0 after a rejection.
     *
     * @return the count.
     */
    public int count()
    {
        return rows.count;
    }

    /**
     * Maximum k this result can hold.
     *
     * @return the capacity.
     */
    public int capacity()
    {
        return rows.capacity();
    }

    /**
     * After a rejection for a bad candidate, the index of the first bad candidate in the request.
     *
     * @return the index, or -1 if the rejection was not about one candidate.
     */
    public int errorIndex()
    {
        return rows.errorIndex;
    }

    /**
     * Id of the agent at a rank.
     *
     * @param rank 0 (best) to {@link #count()} - 1.
     * @return a view of the id, valid until the next selection into this result.
     */
    public CharSequence agentId(final int rank)
    {
        return rows.agentId(rank);
    }

    /**
     * Index of the agent in the request's candidate list, or in the pool's join order.
     *
     * @param rank 0 to {@link #count()} - 1.
     * @return the index.
     */
    public int candidateIndex(final int rank)
    {
        return rows.requestIndex(rank);
    }

    /**
     * Routing score of the agent at a rank, as ranked (before this selection raised its in-flight count).
     *
     * @param rank 0 to {@link #count()} - 1.
     * @return the score in [0, 1].
     */
    public double score(final int rank)
    {
        return rows.routingScore(rank);
    }

    /**
     * Per-type score of the agent at a rank; the LOAD score includes the in-flight penalty.
     *
     * @param rank 0 to {@link #count()} - 1.
     * @param type signal type.
     * @return the score in [0, 1].
     */
    public double typeScore(final int rank, final SignalType type)
    {
        return rows.typeScore(rank, type);
    }

    /**
     * In-flight count of the agent at a rank after this selection, 0 for an agent that is not tracked.
     *
     * @param rank 0 to {@link #count()} - 1.
     * @return the count.
     */
    public long inFlight(final int rank)
    {
        return rows.inFlight(rank);
    }

    /**
     * Is the agent at a rank tracked by the engine? Untracked candidates score 0.5 and are not created.
     *
     * @param rank 0 to {@link #count()} - 1.
     * @return true if tracked.
     */
    public boolean tracked(final int rank)
    {
        return rows.tracked(rank);
    }
}
