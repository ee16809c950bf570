package io.ripple.tools.simulate;

import java.util.HashMap;
import java.util.Map;

/**
 * The fields a trace line may carry, each with its JSON name and a bit for the presence mask of a {@link TraceEvent}.
 */
enum TraceField
{
    T_MS("t_ms"),
    OP("op"),
    ID("id"),
    AGENT("agent"),
    TYPE("type"),
    VALUE("value"),
    CONFIDENCE("confidence"),
    TTL_MS("ttl_ms"),
    TRACE_ID("trace_id"),
    CANDIDATES("candidates"),
    AGENTS("agents"),
    POOL("pool"),
    PROFILE("profile"),
    WEIGHTS("weights"),
    K("k"),
    HORIZON_MS("horizon_ms"),
    THRESHOLD("threshold"),
    NAME("name"),
    MODEL("model"),
    IN_FLIGHT_PENALTY("in_flight_penalty");

    private static final Map<String, TraceField> BY_JSON_NAME = new HashMap<>();

    static
    {
        for (final TraceField field : values())
        {
            BY_JSON_NAME.put(field.jsonName, field);
        }
    }

    private final String jsonName;
    private final long bit;

    TraceField(final String jsonName)
    {
        this.jsonName = jsonName;
        this.bit = 1L << ordinal();
    }

    String jsonName()
    {
        return jsonName;
    }

    long bit()
    {
        return bit;
    }

    static TraceField fromJsonName(final String jsonName)
    {
        return BY_JSON_NAME.get(jsonName);
    }
}
