package io.ripple.tools.simulate;

import io.ripple.engine.CoordinationEngine;
import io.ripple.engine.EngineConfig;
import io.ripple.engine.EngineListener;
import io.ripple.engine.ErrorCode;
import io.ripple.engine.OverloadPrediction;
import io.ripple.engine.ScoresRequest;
import io.ripple.engine.ScoresResult;
import io.ripple.engine.ScoringModel;
import io.ripple.engine.SelectRequest;
import io.ripple.engine.SelectionResult;
import io.ripple.engine.SignalType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Feeds the events of a trace, one JSON line each, through a fresh {@link CoordinationEngine} and writes an answer
 * line for every query and for every rejected event, in input order.
 * <p>
 * The engine's clock is the event's {@code t_ms} in nanoseconds. A line that is not a well-formed event, or whose
 * time is before that of the previous event, is answered with a {@link TraceFormatError} and skipped; the engine
 * never sees it. A {@code sweep} line is a complete sweep, as the reference service's cleanup is: the engine's timer
 * step is repeated at the line's time until every agent slot has been examined once
 * ({@link CoordinationEngine#sweepAll(long)}), unless {@link #sweepOneStepPerLine(boolean)} asks for one timer step
 * per line, as the server's timer makes.
 * <p>
 * Not thread-safe. Allocates per line (parsing), which is fine offline; the engine itself does not.
 */
public final class TraceSimulator implements AutoCloseable
{
    private static final String DEFAULT_MODEL = "neutral";
    private static final double DEFAULT_IN_FLIGHT_PENALTY = 0.02;
    private static final long PROGRESS_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int PROGRESS_CHECK_MASK = 1023;

    private final CoordinationEngine engine;
    private final TraceEventParser parser = new TraceEventParser();
    private final TraceEvent event = new TraceEvent();
    private final AnswerWriter answers;
    private final PrintWriter progress;
    private final String profileOverride;
    private final long progressIntervalNs;

    private final SelectRequest selectRequest = new SelectRequest();
    private final SelectionResult selectionResult;
    private final ScoresRequest scoresRequest = new ScoresRequest();
    private final ScoresResult scoresResult = new ScoresResult();
    private final OverloadPrediction prediction = new OverloadPrediction();
    private final double[] typeScores = new double[SignalType.COUNT];

    private boolean isOneSweepStepPerLine;
    private String requestedProfile;
    private long lastTimestampNs;
    private long lineCount;
    private long answerCount;
    private long errorCount;
    private long startNs;
    private long lastProgressNs;
    private boolean hasReportedProgress;

    /**
     * Simulator over a fresh engine.
     *
     * @param out             where the answers go; flushed, not closed, by {@link #close()}.
     * @param progress        where progress lines go about once a second on long traces, and a summary at the end
     *                        of a long run or one with rejected lines.
     * @param config          engine configuration; the simulator uses it as given.
     * @param profileOverride profile to answer every select and scores query with instead of the one the query
     *                        names, or null to use the query's own.
     * @throws IOException if the output cannot be set up.
     */
    public TraceSimulator(
        final Writer out, final PrintWriter progress, final EngineConfig config, final String profileOverride)
        throws IOException
    {
        this(out, progress, config, profileOverride, PROGRESS_INTERVAL_NS);
    }

    TraceSimulator(
        final Writer out,
        final PrintWriter progress,
        final EngineConfig config,
        final String profileOverride,
        final long progressIntervalNs)
        throws IOException
    {
        this.progressIntervalNs = progressIntervalNs;
        this.engine = new CoordinationEngine(config, EngineListener.NO_OP);
        this.answers = new AnswerWriter(out);
        this.progress = progress;
        this.profileOverride = profileOverride;
        this.selectionResult = new SelectionResult(config.maxK());
    }

    /**
     * Choose what a {@code sweep} line does: a complete sweep (the default), or one timer step that examines the
     * engine's {@link EngineConfig#sweepBudget()} agent slots, continuing where the previous step stopped.
     *
     * @param isOneStep true for one timer step per line.
     * @return this for a fluent API.
     */
    public TraceSimulator sweepOneStepPerLine(final boolean isOneStep)
    {
        isOneSweepStepPerLine = isOneStep;
        return this;
    }

    /**
     * The engine being fed, for inspection once the trace has run.
     *
     * @return the engine.
     */
    public CoordinationEngine engine()
    {
        return engine;
    }

    /**
     * Define named profiles from a JSON file (an array of objects with the fields of a {@code profile} event) at
     * time 0, before any trace line.
     *
     * @param file to read.
     * @throws IOException          if the file cannot be read.
     * @throws TraceFormatException if the file is malformed or the engine rejects a profile.
     */
    public void defineProfiles(final Path file) throws IOException, TraceFormatException
    {
        final List<TraceEvent> profiles;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            profiles = parser.parseProfiles(in);
        }

        for (final TraceEvent profile : profiles)
        {
            final ErrorCode error = defineProfile(profile);
            if (null != error)
            {
                throw new TraceFormatException(TraceFormatError.INVALID_FIELD,
                    "entry " + profile.lineNumber + ": " + error.name() + ": " + describe(error, profile, -1));
            }
        }
    }

    /**
     * Run every line of a trace, then flush the answers.
     *
     * @param in the trace, one JSON object per line; blank lines are skipped.
     * @throws IOException if reading the trace or writing an answer fails.
     */
    public void run(final BufferedReader in) throws IOException
    {
        startNs = System.nanoTime();
        lastProgressNs = startNs;

        String line;
        while (null != (line = in.readLine()))
        {
            onLine(line);
            if ((lineCount & PROGRESS_CHECK_MASK) == 0)
            {
                reportProgressIfDue();
            }
        }

        answers.flush();
        reportSummary();
    }

    /**
     * Run one trace line.
     *
     * @param line the text of the line.
     * @throws IOException if writing an answer fails.
     */
    public void onLine(final String line) throws IOException
    {
        lineCount++;
        if (line.isBlank())
        {
            return;
        }

        try
        {
            parser.parse(line, lineCount, event);
            if (event.timestampNs < lastTimestampNs)
            {
                throw new TraceFormatException(TraceFormatError.TIME_DECREASING, "t_ms " +
                    event.timestampNs / 1e6 + " is before the previous event's " + lastTimestampNs / 1e6);
            }
        }
        catch (final TraceFormatException ex)
        {
            answerError(ex.error().name(), ex.getMessage());
            return;
        }

        lastTimestampNs = event.timestampNs;
        apply();
    }

    /**
     * Number of lines read so far, blank ones included.
     *
     * @return the count.
     */
    public long lineCount()
    {
        return lineCount;
    }

    /**
     * Number of answer lines written so far, errors included.
     *
     * @return the count.
     */
    public long answerCount()
    {
        return answerCount;
    }

    /**
     * Number of lines answered with an error so far.
     *
     * @return the count.
     */
    public long errorCount()
    {
        return errorCount;
    }

    /**
     * Flush the answers; the output itself is left open.
     *
     * @throws IOException if the answers cannot be written.
     */
    public void close() throws IOException
    {
        answers.close();
    }

    private void apply() throws IOException
    {
        switch (event.op)
        {
            case SIGNAL:
                answerIfRejected(onSignal(), -1);
                break;

            case SELECT:
                select();
                break;

            case SCORES:
                scores();
                break;

            case PREDICT:
                predict();
                break;

            case SWEEP:
                if (isOneSweepStepPerLine)
                {
                    engine.onTimer(event.timestampNs);
                }
                else
                {
                    engine.sweepAll(event.timestampNs);
                }
                break;

            case JOIN:
                answerIfRejected(engine.joinPool(event.timestampNs, event.agent, event.pool), -1);
                break;

            case LEAVE:
                answerIfRejected(engine.leavePool(event.timestampNs, event.agent, event.pool), -1);
                break;

            case REGISTER:
                answerIfRejected(engine.registerAgent(event.timestampNs, event.agent), -1);
                break;

            case PROFILE:
                answerIfRejected(defineProfile(event), -1);
                break;

            default:
                throw new IllegalStateException("unhandled op " + event.op);
        }
    }

    private ErrorCode onSignal()
    {
        final int typeId = event.isTypeId ? event.typeId : signalTypeId(event.typeName);
        return engine.onSignal(
            event.timestampNs, event.agent, typeId, event.value, event.confidence, event.ttlMs, event.traceId);
    }

    private void select() throws IOException
    {
        final SelectRequest request = selectRequest.reset().k(event.k);
        if (event.has(TraceField.POOL))
        {
            request.pool(event.pool);
        }
        else
        {
            final List<String> candidates = event.agentIds;
            for (int i = 0, size = candidates.size(); i < size; i++)
            {
                request.addCandidate(candidates.get(i));
            }
        }

        final double[] weights = chooseScoring();
        request.profile(requestedProfile).weights(weights);

        final SelectionResult result = selectionResult;
        final ErrorCode error = engine.select(event.timestampNs, request, result);
        if (null != error)
        {
            answerError(error.name(), describe(error, event, result.errorIndex()));
            return;
        }

        answers.beginAgentList(event, "selected");
        for (int rank = 0, count = result.count(); rank < count; rank++)
        {
            for (final SignalType type : SignalType.values())
            {
                typeScores[type.id()] = result.typeScore(rank, type);
            }
            answers.agent(result.agentId(rank), result.score(rank), typeScores, result.inFlight(rank));
        }
        answers.endAgentList();
        answerCount++;
    }

    private void scores() throws IOException
    {
        final ScoresRequest request = scoresRequest.reset();
        final List<String> agentIds = event.agentIds;
        for (int i = 0, size = agentIds.size(); i < size; i++)
        {
            request.addAgent(agentIds.get(i));
        }

        final double[] weights = chooseScoring();
        request.profile(requestedProfile).weights(weights);

        final ScoresResult result = scoresResult;
        final ErrorCode error = engine.scores(event.timestampNs, request, result);
        if (null != error)
        {
            answerError(error.name(), describe(error, event, result.errorIndex()));
            return;
        }

        answers.beginAgentList(event, "scores");
        for (int row = 0, count = result.count(); row < count; row++)
        {
            for (final SignalType type : SignalType.values())
            {
                typeScores[type.id()] = result.typeScore(row, type);
            }
            answers.agent(result.agentId(row), result.score(row), typeScores, AnswerWriter.NO_IN_FLIGHT);
        }
        answers.endAgentList();
        answerCount++;
    }

    private void predict() throws IOException
    {
        final ErrorCode error = engine.predictOverload(
            event.timestampNs, event.agent, event.horizonMs, event.threshold, prediction);
        if (null != error)
        {
            answerError(error.name(), describe(error, event, -1));
            return;
        }

        answers.prediction(event, prediction.willOverload(), prediction.probability());
        answerCount++;
    }

    /**
     * Pick the profile and inline weights of the current query: the query's own, or only the overriding profile.
     *
     * @return the inline weights to use, or null for the profile's; the profile is left in {@link #requestedProfile}.
     */
    private double[] chooseScoring()
    {
        requestedProfile = null != profileOverride ? profileOverride : event.profile;
        return null == profileOverride && event.has(TraceField.WEIGHTS) ? event.weights : null;
    }

    private ErrorCode defineProfile(final TraceEvent profile)
    {
        final String modelName = null == profile.model ? DEFAULT_MODEL : profile.model;
        final double inFlightPenalty =
            profile.has(TraceField.IN_FLIGHT_PENALTY) ? profile.inFlightPenalty : DEFAULT_IN_FLIGHT_PENALTY;

        return engine.defineProfile(
            profile.timestampNs, profile.name, scoringModel(modelName), profile.weights, inFlightPenalty);
    }

    private void answerIfRejected(final ErrorCode error, final int errorIndex) throws IOException
    {
        if (null != error)
        {
            answerError(error.name(), describe(error, event, errorIndex));
        }
    }

    private void answerError(final String code, final String message) throws IOException
    {
        answers.error(event, code, message);
        answerCount++;
        errorCount++;
    }

    private void reportProgressIfDue() throws IOException
    {
        final long nowNs = System.nanoTime();
        if (nowNs - lastProgressNs >= progressIntervalNs)
        {
            answers.flush();
            final double elapsedS = (nowNs - startNs) / 1e9;
            progress.printf(Locale.ROOT, "simulate: %,d lines in %.1f s (%,.0f lines/s), at t_ms %d, %,d answers, " +
                "%,d errors%n", lineCount, elapsedS, lineCount / elapsedS, lastTimestampNs / 1_000_000,
                answerCount, errorCount);
            progress.flush();
            lastProgressNs = nowNs;
            hasReportedProgress = true;
        }
    }

    private void reportSummary()
    {
        if (hasReportedProgress || errorCount > 0)
        {
            final double elapsedS = (System.nanoTime() - startNs) / 1e9;
            progress.printf(Locale.ROOT, "simulate: done, %,d lines in %.1f s, %,d answers, %,d of them errors%n",
                lineCount, elapsedS, answerCount, errorCount);
            progress.flush();
        }
    }

    private static int signalTypeId(final String typeName)
    {
        for (final SignalType type : SignalType.values())
        {
            if (type.name().equalsIgnoreCase(typeName))
            {
                return type.id();
            }
        }

        return -1;
    }

    private static ScoringModel scoringModel(final String modelName)
    {
        for (final ScoringModel model : ScoringModel.values())
        {
            if (model.name().equalsIgnoreCase(modelName))
            {
                return model;
            }
        }

        return null;
    }

    private String describe(final ErrorCode error, final TraceEvent event, final int errorIndex)
    {
        final String detail;
        switch (error)
        {
            case INVALID_AGENT_ID:
                final String agentId = errorIndex >= 0 && errorIndex < event.agentIds.size() ?
                    event.agentIds.get(errorIndex) : event.agent;
                detail = "'" + agentId + "'";
                break;

            case UNKNOWN_SIGNAL_TYPE:
                detail = event.isTypeId ? "type id " + event.typeId : "'" + event.typeName + "'; types are " +
                    Arrays.toString(SignalType.values());
                break;

            case VALUE_NAN:
            case VALUE_INFINITE:
            case VALUE_OUT_OF_RANGE:
                detail = "value " + event.value;
                break;

            case CONFIDENCE_NOT_FINITE:
            case CONFIDENCE_OUT_OF_RANGE:
                detail = "confidence " + event.confidence;
                break;

            case TTL_NOT_POSITIVE:
            case TTL_TOO_LONG:
                detail = "ttl_ms " + event.ttlMs;
                break;

            case EMPTY_CANDIDATES:
            case TOO_MANY_CANDIDATES:
            case BATCH_TOO_LARGE:
                detail = event.agentIds.size() + " agents";
                break;

            case UNKNOWN_POOL:
            case INVALID_POOL_NAME:
            case NOT_IN_POOL:
                detail = "pool '" + event.pool + "'";
                break;

            case K_OUT_OF_RANGE:
                detail = "k " + event.k;
                break;

            case INVALID_WEIGHTS:
                detail = "weights " + Arrays.toString(event.weights);
                break;

            case UNKNOWN_PROFILE:
                detail = "'" + requestedProfile + "'";
                break;

            case INVALID_PROFILE:
                detail = "'" + event.name + "'" + (null == scoringModel(null == event.model ? DEFAULT_MODEL :
                    event.model) ? ", unknown model '" + event.model + "'; models are neutral, reference" : "");
                break;

            case INVALID_HORIZON:
                detail = "horizon_ms " + event.horizonMs;
                break;

            case INVALID_THRESHOLD:
                detail = "threshold " + event.threshold;
                break;

            default:
                detail = null;
                break;
        }

        return null == detail ? error.reason() : error.reason() + ": " + detail;
    }
}
