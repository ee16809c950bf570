package io.ripple.journal;

import io.ripple.codecs.SignalType;
import io.ripple.codecs.TimerKind;

import java.util.SplittableRandom;

/**
 * A seeded, repeatable mix of every request the engine takes, encoded into a {@link TestMessages} buffer one at a
 * time, with event times that move forward by up to 2 ms.
 */
public final class Workload
{
    private final SplittableRandom random;
    private final int agents;
    private final TestMessages messages;
    private long correlationId;
    private long timestampNs = 1_700_000_000_000_000_000L;

    public Workload(final long seed, final int agents, final TestMessages messages)
    {
        this.random = new SplittableRandom(seed);
        this.agents = agents;
        this.messages = messages;
    }

    public long timestampNs()
    {
        return timestampNs;
    }

    public long correlationId()
    {
        return correlationId;
    }

    /**
     * Encode the next request.
     *
     * @return its length.
     */
    public int next()
    {
        timestampNs += random.nextInt(2_000_000);
        correlationId++;
        final int dice = random.nextInt(100);
        if (dice < 60)
        {
            return messages.signal(
                correlationId, agent(), SignalType.get((short) random.nextInt(6)), random.nextDouble(),
                0.5 + random.nextDouble() / 2, 1 + random.nextInt(5_000));
        }
        if (dice < 75)
        {
            final int count = 2 + random.nextInt(6);
            final String[] candidates = new String[count];
            for (int i = 0; i < count; i++)
            {
                candidates[i] = agent();
            }
            return messages.select(correlationId, 1 + random.nextInt(2), random.nextBoolean() ? "reference" : null,
                null, candidates);
        }
        if (dice < 80)
        {
            return messages.signalBatch(
                correlationId, new String[]{ agent(), agent(), agent() }, SignalType.LOAD,
                new double[]{ random.nextDouble(), random.nextDouble(), random.nextDouble() });
        }
        if (dice < 83)
        {
            return messages.select(correlationId, 1, null, "pool-" + random.nextInt(3));
        }
        if (dice < 86)
        {
            return messages.joinPool(correlationId, agent(), "pool-" + random.nextInt(3));
        }
        if (dice < 88)
        {
            return messages.leavePool(correlationId, agent(), "pool-" + random.nextInt(3));
        }
        if (dice < 91)
        {
            return messages.timer(timestampNs, TimerKind.SWEEP);
        }
        if (dice < 93)
        {
            return messages.predict(correlationId, agent(), 60_000, 0.8);
        }
        if (dice < 95)
        {
            return messages.scores(correlationId, "reference", agent(), agent());
        }
        if (dice < 97)
        {
            return messages.agentState(correlationId, agent());
        }
        if (dice < 98)
        {
            return messages.metrics(correlationId);
        }
        if (dice < 99)
        {
            return messages.defineProfile(
                correlationId, "p-" + random.nextInt(3),
                new double[]{ random.nextDouble(), 0.2, 0.2, 0.1, 0.1, 0.1 }, 0.05);
        }
        return messages.register(correlationId, agent());
    }

    private String agent()
    {
        return "agent-" + random.nextInt(agents);
    }
}
