package io.ripple.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The effectiveness scenarios of SPEC section 12, run with the {@code reference} and {@code default} profiles, each
 * printing the figure it measures. Signals have a TTL of 300 s and confidence 1; events are 1 ms apart.
 */
class EffectivenessTest
{
    private static final long MS_NS = 1_000_000L;
    private static final long TTL_MS = 300_000;
    private static final String DEFAULT_WITHOUT_PENALTY = "default-no-penalty";
    private static final double[] DEFAULT_WEIGHTS = { 0.25, 0.20, 0.20, 0.10, 0.10, 0.15 };

    private final CoordinationEngine engine = new CoordinationEngine();
    private final SelectRequest request = new SelectRequest();
    private final SelectionResult result = new SelectionResult();
    private long nowNs = 1_000 * MS_NS;

    @ParameterizedTest
    @ValueSource(strings = { "reference", DEFAULT_WITHOUT_PENALTY })
    void shouldPickTheLeastLoadedAgentEveryTime(final String profile)
    {
        engine.defineProfile(nowNs, DEFAULT_WITHOUT_PENALTY, ScoringModel.NEUTRAL, DEFAULT_WEIGHTS, 0.0);
        candidates(10, profile);
        for (int i = 0; i < 10; i++)
        {
            signal("agent-" + i, SignalType.LOAD, 0.1 + 0.08 * i);
        }

        int correct = 0;
        final SplittableRandom random = new SplittableRandom(42);
        int randomCorrect = 0;
        for (int decision = 0; decision < 100; decision++)
        {
            correct += select() == 0 ? 1 : 0;
            randomCorrect += random.nextInt(10) == 0 ? 1 : 0;
        }

        System.out.printf("scenario 1 (%s): accuracy %d%%, seeded random %d%%%n", profile, correct, randomCorrect);
        assertEquals(100, correct);
        assertTrue(randomCorrect < correct);
    }

    @ParameterizedTest
    @ValueSource(strings = { "reference", "default" })
    void shouldSpreadSelectionsEvenlyWithLoadFeedback(final String profile)
    {
        candidates(10, profile);
        for (int i = 0; i < 10; i++)
        {
            signal("agent-" + i, SignalType.LOAD, 0.3);
        }

        final int[] counts = new int[10];
        for (int decision = 0; decision < 1_000; decision++)
        {
            final int chosen = select();
            counts[chosen]++;
            signal("agent-" + chosen, SignalType.LOAD, Math.min(0.3 + counts[chosen] * 0.0005, 1.0));
        }

        final double evenness = evenness(counts, 1_000);
        System.out.printf("scenario 2 (%s): evenness %.1f%% %s%n", profile, evenness, Arrays.toString(counts));
        assertTrue(evenness >= 90.0, "evenness " + evenness);
    }

    @ParameterizedTest
    @ValueSource(strings = { "reference", "default" })
    void shouldPredictOverloadForRisingTrends(final String profile)
    {
        final OverloadPrediction prediction = new OverloadPrediction();
        int right = 0;
        for (int trial = 0; trial < 100; trial++)
        {
            final String agent = "agent-" + (trial % 20);
            final boolean rising = trial % 3 == 0;
            for (int i = 0; i < 5; i++)
            {
                signal(agent, SignalType.LOAD, rising ? 0.50 + 0.08 * i : 0.40 - 0.02 * i);
            }

            assertNull(engine.predictOverload(nowNs, agent, 60_000, 0.8, prediction));
            right += prediction.willOverload() == rising ? 1 : 0;
        }

        System.out.printf("scenario 3 (%s): %d of 100 predictions right%n", profile, right);
        assertTrue(right >= 80, right + " right");
    }

    @ParameterizedTest
    @ValueSource(strings = { "reference", "default" })
    void shouldPreferQualityOverSlightlyLowerLoad(final String profile)
    {
        candidates(10, profile);

        int inHighQuality = 0;
        for (int decision = 0; decision < 100; decision++)
        {
            for (int i = 0; i < 10; i++)
            {
                signal("agent-" + i, SignalType.LOAD, i < 5 ? 0.2 : 0.5);
                signal("agent-" + i, SignalType.QUALITY, i < 5 ? 0.5 : 0.9);
            }
            inHighQuality += select() >= 5 ? 1 : 0;
        }

        System.out.printf("scenario 4 (%s): %d%% of selections in agents 5-9, load-only routing 0%%%n",
            profile, inHighQuality);
        assertEquals(100, inHighQuality);
    }

