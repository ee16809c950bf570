package io.ripple.tools.journal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One SBE message of the journal decoded for people and tools: its template, its fields in schema order (groups as
 * lists of field maps), and every agent id it mentions, for filtering.
 */
final class DecodedMessage
{
    final int templateId;
    final String template;
    final Map<String, Object> fields = new LinkedHashMap<>();
    final List<String> agentIds = new ArrayList<>();
    String problem;

    DecodedMessage(final int templateId, final String template)
    {
        this.templateId = templateId;
        this.template = template;
    }

    DecodedMessage put(final String name, final Object value)
    {
        fields.put(name, value);
        return this;
    }

    DecodedMessage agent(final String name, final String agentId)
    {
        fields.put(name, agentId);
        agentIds.add(agentId);
        return this;
    }

    boolean mentionsAgent(final String agentId)
    {
        return agentIds.contains(agentId);
    }

    Object field(final String name)
    {
        return fields.get(name);
    }
}
