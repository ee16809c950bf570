package io.ripple.engine;

/**
 * Rows of scores written by the engine into a caller-owned result: agent id, routing score, per-type scores,
 * in-flight count and whether the agent is tracked.
 */
final class ScoreRows
{
    private final int capacity;
    private final long[] idWords;
    private final int[] idLengths;
    private final int[] requestIndexes;
    private final double[] routingScores;
    private final double[] typeScores;
    private final long[] inFlightCounts;
    private final boolean[] tracked;
    private final AsciiIdView view = new AsciiIdView();
    int count;
    int errorIndex = -1;

    ScoreRows(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }

        this.capacity = capacity;
        idWords = new long[capacity * AsciiIdIndex.WORDS];
        idLengths = new int[capacity];
        requestIndexes = new int[capacity];
        routingScores = new double[capacity];
        typeScores = new double[capacity * SignalType.COUNT];
        inFlightCounts = new long[capacity];
        tracked = new boolean[capacity];
    }

    void reset()
    {
        count = 0;
        errorIndex = -1;
    }

    int capacity()
    {
        return capacity;
    }

    long[] idWords()
    {
        return idWords;
    }

    static int idOffset(final int row)
    {
        return row * AsciiIdIndex.WORDS;
    }

    void row(
        final int row,
        final int idLength,
        final int requestIndex,
        final double routingScore,
        final long inFlight,
        final boolean isTracked)
    {
        idLengths[row] = idLength;
        requestIndexes[row] = requestIndex;
        routingScores[row] = routingScore;
        inFlightCounts[row] = inFlight;
        tracked[row] = isTracked;
    }

    void typeScore(final int row, final int typeId, final double score)
    {
        typeScores[row * SignalType.COUNT + typeId] = score;
    }

    void inFlight(final int row, final long inFlight)
    {
        inFlightCounts[row] = inFlight;
    }

    CharSequence agentId(final int row)
    {
        checkRow(row);
        return view.wrap(idWords, idOffset(row), idLengths[row]);
    }

    int requestIndex(final int row)
    {
        checkRow(row);
        return requestIndexes[row];
    }

    double routingScore(final int row)
    {
        checkRow(row);
        return routingScores[row];
    }

    double typeScore(final int row, final SignalType type)
    {
        checkRow(row);
        return typeScores[row * SignalType.COUNT + type.id()];
    }

    long inFlight(final int row)
    {
        checkRow(row);
        return inFlightCounts[row];
    }

    boolean tracked(final int row)
    {
        checkRow(row);
        return tracked[row];
    }

    private void checkRow(final int row)
    {
        if (row < 0 || row >= count)
        {
            throw new IndexOutOfBoundsException("row=" + row + " count=" + count);
        }
    }
}
