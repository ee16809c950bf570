package io.ripple.engine;

/**
 * Caller-owned, reusable answer to a scores query: one row per agent of the request, in request order.
 * <p>
 * Overwritten by every call to {@link CoordinationEngine#scores(long, ScoresRequest, ScoresResult)}; reading does
 * not allocate.
 */
public final class ScoresResult
{
    /**
     * Number of rows a result holds by default, the engine's default maximum batch.
     */
    public static final int DEFAULT_CAPACITY = 1024;

    final ScoreRows rows;

    /**
     * Result holding up to {@link #DEFAULT_CAPACITY} rows.
     */
    public ScoresResult()
    {
        this(DEFAULT_CAPACITY);
    }

    /**
     * Result holding up to the given number of rows; a larger batch is rejected as {@link ErrorCode#BATCH_TOO_LARGE}.
     *
     * @param capacity maximum rows, at least 1.
     */
    public ScoresResult(final int capacity)
    {
        rows = new ScoreRows(capacity);
    }

    /**
     * Number of rows, equal to the number of agents in the request; 0 after a rejection.
     *
     * @return the count.
     */
    public int count()
    {
        return rows.count;
    }

    /**
     * After a rejection for a bad agent id, the index of the first bad id in the request.
     *
     * @return the index, or -1.
     */
    public int errorIndex()
    {
        return rows.errorIndex;
    }

    /**
     * Agent id of a row.
     *
     * @param row 0 to {@link #count()} - 1.
     * @return a view of the id, valid until the next query into this result.
     */
    public CharSequence agentId(final int row)
    {
        return rows.agentId(row);
    }

    /**
     * Routing score of a row.
     *
     * @param row 0 to {@link #count()} - 1.
     * @return the score in [0, 1].
     */
    public double score(final int row)
    {
        return rows.routingScore(row);
    }

    /**
     * Per-type score of a row; the LOAD score includes the in-flight penalty.
     *
     * @param row  0 to {@link #count()} - 1.
     * @param type signal type.
     * @return the score in [0, 1].
     */
    public double typeScore(final int row, final SignalType type)
    {
        return rows.typeScore(row, type);
    }

    /**
     * In-flight count of a row's agent.
     *
     * @param row 0 to {@link #count()} - 1.
     * @return the count, 0 if not tracked.
     */
    public long inFlight(final int row)
    {
        return rows.inFlight(row);
    }

    /**
     * Is a row's agent tracked?
     *
     * @param row 0 to {@link #count()} - 1.
     * @return true if tracked.
     */
    public boolean tracked(final int row)
    {
        return rows.tracked(row);
    }
}
