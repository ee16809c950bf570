package io.ripple.bench.engine;

import io.ripple.engine.CoordinationEngine;
import io.ripple.engine.ErrorCode;
import io.ripple.engine.SignalType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Apply one signal to an engine tracking 1,000 agents whose history rings are full: agents and types rotate, values
 * vary and time advances by a microsecond per signal, so every call is an update of a known agent that also enters
 * the history ring. A LOAD signal also resets the in-flight count and runs the overload check, so the type mix is a
 * parameter: {@code all} rotates the six types (one signal in six is a LOAD), {@code load} sends only LOAD and
 * {@code other} only the five other types.
 */
@State(Scope.Thread)
@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SignalApplyBenchmark
{
    private static final int AGENT_COUNT = 1000;

    /**
     * Which signal types are sent: {@code all}, {@code load} or {@code other}.
     */
    @Param({ "all", "load", "other" })
    public String typeMix;

    /**
     * How ids reach the engine: {@code string}, as {@code String}s, or {@code wire}, copied out of a message buffer
     * into a reused {@link io.ripple.engine.AsciiBytes} view as the server's dispatcher does.
     */
    @Param({ "string", "wire" })
    public String ids;

    private SignalType[] types;
    private CoordinationEngine engine;
    private String[] agentIds;
    private WireIds wireIds;
    private double[] values;
    private long timestampNs;
    private int agentCursor;
    private int typeCursor;
    private int valueCursor;

    /**
     * Build the engine and bring every agent's history to its full size.
     */
    @Setup
    public void setUp()
    {
        engine = EngineFixture.newEngine();
        agentIds = EngineFixture.agentIds(AGENT_COUNT);
        wireIds = "wire".equals(ids) ? new WireIds(agentIds) : null;
        values = EngineFixture.values();
        types = typesOf(typeMix);
        timestampNs = EngineFixture.publish(engine, agentIds, SignalType.COUNT, EngineFixture.START_NS);
    }

    /**
     * Apply the next signal.
     *
     * @return null, as the engine accepts every signal here.
     */
    @Benchmark
    public ErrorCode applySignal()
    {
        final int agent = agentCursor;
        agentCursor = agent + 1 == AGENT_COUNT ? 0 : agent + 1;
        final int type = typeCursor;
        typeCursor = type + 1 == types.length ? 0 : type + 1;
        final int value = valueCursor++ & (EngineFixture.VALUE_COUNT - 1);
        timestampNs += EngineFixture.STEP_NS;

        final CharSequence agentId = null == wireIds ? agentIds[agent] : wireIds.id(agent);

        return engine.onSignal(timestampNs, agentId, types[type], values[value], 1.0, EngineFixture.TTL_MS, value);
    }

    private static SignalType[] typesOf(final String typeMix)
    {
        switch (typeMix)
        {
            case "all":
                return SignalType.values();

            case "load":
                return new SignalType[]{ SignalType.LOAD };

            case "other":
                return Arrays.copyOfRange(SignalType.values(), 1, SignalType.COUNT);

            default:
                throw new IllegalArgumentException("unknown type mix: " + typeMix);
        }
    }
}
