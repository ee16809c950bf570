package io.ripple.engine;

import java.util.SplittableRandom;

/**
 * Seeded generator of engine events for property tests: each call to {@link #next(CoordinationEngine)} draws one
 * event, applies it, and returns a description of the answer with every double printed exactly, so that two
 * engines can be compared answer by answer.
 */
final class RandomEvents
{
    private static final long MS_NS = 1_000_000L;
    private static final String[] PROFILES = { "default", "reference", "custom-0", "custom-1" };
    private static final String[] POOLS = { "p0", "p1", "p2" };

    private final SplittableRandom random;
    private final int agents;
    private final SelectRequest select = new SelectRequest();
    private final SelectionResult selection = new SelectionResult();
    private final ScoresRequest scores = new ScoresRequest();
    private final ScoresResult scored = new ScoresResult();
    private final OverloadPrediction prediction = new OverloadPrediction();
    private final AgentStateView state = new AgentStateView();
    private final StringBuilder answer = new StringBuilder();
    private long timeNs;

    RandomEvents(final long seed, final int agents, final long startNs)
    {
        random = new SplittableRandom(seed);
        this.agents = agents;
        timeNs = startNs;
    }

    long timeNs()
    {
        return timeNs;
    }

    String next(final CoordinationEngine engine)
    {
        timeNs += random.nextInt(4) == 0 ? 0 : random.nextLong(1, 2_000) * MS_NS;
        answer.setLength(0);
        final int kind = random.nextInt(100);
        if (kind < 50)
        {
            signal(engine);
        }
        else if (kind < 65)
        {
            select(engine);
        }
        else if (kind < 72)
        {
            scores(engine);
        }
        else if (kind < 78)
        {
            predict(engine);
        }
        else if (kind < 84)
        {
            answer.append("timer ").append(engine.onTimer(timeNs));
        }
        else if (kind < 90)
        {
            final String agent = agent();
            final String pool = POOLS[random.nextInt(POOLS.length)];
            answer.append("join ").append(engine.joinPool(timeNs, agent, pool));
        }
        else if (kind < 94)
        {
            final String agent = agent();
            final String pool = POOLS[random.nextInt(POOLS.length)];
            answer.append("leave ").append(engine.leavePool(timeNs, agent, pool));
        }
        else if (kind < 96)
        {
            answer.append("register ").append(engine.registerAgent(timeNs, agent()));
        }
        else if (kind < 98)
        {
            final double[] weights = new double[SignalType.COUNT];
            for (int i = 0; i < weights.length; i++)
            {
                weights[i] = random.nextInt(4) == 0 ? 0.0 : random.nextDouble();
            }
            final ScoringModel model = random.nextBoolean() ? ScoringModel.NEUTRAL : ScoringModel.REFERENCE;
            final String name = "custom-" + random.nextInt(2);
            final double penalty = random.nextDouble(0.3);
            answer.append("profile ").append(engine.defineProfile(timeNs, name, model, weights, penalty));
        }
        else
        {
            final ErrorCode error = engine.agentState(timeNs, agent(), PROFILES[random.nextInt(2)], state);
            answer.append("state ").append(error);
            if (null == error)
            {
                answer.append(' ').append(state.routingScore()).append(' ').append(state.inFlight())
                    .append(' ').append(state.historySize()).append(' ').append(state.poolCount());
                for (final SignalType type : SignalType.values())
                {
                    answer.append(' ').append(state.typeScore(type)).append('/').append(state.decayFactor(type));
                }
            }
        }

        return answer.toString();
    }

    private void signal(final CoordinationEngine engine)
    {
        final int typeId = random.nextInt(50) == 0 ? 6 : random.nextInt(SignalType.COUNT);
        final double value = random.nextInt(30) == 0 ? 1.5 : random.nextInt(101) / 100.0;
        final double confidence = random.nextInt(4) == 0 ? 1.0 : random.nextDouble();
        final long ttlMs = random.nextInt(40) == 0 ? 0 : random.nextLong(500, 30_000);
        answer.append("signal ").append(engine.onSignal(timeNs, agent(), typeId, value, confidence, ttlMs, 0));
    }

    private void select(final CoordinationEngine engine)
    {
        select.reset().k(1 + random.nextInt(3));
        if (random.nextInt(4) == 0)
        {
            select.pool(POOLS[random.nextInt(POOLS.length)]);
        }
        else
        {
            final int count = random.nextInt(8);
            for (int i = 0; i < count; i++)
            {
                select.addCandidate(agent());
            }
        }
        options(select.options);

        final ErrorCode error = engine.select(timeNs, select, selection);
        answer.append("select ").append(error);
        for (int rank = 0; rank < selection.count(); rank++)
        {
            answer.append(' ').append(selection.agentId(rank)).append('#').append(selection.candidateIndex(rank))
                .append('=').append(selection.score(rank)).append('/').append(selection.inFlight(rank));
            for (final SignalType type : SignalType.values())
            {
                answer.append(',').append(selection.typeScore(rank, type));
            }
        }
    }

    private void scores(final CoordinationEngine engine)
    {
        scores.reset();
        final int count = random.nextInt(6);
        for (int i = 0; i < count; i++)
        {
            scores.addAgent(agent());
        }
        options(scores.options);

        final ErrorCode error = engine.scores(timeNs, scores, scored);
        answer.append("scores ").append(error);
        for (int row = 0; row < scored.count(); row++)
        {
            answer.append(' ').append(scored.agentId(row)).append('=').append(scored.score(row))
                .append('/').append(scored.tracked(row));
        }
    }

    private void predict(final CoordinationEngine engine)
    {
        final ErrorCode error = engine.predictOverload(
            timeNs, agent(), random.nextLong(1, 120_000), random.nextInt(11) / 10.0, prediction);
        answer.append("predict ").append(error).append(' ').append(prediction.willOverload()).append(' ')
            .append(prediction.probability()).append(' ').append(prediction.sampleCount());
    }

    private void options(final ScoringOptions options)
    {
        final int choice = random.nextInt(6);
        if (choice < 4)
        {
            options.profile(PROFILES[choice]);
        }
        if (random.nextInt(5) == 0)
        {
            final double[] weights = new double[SignalType.COUNT];
            for (int i = 0; i < weights.length; i++)
            {
                weights[i] = random.nextInt(3) == 0 ? 0.0 : random.nextDouble();
            }
            options.weights(weights);
        }
    }

    private String agent()
    {
        final int pick = random.nextInt(agents + 1);
        return pick == agents ? "bad id" : "agent-" + pick;
    }
}
