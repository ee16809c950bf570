package io.ripple.tools.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ripple.engine.CoordinationEngine;
import io.ripple.engine.ErrorCode;
import io.ripple.engine.ScoresRequest;
import io.ripple.engine.ScoresResult;
import io.ripple.engine.SignalType;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores the candidates of a journaled selection at the moment it was made, under its own profile or another, and
 * ranks them by the engine's rules (higher routing score first; an exact tie under an in-flight penalty to the agent
 * with fewer selections in flight; otherwise to the earlier candidate). Keeps, from the events it is shown, the
 * operator profiles and the pools in join order that this needs.
 */
final class SelectionRescorer
{
    static final String[] TYPE_NAMES = { "load", "capacity", "quality", "cost", "latency", "availability" };

    private final Map<String, Profile> profiles = new HashMap<>();
    private final Map<String, List<String>> pools = new HashMap<>();
    private final ScoresRequest request = new ScoresRequest(io.ripple.codecs.ProtocolLimits.MAX_CANDIDATES);
    private final ScoresResult result = new ScoresResult(io.ripple.codecs.ProtocolLimits.MAX_CANDIDATES);

    SelectionRescorer()
    {
        profiles.put("default", new Profile("default", new double[]{ 0.25, 0.20, 0.20, 0.10, 0.10, 0.15 }, 0.02,
            "neutral"));
        profiles.put("reference", new Profile("reference", new double[]{ 0.25, 0.25, 0.20, 0.15, 0.00, 0.15 }, 0.0,
            "reference"));
    }

    /**
     * Learn from an event about to be applied: profile definitions and pool membership.
     */
    @SuppressWarnings("unchecked")
    void observe(final DecodedMessage message)
    {
        if ("DefineProfile".equals(message.template) && null == message.problem)
        {
            final Map<String, Object> weights = (Map<String, Object>) message.field("weights");
            final double[] values = new double[TYPE_NAMES.length];
            for (int i = 0; i < TYPE_NAMES.length; i++)
            {
                values[i] = (Double) weights.get(TYPE_NAMES[i]);
            }
            final String name = (String) message.field("name");
            if (!profiles.containsKey(name) || !isBuiltIn(name))
            {
                profiles.put(name, new Profile(
                    name, values, (Double) message.field("in_flight_penalty"), (String) message.field("model")));
            }
        }
        else if ("JoinPool".equals(message.template) && null == message.problem)
        {
            final String pool = (String) message.field("pool");
            final List<String> members = pools.computeIfAbsent(pool, (k) -> new ArrayList<>());
            final String agent = (String) message.field("agent");
            if (!members.contains(agent))
            {
                members.add(agent);
            }
        }
        else if ("LeavePool".equals(message.template) && null == message.problem)
        {
            final List<String> members = pools.get((String) message.field("pool"));
            if (null != members)
            {
                members.remove((String) message.field("agent"));
                if (members.isEmpty())
                {
                    pools.remove((String) message.field("pool"));
                }
            }
        }
    }

    static boolean isBuiltIn(final String name)
    {
        return "default".equals(name) || "reference".equals(name);
    }

    /**
     * Candidates of a selection: its list, or the members of its pool in join order.
     *
     * @return the ids, or null for a pool this rescorer does not know.
     */
    @SuppressWarnings("unchecked")
    List<String> candidates(final DecodedMessage select)
    {
        final String pool = (String) select.field("pool");
        if (null != pool)
        {
            final List<String> members = pools.get(pool);
            return null == members ? null : new ArrayList<>(members);
        }

        final List<String> candidates = (List<String>) select.field("candidates");
        return null == candidates ? new ArrayList<>() : candidates;
    }

    Profile profile(final String name)
    {
        return profiles.get(null == name ? "default" : name);
    }

