package io.ripple.engine;

/**
 * The reference service's overload prediction over one agent's history ring, without allocating.
 * <p>
 * The reference sorts the agent's LOAD signals by timestamp, newest first (a stable sort, so equal timestamps keep
 * their arrival order), keeps the first ten, sorts those oldest first (again stable), and fits a least-squares line
 * of value against time since the first. This class reproduces that choice exactly, ties included. When the
 * agent's history is in timestamp order, as it is whenever event times do not go backwards, the ten newest LOAD
 * signals in arrival order are the answer unless the next older LOAD signal shares the tenth's timestamp, and they are
 * fitted in the same pass that finds them; otherwise, and in that tie, the ring is walked keeping the ten best by
 * (timestamp descending, arrival ascending) in a small insertion array. The engine keeps each agent's newest LOAD
 * signals in a LOAD ring as well, so the ordered case reads eleven entries whatever the other types in between; the
 * ring and the history walk share {@link #fitNewestLoads(long[], int, int, long, double)}, so both give the same bits.
 * <p>
 * The line is fitted with time in nanoseconds, which are exact in a double, rather than in seconds, and from a
 * different origin: the slope scales, the fit is unchanged by the shift, and the prediction is the same to within
 * rounding (about 1e-15 relative).
 */
final class OverloadPredictor
{
    static final int MAX_SAMPLES = 10;
    static final int MIN_SAMPLES = 3;

    /**
     * Entries of a LOAD ring: a power of two above {@link #MAX_SAMPLES}, so that the signal after the tenth is there.
     */
    static final int LOAD_RING_ENTRIES = 16;

    /**
     * Longs per LOAD ring entry: the timestamp, then the value's bits at {@link HistoryRing#VALUE}.
     */
    static final int LOAD_ENTRY = 2;

    private static final int LOAD = SignalType.LOAD.id();
    private static final int ENTRY = HistoryRing.ENTRY_LONGS;
    private static final int VALUE = HistoryRing.VALUE;
    private static final double NANOS_PER_MILLI = 1e6;
    private static final int LOAD_RING_MASK = LOAD_RING_ENTRIES - 1;

    private final long[] scratchLoads = new long[LOAD_RING_ENTRIES * LOAD_ENTRY];

    private final long[] timestamps = new long[MAX_SAMPLES];
    private final int[] arrivals = new int[MAX_SAMPLES];
    private final double[] values = new double[MAX_SAMPLES];
    private final double[] xs = new double[MAX_SAMPLES];
    private final double[] ys = new double[MAX_SAMPLES];

    boolean willOverload;
    double probability;
    int sampleCount;

    /**
     * Predict from a history ring.
     *
     * @param history   ring laid out as {@link HistoryRing} describes, may be null.
     * @param head      index of the entry after the newest.
     * @param count     number of entries in the ring.
     * @param ordered   true if the entries are in non-decreasing timestamp order.
     * @param horizonMs how far beyond the newest kept signal to predict.
     * @param threshold load above which the agent is overloaded.
     */
    void predict(
        final long[] history,
        final int head,
        final int count,
        final boolean ordered,
        final long horizonMs,
        final double threshold)
    {
        if (null == history || count == 0)
        {
            notEnough(0);
            return;
        }

        if (ordered && fitNewestInOrder(history, head, count, horizonMs, threshold))
        {
            return;
        }

        final int kept = bestByTimestamp(history, head, count, ordered);
        if (kept < MIN_SAMPLES)
        {
            notEnough(kept);
            return;
        }

        sampleCount = kept;
        fit(kept, horizonMs, threshold);
    }

    private void notEnough(final int kept)
    {
        sampleCount = kept;
        willOverload = false;
        probability = 0.0;
    }

    /**
     * Copy the newest LOAD signals of an ordered history ring, up to one more than are fitted, into a scratch LOAD
     * ring and fit them with {@link #fitNewestLoads(long[], int, int, long, double)}.
     *
     * @return false if a tie at the tenth signal needs {@link #bestByTimestamp(long[], int, int, boolean)}.
     */
    private boolean fitNewestInOrder(
        final long[] history, final int head, final int count, final long horizonMs, final double threshold)
    {
        final long[] loads = scratchLoads;
        final int capacity = HistoryRing.entries(history);
        int found = 0;
        int entry = head;
        for (int back = 0; back < count && found <= MAX_SAMPLES; back++)
        {
            entry = (entry == 0 ? capacity : entry) - 1;
            if (HistoryRing.type(history, capacity, entry) == LOAD)
            {
                found++;
                final int base = (LOAD_RING_ENTRIES - found) * LOAD_ENTRY;
                loads[base] = history[entry * ENTRY];
                loads[base + VALUE] = history[entry * ENTRY + VALUE];
            }
        }

        return fitNewestLoads(loads, 0, found, horizonMs, threshold);
    }

