package io.ripple.engine;

/**
 * The reference service's overload prediction over one agent's history ring, without allocating.
 * <p>
 * The reference sorts the agent's LOAD signals by timestamp, newest first (a stable sort, so equal timestamps keep
 * their arrival order), keeps the first ten, sorts those oldest first (again stable), and fits a least-squares line
 * of value against seconds since the first. This class reproduces that choice exactly, ties included: it walks the
 * ring from the newest entry keeping the ten best by (timestamp descending, arrival ascending) in a small insertion
 * array. When the agent's history is in timestamp order, as it is whenever event times do not go backwards, the
 * walk stops at the first LOAD signal older than the tenth kept.
 */
final class OverloadPredictor
{
    static final int MAX_SAMPLES = 10;
    static final int MIN_SAMPLES = 3;

    private static final int LOAD = SignalType.LOAD.id();
    private static final double NANOS_PER_SECOND = 1e9;

    private final long[] keptTimestamps = new long[MAX_SAMPLES];
    private final int[] keptArrivals = new int[MAX_SAMPLES];
    private final double[] keptValues = new double[MAX_SAMPLES];
    private final double[] xs = new double[MAX_SAMPLES];
    private final double[] ys = new double[MAX_SAMPLES];

    boolean willOverload;
    double probability;
    int sampleCount;

    /**
     * Predict from a history ring.
     *
     * @param history     ring of entries of {@link CoordinationEngine#HISTORY_ENTRY_LONGS} longs, may be null.
     * @param head        index of the entry after the newest.
     * @param count       number of entries in the ring.
     * @param ordered     true if the entries are in non-decreasing timestamp order.
     * @param horizonMs   how far beyond the newest kept signal to predict.
     * @param threshold   load above which the agent is overloaded.
     */
    void predict(
        final long[] history,
        final int head,
        final int count,
        final boolean ordered,
        final long horizonMs,
        final double threshold)
    {
        final int kept = keepNewestLoads(history, head, count, ordered);
        sampleCount = kept;
        if (kept < MIN_SAMPLES)
        {
            willOverload = false;
            probability = 0.0;
            return;
        }

        orderOldestFirst(kept);

        double sumX = 0.0;
        double sumY = 0.0;
        for (int i = 0; i < kept; i++)
        {
            sumX += xs[i];
            sumY += ys[i];
        }
        final double meanX = sumX / kept;
        final double meanY = sumY / kept;

        double numerator = 0.0;
        double denominator = 0.0;
        for (int i = 0; i < kept; i++)
        {
            final double dx = xs[i] - meanX;
            numerator += dx * (ys[i] - meanY);
            denominator += dx * dx;
        }

        if (denominator == 0.0)
        {
            final double last = ys[kept - 1];
            willOverload = last > threshold;
            probability = last;
            return;
        }

        final double slope = numerator / denominator;
        final double forecastX = xs[kept - 1] + horizonMs / 1000.0;
        double predicted = slope * (forecastX - meanX) + meanY;
        predicted = Math.max(0.0, Math.min(1.0, predicted));

        willOverload = predicted > threshold;
        probability = predicted;
    }

    private int keepNewestLoads(final long[] history, final int head, final int count, final boolean ordered)
    {
        if (null == history || count == 0)
        {
            return 0;
        }

        final long[] timestamps = keptTimestamps;
        final int[] arrivals = keptArrivals;
        final double[] values = keptValues;
        final int capacity = history.length / CoordinationEngine.HISTORY_ENTRY_LONGS;
        int kept = 0;
        int entry = head;
        for (int back = 0; back < count; back++)
        {
            entry = (entry == 0 ? capacity : entry) - 1;
            final int base = entry * CoordinationEngine.HISTORY_ENTRY_LONGS;
            if (CoordinationEngine.historyType(history[base + CoordinationEngine.HISTORY_META]) != LOAD)
            {
                continue;
            }

            final long timestamp = history[base];
            final int arrival = count - 1 - back;
            if (kept == MAX_SAMPLES)
            {
                final long worst = timestamps[MAX_SAMPLES - 1];
                if (timestamp < worst || (timestamp == worst && arrival > arrivals[MAX_SAMPLES - 1]))
                {
                    if (ordered)
                    {
                        break;
                    }
                    continue;
                }
            }

            int position = Math.min(kept, MAX_SAMPLES - 1) - 1;
            while (position >= 0 && (timestamp > timestamps[position] ||
                (timestamp == timestamps[position] && arrival < arrivals[position])))
            {
                timestamps[position + 1] = timestamps[position];
                arrivals[position + 1] = arrivals[position];
                values[position + 1] = values[position];
                position--;
            }
            timestamps[position + 1] = timestamp;
            arrivals[position + 1] = arrival;
            values[position + 1] = Double.longBitsToDouble(history[base + CoordinationEngine.HISTORY_VALUE]);
            if (kept < MAX_SAMPLES)
            {
                kept++;
            }
        }

        return kept;
    }

    private void orderOldestFirst(final int kept)
    {
        final long[] timestamps = keptTimestamps;
        final long first = timestamps[kept - 1];
        int out = 0;
        int end = kept;
        while (end > 0)
        {
            int start = end - 1;
            while (start > 0 && timestamps[start - 1] == timestamps[end - 1])
            {
                start--;
            }

            for (int i = start; i < end; i++)
            {
                xs[out] = (double) (timestamps[i] - first) / NANOS_PER_SECOND;
                ys[out] = keptValues[i];
                out++;
            }
            end = start;
        }
    }
}
