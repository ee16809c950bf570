package io.ripple.gateway.client;

import io.ripple.codecs.ProtocolLimits;
import io.ripple.codecs.SignalType;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A reusable selection or scores request: candidates (or a pool), profile, inline weights and k. Fill it, hand it
 * to {@link RippleClient#sendSelect} or {@link RippleClient#select}, then {@link #reset()} and fill it again; nothing
 * is allocated once its buffer has grown to the largest request. Not thread-safe.
 */
public final class SelectRequest
{
    private static final int WEIGHT_COUNT = SignalType.values().length - 1;

    private final MutableDirectBuffer ids = new ExpandableArrayBuffer(1024);
    private int[] idOffsets = new int[64];
    private int candidateCount;
    private int idsLength;
    private final double[] weights = new double[WEIGHT_COUNT];
    private final boolean[] weightSet = new boolean[WEIGHT_COUNT];
    private final StringBuilder pool = new StringBuilder();
    private final StringBuilder profile = new StringBuilder();
    private int k = 1;

    /**
     * Empty the request: no candidates, no pool, default profile, no inline weights, k of 1.
     *
     * @return this for a fluent style.
     */
    public SelectRequest reset()
    {
        candidateCount = 0;
        idsLength = 0;
        pool.setLength(0);
        profile.setLength(0);
        java.util.Arrays.fill(weightSet, false);
        k = 1;
        return this;
    }

    /**
     * Add a candidate agent id.
     *
     * @param agentId ASCII id.
     * @return this for a fluent style.
     */
    public SelectRequest candidate(final CharSequence agentId)
    {
        if (candidateCount == ProtocolLimits.MAX_CANDIDATES)
        {
            throw new IllegalStateException("more than " + ProtocolLimits.MAX_CANDIDATES + " candidates");
        }
        if (candidateCount + 1 >= idOffsets.length)
        {
            idOffsets = java.util.Arrays.copyOf(idOffsets, idOffsets.length * 2);
        }

        idOffsets[candidateCount] = idsLength;
        idsLength += ids.putStringWithoutLengthAscii(idsLength, agentId);
        candidateCount++;
        idOffsets[candidateCount] = idsLength;
        return this;
    }

    /**
     * Select from a pool instead of a candidate list.
     *
     * @param poolName name of the pool.
     * @return this for a fluent style.
     */
    public SelectRequest pool(final CharSequence poolName)
    {
        pool.setLength(0);
        pool.append(poolName);
        return this;
    }

    /**
     * Weight profile; empty or never set means {@code default}.
     *
     * @param profileName name of the profile.
     * @return this for a fluent style.
     */
    public SelectRequest profile(final CharSequence profileName)
    {
        profile.setLength(0);
        profile.append(profileName);
        return this;
    }

    /**
     * Inline weight of one signal type; once any is set, the listed weights replace the profile's.
     *
     * @param type   signal type.
     * @param weight finite, at least 0.
     * @return this for a fluent style.
     */
    public SelectRequest weight(final SignalType type, final double weight)
    {
        weights[type.value()] = weight;
        weightSet[type.value()] = true;
        return this;
    }

    /**
     * How many agents to choose.
     *
     * @param k 1 to the number of candidates.
     * @return this for a fluent style.
     */
    public SelectRequest k(final int k)
    {
        this.k = k;
        return this;
    }

    int candidateCount()
    {
        return candidateCount;
    }

    MutableDirectBuffer ids()
    {
        return ids;
    }

    int idOffset(final int index)
    {
        return idOffsets[index];
    }

    int idLength(final int index)
    {
        return idOffsets[index + 1] - idOffsets[index];
    }

    int weightCount()
    {
        int count = 0;
        for (final boolean set : weightSet)
        {
            count += set ? 1 : 0;
        }
        return count;
    }

    boolean isWeightSet(final int typeValue)
    {
        return weightSet[typeValue];
    }

    double weight(final int typeValue)
    {
        return weights[typeValue];
    }

    CharSequence poolName()
    {
        return pool;
    }

    CharSequence profileName()
    {
        return profile;
    }

    int k()
    {
        return k;
    }
}
