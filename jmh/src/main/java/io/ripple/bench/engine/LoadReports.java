package io.ripple.bench.engine;

import io.ripple.engine.CoordinationEngine;
import io.ripple.engine.SignalType;

/**
 * Keeps in-flight counts in the range a live fleet sees: after every {@link #INTERVAL} selections, each agent reports
 * a fresh LOAD, which resets its in-flight count.
 * <p>
 * Without the reports, a benchmark that selects millions of times between two load reports would drive every
 * in-flight count far beyond any real burst. The reports are applied inside the measured method, so they are part of
 * the figure: one signal per agent per {@link #INTERVAL} selections, well under 1 % of the cost of a selection over
 * the same agents, and outside the p99 since only one call in {@link #INTERVAL} carries them.
 */
final class LoadReports
{
    /**
     * Selections between two rounds of load reports; below the engine's 1,024-entry in-flight factor table, so that
     * no count leaves it even if one agent wins every selection.
     */
    static final int INTERVAL = 1000;

    private final String[] agentIds;
    private final double[] values = EngineFixture.values();
    private int selectionsSinceReport;
    private int valueCursor;

    LoadReports(final String[] agentIds)
    {
        this.agentIds = agentIds;
    }

    /**
     * Count one selection, and have every agent report its load if the interval is over.
     *
     * @param engine      the engine selecting.
     * @param timestampNs now.
     */
    void onSelection(final CoordinationEngine engine, final long timestampNs)
    {
        if (++selectionsSinceReport == INTERVAL)
        {
            selectionsSinceReport = 0;
            for (final String agentId : agentIds)
            {
                final double load = values[valueCursor++ & (EngineFixture.VALUE_COUNT - 1)];
                EngineFixture.check(engine.onSignal(
                    timestampNs, agentId, SignalType.LOAD, load, 1.0, EngineFixture.TTL_MS, 0));
            }
        }
    }
}