    @ParameterizedTest
    @ValueSource(strings = { "reference", "default" })
    void shouldOnlySelectLiveAgentsUnderChurn(final String profile)
    {
        final SplittableRandom random = new SplittableRandom(42);
        final List<String> active = new ArrayList<>();
        int nextId = 0;
        for (; nextId < 20; nextId++)
        {
            active.add("agent-" + nextId);
            assertNull(engine.joinPool(nowNs, "agent-" + nextId, "workers"));
        }
        request.reset().pool("workers").profile(profile);

        int live = 0;
        for (int decision = 0; decision < 200; decision++)
        {
            if (decision > 0 && decision % 10 == 0)
            {
                final int churn = Math.max(1, active.size() / 10);
                for (int i = 0; i < churn; i++)
                {
                    final String removed = active.remove(random.nextInt(active.size()));
                    assertNull(engine.leavePool(nowNs, removed, "workers"));
                }
                for (int i = 0; i < churn; i++, nextId++)
                {
                    active.add("agent-" + nextId);
                    assertNull(engine.joinPool(nowNs, "agent-" + nextId, "workers"));
                }
            }
            for (final String agent : active)
            {
                signal(agent, SignalType.LOAD, random.nextDouble(0.2, 0.8));
            }
            engine.onTimer(nowNs);

            assertNull(engine.select(nowNs, request, result));
            final String chosen = result.agentId(0).toString();
            live += active.contains(chosen) && engine.isTracked(chosen) ? 1 : 0;
        }

        System.out.printf("scenario 5 (%s): %d of 200 selections returned a live agent%n", profile, live);
        assertEquals(200, live);
    }

    @Test
    void shouldSpreadABurstEvenlyWithTheDefaultProfileWhereTheReferenceHerds()
    {
        final double defaultEvenness = burstEvenness("default");
        final double referenceEvenness = burstEvenness("reference");

        System.out.printf("scenario 6: evenness in a burst, default %.1f%%, reference %.1f%%%n",
            defaultEvenness, referenceEvenness);
        assertTrue(defaultEvenness >= 99.0, "default evenness " + defaultEvenness);
        assertTrue(referenceEvenness < 0.0, "reference evenness " + referenceEvenness);
    }

    private double burstEvenness(final String profile)
    {
        final CoordinationEngine engine = new CoordinationEngine();
        final SelectRequest request = new SelectRequest().profile(profile);
        for (int i = 0; i < 10; i++)
        {
            engine.onSignal(nowNs, "agent-" + i, SignalType.LOAD, 0.3, 1.0, TTL_MS, 0);
            request.addCandidate("agent-" + i);
        }

        final int[] counts = new int[10];
        for (int decision = 0; decision < 1_000; decision++)
        {
            assertNull(engine.select(nowNs + decision * MS_NS, request, result));
            counts[result.candidateIndex(0)]++;
        }

        return evenness(counts, 1_000);
    }

    private void candidates(final int count, final String profile)
    {
        request.reset().profile(profile);
        for (int i = 0; i < count; i++)
        {
            request.addCandidate("agent-" + i);
        }
    }

    private int select()
    {
        nowNs += MS_NS;
        assertNull(engine.select(nowNs, request, result));
        return result.candidateIndex(0);
    }

    private void signal(final String agent, final SignalType type, final double value)
    {
        nowNs += MS_NS;
        assertNull(engine.onSignal(nowNs, agent, type, value, 1.0, TTL_MS, 0));
    }

    private static double evenness(final int[] counts, final int total)
    {
        final double expected = (double) total / counts.length;
        double deviation = 0.0;
        for (final int count : counts)
        {
            deviation += Math.abs(count - expected) / expected;
        }

        return (1.0 - deviation / counts.length) * 100.0;
    }
}
