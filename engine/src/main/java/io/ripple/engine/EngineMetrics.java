package io.ripple.engine;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Counters of a {@link CoordinationEngine}, updated in place by the engine as events are applied.
 * <p>
 * The object is owned by the engine and must be read on the engine's thread (or after the engine has stopped);
 * reading does not allocate. Counters survive a snapshot and restore.
 */
public final class EngineMetrics
{
    private static final int ERROR_CODE_COUNT = ErrorCode.values().length;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    static final int ENCODED_LENGTH = (SignalType.COUNT + ERROR_CODE_COUNT + 11) * Long.BYTES;

    final long[] signalsByType = new long[SignalType.COUNT];
    final long[] rejectionsByCode = new long[ERROR_CODE_COUNT];
    long selections;
    long scoreQueries;
    long stateQueries;
    long predictions;
    long expirations;
    long evictions;
    long warnings;
    long registrations;
    long timerEvents;
    int agentsTracked;
    int agentsDormant;

    /**
     * Accepted signals of one type.
     *
     * @param type signal type.
     * @return the count.
     */
    public long signals(final SignalType type)
    {
        return signalsByType[type.id()];
    }

    /**
     * Accepted signals of all types.
     *
     * @return the count.
     */
    public long signals()
    {
        return sum(signalsByType);
    }

    /**
     * Rejected events for one reason.
     *
     * @param code reason.
     * @return the count.
     */
    public long rejections(final ErrorCode code)
    {
        return rejectionsByCode[code.ordinal()];
    }

    /**
     * Rejected events for every reason.
     *
     * @return the count.
     */
    public long rejections()
    {
        return sum(rejectionsByCode);
    }

    /**
     * Successful selections.
     *
     * @return the count.
     */
    public long selections()
    {
        return selections;
    }

    /**
     * Successful scores queries.
     *
     * @return the count.
     */
    public long scoreQueries()
    {
        return scoreQueries;
    }

    /**
     * Successful agent state queries.
     *
     * @return the count.
     */
    public long stateQueries()
    {
        return stateQueries;
    }

    /**
     * Successful overload prediction queries (the checks run for warnings are not counted).
     *
     * @return the count.
     */
    public long predictions()
    {
        return predictions;
    }

    /**
     * Signals removed by sweeps because their TTL had passed.
     *
     * @return the count.
     */
    public long expirations()
    {
        return expirations;
    }

    /**
     * Agents evicted by sweeps for having no live signal and no pool.
     *
     * @return the count.
     */
    public long evictions()
    {
        return evictions;
    }

    /**
     * Overload warnings published.
     *
     * @return the count.
     */
    public long warnings()
    {
        return warnings;
    }

    /**
     * Agents created by an explicit registration.
     *
     * @return the count.
     */
    public long registrations()
    {
        return registrations;
    }

    /**
     * Timer events applied.
     *
     * @return the count.
     */
    public long timerEvents()
    {
        return timerEvents;
    }

    /**
     * Agents currently tracked (live).
     *
     * @return the gauge.
     */
    public int agentsTracked()
    {
        return agentsTracked;
    }

    /**
     * Evicted agents whose signal history is still kept for overload prediction; their slots are reused, oldest
     * first, when the engine is full.
     *
     * @return the gauge.
     */
    public int agentsDormant()
    {
        return agentsDormant;
    }

    private static long sum(final long[] counts)
    {
        long total = 0;
        for (final long count : counts)
        {
            total += count;
        }
        return total;
    }

    int encode(final MutableDirectBuffer buffer, final int offset)
    {
        int position = offset;
        for (final long count : signalsByType)
        {
            buffer.putLong(position, count, ORDER);
            position += Long.BYTES;
        }
        for (final long count : rejectionsByCode)
        {
            buffer.putLong(position, count, ORDER);
            position += Long.BYTES;
        }

        final long[] scalars =
        {
            selections, scoreQueries, stateQueries, predictions, expirations, evictions, warnings, registrations,
            timerEvents, agentsTracked, agentsDormant
        };
        for (final long value : scalars)
        {
            buffer.putLong(position, value, ORDER);
            position += Long.BYTES;
        }

        return position - offset;
    }

    int decode(final DirectBuffer buffer, final int offset)
    {
        int position = offset;
        for (int i = 0; i < signalsByType.length; i++)
        {
            signalsByType[i] = buffer.getLong(position, ORDER);
            position += Long.BYTES;
        }
        for (int i = 0; i < rejectionsByCode.length; i++)
        {
            rejectionsByCode[i] = buffer.getLong(position, ORDER);
            position += Long.BYTES;
        }

        selections = buffer.getLong(position, ORDER);
        scoreQueries = buffer.getLong(position + 8, ORDER);
        stateQueries = buffer.getLong(position + 16, ORDER);
        predictions = buffer.getLong(position + 24, ORDER);
        expirations = buffer.getLong(position + 32, ORDER);
        evictions = buffer.getLong(position + 40, ORDER);
        warnings = buffer.getLong(position + 48, ORDER);
        registrations = buffer.getLong(position + 56, ORDER);
        timerEvents = buffer.getLong(position + 64, ORDER);
        agentsTracked = (int) buffer.getLong(position + 72, ORDER);
        agentsDormant = (int) buffer.getLong(position + 80, ORDER);
        position += 88;

        return position - offset;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "EngineMetrics{signals=" + signals() + ", rejections=" + rejections() + ", selections=" + selections +
            ", scoreQueries=" + scoreQueries + ", predictions=" + predictions + ", expirations=" + expirations +
            ", evictions=" + evictions + ", warnings=" + warnings + ", agentsTracked=" + agentsTracked +
            ", agentsDormant=" + agentsDormant + '}';
    }
}
