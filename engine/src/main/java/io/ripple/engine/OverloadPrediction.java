package io.ripple.engine;

/**
 * Caller-owned, reusable answer to
 * {@link CoordinationEngine#predictOverload(long, CharSequence, long, double, OverloadPrediction)}.
 */
public final class OverloadPrediction
{
    boolean willOverload;
    double probability;
    int sampleCount;

    /**
     * Will the agent's load exceed the threshold at the horizon?
     *
     * @return true if the predicted load is above the threshold.
     */
    public boolean willOverload()
    {
        return willOverload;
    }

    /**
     * The predicted load at the horizon, clamped to [0, 1]; 0 when there were fewer than three LOAD signals.
     * Named after the reference service's field.
     *
     * @return the predicted load.
     */
    public double probability()
    {
        return probability;
    }

    /**
     * Number of LOAD signals the prediction used, at most 10.
     *
     * @return the count.
     */
    public int sampleCount()
    {
        return sampleCount;
    }

    void set(final boolean willOverload, final double probability, final int sampleCount)
    {
        this.willOverload = willOverload;
        this.probability = probability;
        this.sampleCount = sampleCount;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "OverloadPrediction{willOverload=" + willOverload + ", probability=" + probability +
            ", sampleCount=" + sampleCount + '}';
    }
}
