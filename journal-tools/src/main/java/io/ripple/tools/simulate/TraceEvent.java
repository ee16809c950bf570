package io.ripple.tools.simulate;

import io.ripple.engine.SignalType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;

/**
 * One trace line, decoded. Reused from line to line: {@link #reset(long)} clears it, the parser fills it, and
 * {@link #has(TraceField)} tells which fields the line carried.
 */
final class TraceEvent
{
    /**
     * Names of the signal types as weight and score keys ({@code "load"}, ...), indexed by {@link SignalType#id()}.
     */
    static final String[] WEIGHT_NAMES = new String[SignalType.COUNT];

    static
    {
        for (final SignalType type : SignalType.values())
        {
            WEIGHT_NAMES[type.id()] = type.name().toLowerCase(Locale.ROOT);
        }
    }

    long lineNumber;
    long presentMask;

    TraceOp op;
    String opName;
    long timestampNs;

    boolean isIdText;
    long idNumber;
    String idText;

    String agent;
    String typeName;
    int typeId;
    boolean isTypeId;
    double value;
    double confidence;
    long ttlMs;
    long traceId;

    final ArrayList<String> agentIds = new ArrayList<>();
    String pool;
    String profile;
    final double[] weights = new double[WEIGHT_NAMES.length];
    int k;

    long horizonMs;
    double threshold;

    String name;
    String model;
    double inFlightPenalty;

    void reset(final long lineNumber)
    {
        this.lineNumber = lineNumber;
        presentMask = 0;
        op = null;
        opName = null;
        timestampNs = 0;
        isIdText = false;
        idNumber = 0;
        idText = null;
        agent = null;
        typeName = null;
        typeId = 0;
        isTypeId = false;
        value = 0.0;
        confidence = 0.0;
        ttlMs = 0;
        traceId = 0;
        agentIds.clear();
        pool = null;
        profile = null;
        Arrays.fill(weights, 0.0);
        k = 0;
        horizonMs = 0;
        threshold = 0.0;
        name = null;
        model = null;
        inFlightPenalty = 0.0;
    }

    boolean has(final TraceField field)
    {
        return (presentMask & field.bit()) != 0;
    }

    /**
     * The field names that are required by {@code requiredMask} but absent, comma separated.
     *
     * @param requiredMask bits of {@link TraceField}s that must be present.
     * @return the names of the missing fields, or null when none is missing.
     */
    String missingFields(final long requiredMask)
    {
        final long missingMask = requiredMask & ~presentMask;
        if (0 == missingMask)
        {
            return null;
        }

        final StringBuilder names = new StringBuilder();
        for (final TraceField field : TraceField.values())
        {
            if ((missingMask & field.bit()) != 0)
            {
                names.append(names.length() > 0 ? ", " : "").append(field.jsonName());
            }
        }

        return names.toString();
    }
}
