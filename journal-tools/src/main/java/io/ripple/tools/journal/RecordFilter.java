package io.ripple.tools.journal;

import io.ripple.journal.JournalRecord;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Filter options shared by the tools that print records: time range, message type, agent, session and kind.
 */
final class RecordFilter
{
    @Option(names = "--from", paramLabel = "TIME",
        description = "Only records at or after TIME: an ISO-8601 instant (2026-12-03T13:00:00Z) or epoch ns.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only records before TIME (same forms as --from).")
    String to;

    @Option(names = "--type", paramLabel = "TEMPLATE", split = ",",
        description = "Only these message types, by name (Signal, Select, SelectResult, TimerEvent, ...).")
    List<String> types = new ArrayList<>();

    @Option(names = "--agent", paramLabel = "ID", description = "Only messages that mention this agent id.")
    List<String> agents = new ArrayList<>();

    @Option(names = "--session", paramLabel = "ID", description = "Only records of this session id.")
    List<Long> sessions = new ArrayList<>();

    @Option(names = "--kind", paramLabel = "KIND", description = "Only EVENT or ANSWER records.")
    String kind;

    private long fromNs = Long.MIN_VALUE;
    private long toNs = Long.MAX_VALUE;
    private byte kindByte;

    /**
     * Parse the options once.
     *
     * @throws IllegalArgumentException naming the option that is malformed.
     */
    void prepare()
    {
        fromNs = null == from ? Long.MIN_VALUE : parseTimeNs("--from", from);
        toNs = null == to ? Long.MAX_VALUE : parseTimeNs("--to", to);
        if (null != kind)
        {
            final String upper = kind.toUpperCase(Locale.ROOT);
            if ("EVENT".equals(upper))
            {
                kindByte = JournalRecord.KIND_EVENT;
            }
            else if ("ANSWER".equals(upper))
            {
                kindByte = JournalRecord.KIND_ANSWER;
            }
            else
            {
                throw new IllegalArgumentException("--kind must be EVENT or ANSWER, not " + kind);
            }
        }
    }

    boolean needsMessage()
    {
        return !types.isEmpty() || !agents.isEmpty();
    }

    boolean acceptsRecord(final byte recordKind, final long timestampNs, final long sessionId)
    {
        return timestampNs >= fromNs && timestampNs < toNs &&
            (0 == kindByte || kindByte == recordKind) &&
            (sessions.isEmpty() || sessions.contains(sessionId));
    }

    boolean acceptsMessage(final DecodedMessage message)
    {
        if (!types.isEmpty())
        {
            boolean match = false;
            for (final String type : types)
            {
                match |= type.equalsIgnoreCase(message.template);
            }
            if (!match)
            {
                return false;
            }
        }

        if (!agents.isEmpty())
        {
            for (final String agent : agents)
            {
                if (message.mentionsAgent(agent))
                {
                    return true;
                }
            }
            return false;
        }

        return true;
    }

    static long parseTimeNs(final String option, final String text)
    {
        if (text.chars().allMatch(Character::isDigit))
        {
            return Long.parseLong(text);
        }

        try
        {
            final Instant instant = Instant.parse(text);
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException(option + " must be an ISO-8601 instant or epoch ns, not " + text);
        }
    }
}
