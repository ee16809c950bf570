package io.ripple.engine;

import java.util.Arrays;

/**
 * The profile name and inline weights shared by selection and scores requests.
 */
final class ScoringOptions
{
    static final int NOT_SET = -2;

    final long[] profileWords = new long[AsciiIdIndex.WORDS];
    final double[] weights = new double[SignalType.COUNT];
    int profileLength = NOT_SET;
    boolean hasWeights;
    boolean weightsMalformed;

    void reset()
    {
        profileLength = NOT_SET;
        hasWeights = false;
        weightsMalformed = false;
    }

    void profile(final CharSequence name)
    {
        profileLength = null == name || name.length() == 0 ? NOT_SET : AsciiIdIndex.pack(name, profileWords, 0);
    }

    void weights(final double[] weights)
    {
        if (null == weights)
        {
            hasWeights = false;
            weightsMalformed = false;
            return;
        }

        hasWeights = true;
        weightsMalformed = weights.length != SignalType.COUNT;
        if (!weightsMalformed)
        {
            System.arraycopy(weights, 0, this.weights, 0, SignalType.COUNT);
        }
    }

    void weight(final SignalType type, final double weight)
    {
        if (!hasWeights)
        {
            hasWeights = true;
            weightsMalformed = false;
            Arrays.fill(weights, 0.0);
        }
        weights[type.id()] = weight;
    }
}
