package io.ripple.engine;

/**
 * How a signal's value, confidence and age become a per-type score in [0, 1].
 * <p>
 * With value {@code v}, confidence {@code c}, age {@code a}, time-to-live {@code T}, and {@code v'} = {@code 1 - v}
 * for LOAD and {@code v} otherwise; a missing or expired signal scores 0.5 under both models.
 */
public enum ScoringModel
{
    /**
     * The reference service's model: {@code s = v' * c * exp(-a/T)}, except LOAD where
     * {@code s = 1 - v * c * exp(-a/T)}. Staleness and low confidence pull a score towards 0 (towards 1 for LOAD).
     */
    REFERENCE(0),

    /**
     * Ripple's default model: {@code s = 0.5 + (v' - 0.5) * c * exp(-3a/T)}. Staleness and low confidence pull every
     * score towards the neutral 0.5, so old good news never ranks below no news.
     */
    NEUTRAL(1);

    private static final ScoringModel[] BY_ID = values();

    private final int id;

    ScoringModel(final int id)
    {
        this.id = id;
    }

    /**
     * Stable id of the model, used in snapshots.
     *
     * @return the id.
     */
    public int id()
    {
        return id;
    }

    /**
     * Look up a model by id.
     *
     * @param id model id.
     * @return the model, or null if unknown.
     */
    public static ScoringModel get(final int id)
    {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