    /**
     * Fit the newest signals of a LOAD ring, which holds the agent's most recent LOAD signals in arrival order as
     * {@value #LOAD_RING_ENTRIES} (timestamp, value bits) pairs, for a history in timestamp order. It is one pass with
     * time measured back from the newest, so that no second pass is needed: sums of x, y, x squared and xy give the
     * centred sums directly, and the newest is the last point of the reference's order. Only the newest eleven
     * entries are read: ten to fit and one to detect a tie at the tenth.
     *
     * @param loads     LOAD ring; may be null if {@code available} is 0.
     * @param head      index of the entry after the newest.
     * @param available number of the newest entries that are still in the agent's history, at most
     *                  {@value #LOAD_RING_ENTRIES}.
     * @param horizonMs how far beyond the newest kept signal to predict.
     * @param threshold load above which the agent is overloaded.
     * @return false if a tie at the tenth signal needs the full walk of
     * {@link #predict(long[], int, int, boolean, long, double)}; the fields are then unset.
     */
    boolean fitNewestLoads(
        final long[] loads, final int head, final int available, final long horizonMs, final double threshold)
    {
        int kept = 0;
        long newest = 0;
        long tenth = 0;
        double newestValue = 0.0;
        double sumX = 0.0;
        double sumY = 0.0;
        double sumXX = 0.0;
        double sumXY = 0.0;
        int entry = head;
        for (int back = 0; back < available; back++)
        {
            entry = (entry - 1) & LOAD_RING_MASK;
            final int base = entry * LOAD_ENTRY;
            final long timestamp = loads[base];
            if (kept == MAX_SAMPLES)
            {
                if (timestamp == tenth)
                {
                    return false;
                }
                break;
            }

            final double value = Double.longBitsToDouble(loads[base + VALUE]);
            if (kept == 0)
            {
                newest = timestamp;
                newestValue = value;
            }
            final double x = (double) (timestamp - newest);
            sumX += x;
            sumY += value;
            sumXX += x * x;
            sumXY += x * value;
            tenth = timestamp;
            kept++;
        }

        sampleCount = kept;
        if (kept < MIN_SAMPLES)
        {
            willOverload = false;
            probability = 0.0;
            return true;
        }

        if (tenth == newest)
        {
            willOverload = newestValue > threshold;
            probability = newestValue;
            return true;
        }

        final double meanX = sumX / kept;
        final double meanY = sumY / kept;
        final double slope = (sumXY - sumX * meanY) / (sumXX - sumX * meanX);
        double predicted = slope * (horizonMs * NANOS_PER_MILLI - meanX) + meanY;
        predicted = Math.max(0.0, Math.min(1.0, predicted));

        willOverload = predicted > threshold;
        probability = predicted;
        return true;
    }

    /**
     * Keep the ten best LOAD signals by (timestamp descending, arrival ascending), then order them by (timestamp
     * ascending, arrival ascending) into {@link #xs} and {@link #ys}.
     */
    private int bestByTimestamp(final long[] history, final int head, final int count, final boolean ordered)
    {
        final long[] timestamps = this.timestamps;
        final int[] arrivals = this.arrivals;
        final double[] values = this.values;
        final int capacity = HistoryRing.entries(history);
        int kept = 0;
        int entry = head;
        for (int back = 0; back < count; back++)
        {
            entry = (entry == 0 ? capacity : entry) - 1;
            final int base = entry * ENTRY;
            if (HistoryRing.type(history, capacity, entry) != LOAD)
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
            values[position + 1] = Double.longBitsToDouble(history[base + VALUE]);
            if (kept < MAX_SAMPLES)
            {
                kept++;
            }
        }

        if (kept > 0)
        {
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
                    xs[out] = (double) (timestamps[i] - first);
                    ys[out] = values[i];
                    out++;
                }
                end = start;
            }
        }

        return kept;
    }

    private void fit(final int kept, final long horizonMs, final double threshold)
    {
        final double[] xs = this.xs;
        final double[] ys = this.ys;
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
        final double forecastX = xs[kept - 1] + horizonMs * NANOS_PER_MILLI;
        double predicted = slope * (forecastX - meanX) + meanY;
        predicted = Math.max(0.0, Math.min(1.0, predicted));

        willOverload = predicted > threshold;
        probability = predicted;
    }
}
