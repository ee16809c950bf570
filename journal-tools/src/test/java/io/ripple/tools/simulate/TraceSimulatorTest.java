package io.ripple.tools.simulate;

import io.ripple.engine.EngineConfig;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceSimulatorTest
{
    private static final int AGENT_COUNT = 3000;
    private static final int ENGINE_SWEEP_BUDGET = 1024;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldSweepEveryAgentOnOneSweepLineByDefault() throws IOException
    {
        // given
        final TraceSimulator simulator =
            new TraceSimulator(out, new PrintWriter(err), new EngineConfig(), null);

        // when
        simulator.run(reader(expiringSignals() + sweepAt(5000)));

        // then
        assertEquals(0, simulator.engine().agentCount());
        assertEquals(AGENT_COUNT, simulator.engine().metrics().evictions());
        assertEquals("", out.toString());
    }

    @Test
    void shouldSweepOnlyTheBudgetPerSweepLineWhenGivenOne() throws IOException
    {
        // given
        final EngineConfig config = new EngineConfig().sweepBudget(ENGINE_SWEEP_BUDGET);
        final TraceSimulator simulator =
            new TraceSimulator(out, new PrintWriter(err), config, null).sweepOneStepPerLine(true);

        // when
        simulator.run(reader(expiringSignals() + sweepAt(5000)));

        // then
        assertEquals(AGENT_COUNT - ENGINE_SWEEP_BUDGET, simulator.engine().agentCount());
    }

    @Test
    void shouldReportProgressAndASummaryOnLongRuns() throws IOException
    {
        // given
        final TraceSimulator simulator =
            new TraceSimulator(out, new PrintWriter(err), new EngineConfig(), null, 0);

        // when
        simulator.run(reader(expiringSignals()));

        // then
        final String progress = err.toString();
        assertTrue(progress.startsWith("simulate: 1,024 lines in "), progress);
        assertTrue(progress.contains("simulate: 2,048 lines in "), progress);
        final String summary = progress.lines().reduce((final String first, final String second) -> second).get();
        assertTrue(summary.matches("simulate: done, 3,000 lines in [0-9.]+ s, 0 answers, 0 of them errors"), summary);
        assertEquals(AGENT_COUNT, simulator.lineCount());
    }

    @Test
    void shouldStayQuietOnShortRunsWithoutErrors() throws IOException
    {
        // given
        // A run shorter than the progress interval prints nothing; an hour stands in for "short" so that a loaded
        // machine cannot make the run outlast it.
        final TraceSimulator simulator =
            new TraceSimulator(out, new PrintWriter(err), new EngineConfig(), null, TimeUnit.HOURS.toNanos(1));

        // when
        simulator.run(reader(expiringSignals()));

        // then
        assertEquals("", err.toString());
    }

    private static String expiringSignals()
    {
        final StringBuilder trace = new StringBuilder();
        for (int i = 0; i < AGENT_COUNT; i++)
        {
            trace.append("{\"t_ms\": 1, \"op\": \"signal\", \"agent\": \"agent-").append(i)
                .append("\", \"type\": \"LOAD\", \"value\": 0.5, \"ttl_ms\": 1000}\n");
        }

        return trace.toString();
    }

    private static String sweepAt(final long timestampMs)
    {
        return "{\"t_ms\": " + timestampMs + ", \"op\": \"sweep\"}\n";
    }

    private static BufferedReader reader(final String trace)
    {
        return new BufferedReader(new StringReader(trace));
    }
}
