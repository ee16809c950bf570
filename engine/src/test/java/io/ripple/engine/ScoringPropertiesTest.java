package io.ripple.engine;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Laws of scoring and selection, checked on seeded random inputs (a failure names its seed).
 */
class ScoringPropertiesTest
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long T0 = 1_000 * SECOND_NS;
    private static final int TRIALS = 500;
    private static final String[] SELECT_PROFILES = { "default", "reference", "default", "custom-0", "custom-1" };

    private final ScoresRequest request = new ScoresRequest();
    private final ScoresResult result = new ScoresResult();

    @Test
    void shouldKeepEveryScoreBetweenZeroAndOne()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().agentCapacity(64), null);
            final RandomEvents events = new RandomEvents(seed, 20, T0);
            final SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < 2_000; i++)
            {
                events.next(engine);
                if (i % 10 == 0)
                {
                    request.reset().profile(random.nextBoolean() ? "default" : "reference");
                    if (random.nextBoolean())
                    {
                        request.weights(randomWeights(random));
                    }
                    for (int a = 0; a < 20; a++)
                    {
                        request.addAgent("agent-" + a);
                    }
                    assertNull(engine.scores(events.timeNs(), request, result));
                    for (int row = 0; row < result.count(); row++)
                    {
                        assertInUnitInterval(result.score(row), seed);
                        for (final SignalType type : SignalType.values())
                        {
                            assertInUnitInterval(result.typeScore(row, type), seed);
                        }
                    }
                }
            }
        }
    }

    @Test
    void shouldReportTheSameRoutingScoreInScoresAsInSelection()
    {
        final SelectRequest select = new SelectRequest();
        final SelectionResult selection = new SelectionResult();
        for (int seed = 0; seed < 10; seed++)
        {
            final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().agentCapacity(64), null);
            final RandomEvents events = new RandomEvents(100 + seed, 20, T0);
            final SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < 1_500; i++)
            {
                events.next(engine);
                final String agent = "agent-" + random.nextInt(20);
                final String profile = random.nextBoolean() ? "default" : "reference";
                request.reset().addAgent(agent).profile(profile);
                select.reset().addCandidate(agent).profile(profile);
                final long now = events.timeNs();
                assertNull(engine.scores(now, request, result));
                final double scored = result.score(0);
                assertNull(engine.select(now, select, selection));

                assertEquals(Double.doubleToLongBits(scored), Double.doubleToLongBits(selection.score(0)),
                    "seed " + seed + " event " + i);
            }
        }
    }

    @Test
    void shouldNeverRaiseRoutingScoreWhenLoadRises()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < TRIALS; trial++)
        {
            final double low = random.nextDouble();
            final double high = low + random.nextDouble() * (1.0 - low);
            final double[] scores = compareSignal(random, SignalType.LOAD, low, high, trial);

            assertTrue(scores[1] <= scores[0], "trial " + trial + ": " + scores[0] + " -> " + scores[1]);
        }
    }

    @Test
    void shouldNeverLowerRoutingScoreWhenAnotherTypeRises()
    {
        final SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < TRIALS; trial++)
        {
            final SignalType type = SignalType.get(1 + random.nextInt(SignalType.COUNT - 1));
            final double low = random.nextDouble();
            final double high = low + random.nextDouble() * (1.0 - low);
            final double[] scores = compareSignal(random, type, low, high, trial);

            assertTrue(scores[1] >= scores[0], "trial " + trial + " " + type + ": " + scores[0] + " -> " + scores[1]);
        }
    }

    @Test
    void shouldMoveStaleNeutralScoresMonotonicallyTowardsOneHalf()
    {
        final SplittableRandom random = new SplittableRandom(13);
        for (int trial = 0; trial < TRIALS; trial++)
        {
            final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().agentCapacity(4), null);
            final SignalType type = SignalType.get(random.nextInt(SignalType.COUNT));
            final long ttlMs = random.nextLong(1, 100_000);
            engine.onSignal(T0, "a", type, random.nextDouble(), random.nextDouble(), ttlMs, 0);

            double previousDistance = Double.MAX_VALUE;
            double previousSide = 0;
            for (int step = 0; step <= 20; step++)
            {
                final long now = T0 + ttlMs * 1_000_000L * step / 20;
                request.reset().addAgent("a").profile("default");
                engine.scores(now, request, result);
                final double score = result.typeScore(0, type);
                final double distance = Math.abs(score - 0.5);
                assertTrue(distance <= previousDistance, "trial " + trial + " step " + step);
                if (distance > 0 && previousSide != 0)
                {
                    assertEquals(previousSide, Math.signum(score - 0.5), "trial " + trial);
                }
                previousSide = distance > 0 ? Math.signum(score - 0.5) : previousSide;
                previousDistance = distance;
            }
        }
    }

    @Test
    void shouldSelectTheBestScoresOfTheCandidatesAndOfAPool()
    {
        final SelectRequest select = new SelectRequest();
        final SelectionResult selection = new SelectionResult();
        final int agents = 30;
        final int members = 20;
        int selections = 0;
        for (int seed = 0; seed < 20; seed++)
        {
            final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().agentCapacity(64), null);
            final RandomEvents events = new RandomEvents(seed, agents, T0);
            final SplittableRandom random = new SplittableRandom(seed);
            for (int a = 0; a < members; a++)
            {
                assertNull(engine.joinPool(T0, "agent-" + a, "every"));
            }
            String[] previous = null;

            for (int i = 0; i < 3_000; i++)
            {
                events.next(engine);
                if (i % 5 != 0)
                {
                    continue;
                }

                final String profile = SELECT_PROFILES[random.nextInt(SELECT_PROFILES.length)];
                final double[] weights = random.nextInt(3) == 0 ? randomWeights(random) : null;
                final boolean fromPool = random.nextInt(4) == 0;
                final boolean again = !fromPool && null != previous && random.nextBoolean();
                final int count = again ? previous.length : (fromPool ? members : 1 + random.nextInt(40));
                final String[] ids = again ? previous : new String[count];
                for (int c = 0; c < count && !again; c++)
                {
                    ids[c] = fromPool ? "agent-" + c :
                        (random.nextInt(8) == 0 ? "ghost-" + random.nextInt(3) : "agent-" + random.nextInt(agents));
                }
                previous = fromPool ? previous : ids;
                final double[] best = bestScores(engine, events.timeNs(), ids, profile, weights);
                if (null == best)
                {
                    continue;
                }
                final int k = 1 + random.nextInt(Math.min(best.length, 5));

                select.reset().profile(profile).weights(weights).k(k);
                if (fromPool)
                {
                    select.pool("every");
                }
                else
                {
                    for (final String id : ids)
                    {
                        select.addCandidate(id);
                    }
                }
                assertNull(engine.select(events.timeNs(), select, selection), "seed " + seed + " event " + i);
                assertEquals(k, selection.count(), "seed " + seed + " event " + i);
                for (int rank = 0; rank < k; rank++)
                {
                    assertEquals(Double.doubleToLongBits(best[rank]), Double.doubleToLongBits(selection.score(rank)),
                        "seed " + seed + " event " + i + " rank " + rank + ": " + best[rank] + " expected, " +
                        selection.score(rank) + " selected");
                    assertEquals(engine.isTracked(selection.agentId(rank)), selection.tracked(rank),
                        "seed " + seed + " event " + i + " rank " + rank + ": " + selection.agentId(rank));
                }
                selections++;
            }
        }
        assertTrue(selections > 10_000, "selections checked: " + selections);
    }

    @Test
    void shouldSelectTheBestScoresAsSignalsAgeWithoutNewOnes()
    {
        final SelectRequest select = new SelectRequest();
        final SelectionResult selection = new SelectionResult();
        final SignalType[] types = SignalType.values();
        for (int seed = 0; seed < 100; seed++)
        {
            final SplittableRandom random = new SplittableRandom(1_000 + seed);
            final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().agentCapacity(64), null);
            final ScoringModel model = random.nextBoolean() ? ScoringModel.NEUTRAL : ScoringModel.REFERENCE;
            assertNull(engine.defineProfile(T0, "mine", model, randomWeights(random), random.nextDouble(0.1)));
            final int agents = 2 + random.nextInt(40);
            final String[] ids = new String[agents];
            long now = T0;
            for (int a = 0; a < agents; a++)
            {
                ids[a] = "a-" + a;
                for (final SignalType type : types)
                {
                    if (random.nextInt(5) != 0)
                    {
                        now += random.nextLong(0, 50) * 1_000_000L;
                        assertNull(engine.onSignal(now, ids[a], type, random.nextDouble(), random.nextDouble(),
                            random.nextLong(1, 20_000), 0));
                    }
                }
                engine.registerAgent(now, ids[a]);
            }

            for (int step = 0; step < 300; step++)
            {
                now += random.nextLong(0, 400) * 1_000_000L;
                if (random.nextInt(10) == 0)
                {
                    assertNull(engine.onSignal(now, ids[random.nextInt(agents)], types[random.nextInt(types.length)],
                        random.nextDouble(), random.nextDouble(), random.nextLong(1, 20_000), 0));
                }
                final String profile = random.nextInt(4) == 0 ? "default" : "mine";
                final double[] best = bestScores(engine, now, ids, profile, null);
                final int k = 1 + random.nextInt(Math.min(agents, 3));
                select.reset().profile(profile).k(k);
                for (final String id : ids)
                {
                    select.addCandidate(id);
                }
                assertNull(engine.select(now, select, selection));
                for (int rank = 0; rank < k; rank++)
                {
                    assertEquals(Double.doubleToLongBits(best[rank]), Double.doubleToLongBits(selection.score(rank)),
                        "seed " + seed + " step " + step + " rank " + rank + ": " + best[rank] + " expected, " +
                        selection.score(rank) + " selected");
                }
            }
        }
    }

    /**
     * Routing scores of the distinct ids, highest first, from a scores query at the same time and under the same
     * weights as the selection that follows; null if the profile is not defined yet.
     */
    private double[] bestScores(
        final CoordinationEngine engine, final long now, final String[] ids, final String profile,
        final double[] weights)
    {
        final String[] distinct = Arrays.stream(ids).distinct().toArray(String[]::new);
        request.reset().profile(profile).weights(weights);
        for (final String id : distinct)
        {
            request.addAgent(id);
        }
        final ErrorCode error = engine.scores(now, request, result);
        if (error == ErrorCode.UNKNOWN_PROFILE)
        {
            return null;
        }
        assertNull(error);

        final double[] scores = new double[result.count()];
        for (int row = 0; row < scores.length; row++)
        {
            scores[row] = -result.score(row);
        }
        Arrays.sort(scores);
        for (int row = 0; row < scores.length; row++)
        {
            scores[row] = -scores[row];
        }

        return scores;
    }

    @Test
    void shouldGiveTiesToTheEarlierCandidate()
    {
        final SplittableRandom random = new SplittableRandom(17);
        final SelectRequest select = new SelectRequest();
        final SelectionResult selection = new SelectionResult();
        for (int trial = 0; trial < TRIALS; trial++)
        {
            final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().agentCapacity(16), null);
            final int count = 2 + random.nextInt(8);
            final double value = random.nextDouble();
            final double confidence = random.nextDouble();
            for (int i = 0; i < count; i++)
            {
                engine.onSignal(T0, "a-" + i, SignalType.LOAD, value, confidence, 60_000, 0);
            }
            final int first = random.nextInt(count);

            select.reset().profile(random.nextBoolean() ? "default" : "reference").k(1 + random.nextInt(count));
            for (int i = 0; i < count; i++)
            {
                select.addCandidate("a-" + ((first + i) % count));
            }
            assertNull(engine.select(T0 + random.nextLong(0, 60_000) * 1_000_000L, select, selection));

            for (int rank = 0; rank < selection.count(); rank++)
            {
                assertEquals(rank, selection.candidateIndex(rank), "trial " + trial);
            }
        }
    }

    @Test
    void shouldSpreadSelectionsEvenlyOverEquallyGoodAgents()
    {
        final SplittableRandom random = new SplittableRandom(19);
        final SelectRequest select = new SelectRequest();
        final SelectionResult selection = new SelectionResult();
        for (int trial = 0; trial < 200; trial++)
        {
            final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().agentCapacity(32), null);
            final double[] weights = randomWeights(random);
            weights[SignalType.LOAD.id()] = 0.05 + random.nextDouble();
            final ScoringModel model = random.nextBoolean() ? ScoringModel.NEUTRAL : ScoringModel.REFERENCE;
            assertNull(engine.defineProfile(T0, "spread", model, weights, 0.001 + random.nextDouble(0.5)));

            final int agents = 2 + random.nextInt(19);
            final double load = random.nextDouble(0.95);
            final boolean withLoad = random.nextInt(4) != 0;
            select.reset().profile("spread");
            for (int i = 0; i < agents; i++)
            {
                if (withLoad)
                {
                    engine.onSignal(T0, "a-" + i, SignalType.LOAD, load, 1.0, 60_000, 0);
                }
                else
                {
                    engine.registerAgent(T0, "a-" + i);
                }
                select.addCandidate("a-" + i);
            }

            final int selections = 1 + random.nextInt(500);
            final int[] counts = new int[agents];
            for (int i = 0; i < selections; i++)
            {
                assertNull(engine.select(T0 + i, select, selection));
                counts[selection.candidateIndex(0)]++;
            }

            int min = Integer.MAX_VALUE;
            int max = 0;
            for (final int count : counts)
            {
                min = Math.min(min, count);
                max = Math.max(max, count);
            }
            assertTrue(max - min <= 1, "trial " + trial + ": min " + min + " max " + max);
        }
    }

    private double[] compareSignal(
        final SplittableRandom random, final SignalType type, final double low, final double high, final int trial)
    {
        final double confidence = random.nextDouble();
        final long ttlMs = random.nextLong(1, 100_000);
        final long now = T0 + random.nextLong(0, ttlMs + 1) * 1_000_000L;
        final String profile = random.nextBoolean() ? "default" : "reference";
        final double[] weights = random.nextBoolean() ? randomWeights(random) : null;

        final double[] scores = new double[2];
        final double[] values = { low, high };
        for (int i = 0; i < 2; i++)
        {
            final CoordinationEngine engine = new CoordinationEngine(new EngineConfig().agentCapacity(4), null);
            engine.onSignal(T0, "a", SignalType.QUALITY, 0.7, 0.9, 100_000, 0);
            engine.onSignal(T0, "a", type, values[i], confidence, ttlMs, 0);
            request.reset().addAgent("a").profile(profile).weights(weights);
            assertNull(engine.scores(now, request, result), "trial " + trial);
            scores[i] = result.score(0);
        }

        return scores;
    }

    private static double[] randomWeights(final SplittableRandom random)
    {
        final double[] weights = new double[SignalType.COUNT];
        for (int i = 0; i < weights.length; i++)
        {
            weights[i] = random.nextInt(3) == 0 ? 0.0 : random.nextDouble();
        }
        weights[random.nextInt(SignalType.COUNT)] += 0.01;

        return weights;
    }

    private static void assertInUnitInterval(final double score, final int seed)
    {
        assertTrue(score >= 0.0 && score <= 1.0, "seed " + seed + ": " + score);
    }
}
