package io.ripple.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Test-only runner for the trace format of SPEC section 11: feeds each line to an engine at its own time and
 * collects one JSON answer per query, in the shape of the reference vectors' expected files.
 */
final class TraceRunner
{
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final CoordinationEngine engine;
    private final SelectRequest selectRequest = new SelectRequest();
    private final SelectionResult selectionResult = new SelectionResult();
    private final ScoresRequest scoresRequest = new ScoresRequest();
    private final ScoresResult scoresResult = new ScoresResult();
    private final OverloadPrediction prediction = new OverloadPrediction();

    TraceRunner(final CoordinationEngine engine)
    {
        this.engine = engine;
    }

    static Path vectorsDirectory()
    {
        final String property = System.getProperty("ripple.vectors.dir");
        if (null != property && Files.isDirectory(Path.of(property)))
        {
            return Path.of(property);
        }

        final Path inRepo = Path.of("..", "journal-tools", "src", "test", "resources", "vectors");
        if (Files.isDirectory(inRepo))
        {
            return inRepo;
        }

        throw new IllegalStateException("reference vectors not found: set -Dripple.vectors.dir");
    }

    static List<JsonNode> readLines(final Path file)
    {
        try
        {
            final List<JsonNode> nodes = new ArrayList<>();
            for (final String line : Files.readAllLines(file))
            {
                if (!line.isBlank())
                {
                    nodes.add(MAPPER.readTree(line));
                }
            }
            return nodes;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    List<ObjectNode> run(final List<JsonNode> trace)
    {
        final List<ObjectNode> answers = new ArrayList<>();
        int lineNumber = 0;
        for (final JsonNode event : trace)
        {
            lineNumber++;
            final ObjectNode answer = apply(event, lineNumber);
            if (null != answer)
            {
                answers.add(answer);
            }
        }

        return answers;
    }

    ObjectNode apply(final JsonNode event, final int lineNumber)
    {
        final long timestampNs = event.get("t_ms").asLong() * 1_000_000L;
        final String op = event.get("op").asText();
        switch (op)
        {
            case "signal":
            {
                final ErrorCode error = engine.onSignal(
                    timestampNs,
                    event.get("agent").asText(),
                    typeId(event.get("type").asText()),
                    event.get("value").asDouble(),
                    event.has("confidence") ? event.get("confidence").asDouble() : 1.0,
                    event.get("ttl_ms").asLong(),
                    0);
                return null == error ? null : error(op, "line", lineNumber, error);
            }

            case "select":
            {
                selectRequest.reset().k(event.has("k") ? event.get("k").asInt() : 1);
                if (event.has("pool"))
                {
                    selectRequest.pool(event.get("pool").asText());
                }
                else
                {
                    for (final JsonNode candidate : event.get("candidates"))
                    {
                        selectRequest.addCandidate(candidate.asText());
                    }
                }
                if (event.has("profile"))
                {
                    selectRequest.profile(event.get("profile").asText());
                }
                if (event.has("weights"))
                {
                    selectRequest.weights(weights(event.get("weights")));
                }

                final ErrorCode error = engine.select(timestampNs, selectRequest, selectionResult);
                final ObjectNode answer = answer(event, op);
                if (null != error)
                {
                    return error(op, "id", event.get("id").asLong(), error);
                }

                final ArrayNode selected = answer.putArray("selected");
                for (int rank = 0; rank < selectionResult.count(); rank++)
                {
                    selected.addObject()
                        .put("agent", selectionResult.agentId(rank).toString())
                        .put("score", selectionResult.score(rank));
                }
                return answer;
            }

            case "scores":
            {
                scoresRequest.reset();
                for (final JsonNode agent : event.get("agents"))
                {
                    scoresRequest.addAgent(agent.asText());
                }
                if (event.has("profile"))
                {
                    scoresRequest.profile(event.get("profile").asText());
                }
                if (event.has("weights"))
                {
                    scoresRequest.weights(weights(event.get("weights")));
                }

                final ErrorCode error = engine.scores(timestampNs, scoresRequest, scoresResult);
                if (null != error)
                {
                    return error(op, "id", event.get("id").asLong(), error);
                }

                final ObjectNode answer = answer(event, op);
                final ArrayNode rows = answer.putArray("scores");
                for (int row = 0; row < scoresResult.count(); row++)
                {
                    final ObjectNode node = rows.addObject()
                        .put("agent", scoresResult.agentId(row).toString())
                        .put("score", scoresResult.score(row));
                    for (final SignalType type : SignalType.values())
                    {
                        node.put(type.name().toLowerCase(Locale.ROOT), scoresResult.typeScore(row, type));
                    }
                }
                return answer;
            }

            case "predict":
            {
                final ErrorCode error = engine.predictOverload(
                    timestampNs,
                    event.get("agent").asText(),
                    event.has("horizon_ms") ? event.get("horizon_ms").asLong() : 60_000,
                    event.has("threshold") ? event.get("threshold").asDouble() : 0.8,
                    prediction);
                if (null != error)
                {
                    return error(op, "id", event.get("id").asLong(), error);
                }

                return answer(event, op)
                    .put("will_overload", prediction.willOverload())
                    .put("probability", prediction.probability());
            }

            case "sweep":
                engine.sweepAll(timestampNs);
                return null;

            case "join":
            case "leave":
            {
                final String agent = event.get("agent").asText();
                final String pool = event.get("pool").asText();
                final ErrorCode error = "join".equals(op) ?
                    engine.joinPool(timestampNs, agent, pool) : engine.leavePool(timestampNs, agent, pool);
                return null == error ? null : error(op, "line", lineNumber, error);
            }

            default:
                throw new IllegalArgumentException("unknown op " + op + " on line " + lineNumber);
        }
    }

    private static int typeId(final String name)
    {
        for (final SignalType type : SignalType.values())
        {
            if (type.name().equals(name))
            {
                return type.id();
            }
        }

        return -1;
    }

    private static double[] weights(final JsonNode node)
    {
        final double[] weights = new double[SignalType.COUNT];
        for (final Map.Entry<String, JsonNode> field : node.properties())
        {
            weights[SignalType.valueOf(field.getKey().toUpperCase(Locale.ROOT)).id()] = field.getValue().asDouble();
        }

        return weights;
    }

    private static ObjectNode answer(final JsonNode event, final String op)
    {
        final ObjectNode answer = MAPPER.createObjectNode();
        answer.put("id", event.get("id").asLong());
        answer.put("op", op);
        return answer;
    }

    private static ObjectNode error(final String op, final String key, final long value, final ErrorCode error)
    {
        final ObjectNode answer = MAPPER.createObjectNode();
        answer.put(key, value);
        answer.put("op", op);
        answer.put("error", error.name());
        answer.put("message", error.reason());
        return answer;
    }
}
