package io.ripple.bench.engine;

import io.ripple.engine.CoordinationEngine;
import io.ripple.engine.EngineConfig;
import io.ripple.engine.EngineListener;
import io.ripple.engine.ErrorCode;
import io.ripple.engine.SignalType;

import java.util.SplittableRandom;

/**
 * Builds engines in a known, warmed state for the engine benchmarks: agents with full history rings and live
 * signals, so that the measured methods find the engine as it is after hours of traffic and never grow a structure.
 * <p>
 * Simulated time starts at {@link #START_NS} and benchmarks advance it by {@link #STEP_NS} per operation; signals
 * live {@link #TTL_MS}, longer than any run, so nothing expires unless a benchmark wants it to.
 */
final class EngineFixture
{
    /**
     * Simulated time of the first signal.
     */
    static final long START_NS = 1_000_000_000L;

    /**
     * Simulated time between two measured operations: 1 microsecond.
     */
    static final long STEP_NS = 1_000L;

    /**
     * TTL of every signal the fixture applies: the longest the engine accepts.
     */
    static final long TTL_MS = CoordinationEngine.MAX_TTL_MS;

    /**
     * Number of distinct signal values cycled through; a power of two.
     */
    static final int VALUE_COUNT = 1024;

    private static final long SEED = 0x5EED_0F_A11L;
    private static final int HISTORY_FILL_ROUNDS = 20;

    private EngineFixture()
    {
    }

    /**
     * A new engine with the default configuration, as the server runs it.
     *
     * @return the engine.
     */
    static CoordinationEngine newEngine()
    {
        return newEngine(new EngineConfig());
    }

    /**
     * A new engine with a given configuration.
     *
     * @param config engine configuration.
     * @return the engine.
     */
    static CoordinationEngine newEngine(final EngineConfig config)
    {
        return new CoordinationEngine(config, EngineListener.NO_OP);
    }

    /**
     * Agent ids {@code agent-000000}, {@code agent-000001}, ...: twelve characters, like a typical short id.
     *
     * @param count how many.
     * @return the ids.
     */
    static String[] agentIds(final int count)
    {
        final String[] ids = new String[count];
        for (int i = 0; i < count; i++)
        {
            ids[i] = String.format("agent-%06d", i);
        }

        return ids;
    }

    /**
     * Signal values in [0, 1), from a fixed seed.
     *
     * @return {@link #VALUE_COUNT} values.
     */
    static double[] values()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final double[] values = new double[VALUE_COUNT];
        for (int i = 0; i < VALUE_COUNT; i++)
        {
            values[i] = random.nextDouble();
        }

        return values;
    }

    /**
     * Have every agent publish {@code typeCount} signal types (LOAD first, then CAPACITY, QUALITY, ...) over and over
     * until every history ring is at its full size, ending with one current signal of each of those types.
     *
     * @param engine      to feed.
     * @param agentIds    the agents.
     * @param typeCount   1 for LOAD only, up to {@link SignalType#COUNT} for all six types.
     * @param timestampNs time of the first signal; each later signal is one {@link #STEP_NS} later.
     * @return the time of the last signal applied.
     */
    static long publish(
        final CoordinationEngine engine, final String[] agentIds, final int typeCount, final long timestampNs)
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final int historySize = engine.config().historySize();
        final int rounds = Math.max(HISTORY_FILL_ROUNDS, (historySize + typeCount - 1) / typeCount);
        long nowNs = timestampNs;
        for (int round = 0; round < rounds; round++)
        {
            for (final String agentId : agentIds)
            {
                for (int type = 0; type < typeCount; type++)
                {
                    nowNs += STEP_NS;
                    final double confidence = 0.5 + 0.5 * random.nextDouble();
                    check(engine.onSignal(nowNs, agentId, type, random.nextDouble(), confidence, TTL_MS, 0));
                }
            }
        }

        return nowNs;
    }

    /**
     * Fail set-up loudly if the engine rejects something the fixture sends: a benchmark of rejections would measure
     * the wrong thing.
     *
     * @param error what the engine returned.
     */
    static void check(final ErrorCode error)
    {
        if (null != error)
        {
            throw new IllegalStateException("engine rejected a benchmark set-up event: " + error);
        }
    }
}