    /**
     * Score and rank the candidates of a selection as the engine would now.
     *
     * @param engine          the engine, positioned just before the selection.
     * @param timestampNs     time of the selection.
     * @param select          the decoded Select.
     * @param profileOverride profile to use instead of the request's, or null.
     * @param weightsOverride weights to use instead of the request's (keeping the profile's model and penalty), or
     *                        null.
     * @return the ranking, or null if the candidates cannot be known (an unknown pool) or the engine refuses.
     */
    @SuppressWarnings("unchecked")
    Ranking rank(
        final CoordinationEngine engine,
        final long timestampNs,
        final DecodedMessage select,
        final String profileOverride,
        final double[] weightsOverride)
    {
        final List<String> candidates = candidates(select);
        if (null == candidates || candidates.isEmpty())
        {
            return null;
        }

        final String profileName = null != profileOverride ? profileOverride : (String) select.field("profile");
        double[] weights = weightsOverride;
        if (null == weights && null == profileOverride && null != select.field("weights"))
        {
            final Map<String, Object> inline = (Map<String, Object>) select.field("weights");
            weights = new double[TYPE_NAMES.length];
            for (int i = 0; i < TYPE_NAMES.length; i++)
            {
                final Object value = inline.get(TYPE_NAMES[i]);
                weights[i] = null == value ? 0.0 : (Double) value;
            }
        }

        request.reset();
        for (final String candidate : candidates)
        {
            request.addAgent(candidate);
        }
        if (null != profileName)
        {
            request.profile(profileName);
        }
        if (null != weights)
        {
            request.weights(weights);
        }

        final ErrorCode error = engine.scores(timestampNs, request, result);
        if (null != error)
        {
            return null;
        }

        final Profile profile = profile(profileName);
        final Ranking ranking = new Ranking(
            null == profileName ? "default" : profileName, null != weights ? weights : null == profile ? null :
            profile.weights, null == profile ? 0.0 : profile.inFlightPenalty);
        final List<String> seen = new ArrayList<>();
        for (int row = 0; row < result.count(); row++)
        {
            final String agent = candidates.get(row);
            final double[] typeScores = new double[TYPE_NAMES.length];
            for (final SignalType type : SignalType.values())
            {
                typeScores[type.id()] = result.typeScore(row, type);
            }
            final Row entry = new Row(
                row, agent, result.tracked(row), result.score(row), typeScores, result.inFlight(row));
            ranking.rows.add(entry);
            if (!seen.contains(agent))
            {
                seen.add(agent);
                ranking.ranked.add(entry);
            }
        }

        final boolean penalised = ranking.inFlightPenalty != 0.0;
        ranking.ranked.sort((a, b) ->
        {
            if (a.score != b.score)
            {
                return a.score > b.score ? -1 : 1;
            }
            if (penalised && a.inFlight != b.inFlight)
            {
                return a.inFlight < b.inFlight ? -1 : 1;
            }
            return Integer.compare(a.index, b.index);
        });

        return ranking;
    }

    /**
     * Read a weights file: a JSON object such as {@code {"load": 0.5, "quality": 0.5}}; missing types weigh 0.
     */
    static double[] readWeights(final Path file) throws IOException
    {
        final double[] weights = new double[TYPE_NAMES.length];
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            JsonParser parser = new JsonFactory().createParser(reader))
        {
            if (parser.nextToken() != JsonToken.START_OBJECT)
            {
                throw new IOException(file + ": expected a JSON object of weights");
            }

            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = parser.currentName().toLowerCase(Locale.ROOT);
                final int index = Arrays.asList(TYPE_NAMES).indexOf(name);
                if (index < 0)
                {
                    throw new IOException(file + ": unknown weight '" + name + "'; the weights are " +
                        String.join(", ", TYPE_NAMES));
                }
                final JsonToken token = parser.nextToken();
                if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT)
                {
                    throw new IOException(file + ": weight '" + name + "' must be a number");
                }
                weights[index] = parser.getDoubleValue();
            }
        }

        return weights;
    }

    static final class Profile
    {
        final String name;
        final double[] weights;
        final double inFlightPenalty;
        final String model;

        Profile(final String name, final double[] weights, final double inFlightPenalty, final String model)
        {
            this.name = name;
            this.weights = weights;
            this.inFlightPenalty = inFlightPenalty;
            this.model = model;
        }
    }

    static final class Row
    {
        final int index;
        final String agent;
        final boolean tracked;
        final double score;
        final double[] typeScores;
        final long inFlight;

        Row(
            final int index,
            final String agent,
            final boolean tracked,
            final double score,
            final double[] typeScores,
            final long inFlight)
        {
            this.index = index;
            this.agent = agent;
            this.tracked = tracked;
            this.score = score;
            this.typeScores = typeScores;
            this.inFlight = inFlight;
        }
    }

    static final class Ranking
    {
        final String profileName;
        final double[] weights;
        final double inFlightPenalty;
        final List<Row> rows = new ArrayList<>();
        final List<Row> ranked = new ArrayList<>();

        Ranking(final String profileName, final double[] weights, final double inFlightPenalty)
        {
            this.profileName = profileName;
            this.weights = weights;
            this.inFlightPenalty = inFlightPenalty;
        }

        List<String> top(final int k)
        {
            final List<String> top = new ArrayList<>();
            for (int i = 0; i < Math.min(k, ranked.size()); i++)
            {
                top.add(ranked.get(i).agent);
            }
            return top;
        }
    }
}
