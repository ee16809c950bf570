package io.ripple.engine;

/**
 * Receives events the engine publishes, on the engine's thread, from within the call that caused them.
 * <p>
 * Implementations must not call back into the engine and should return quickly: they run on the hot path.
 */
@FunctionalInterface
public interface EngineListener
{
    /**
     * Listener that ignores every event.
     */
    EngineListener NO_OP = (timestampNs, agentId, predictedLoad, threshold) -> {};

    /**
     * An agent's predicted load has crossed the warning threshold upwards. Published once per crossing: the agent is
     * re-armed when a later prediction falls back to or below the threshold.
     *
     * @param timestampNs   time of the LOAD signal that caused the crossing.
     * @param agentId       view of the agent id, valid only during the call.
     * @param predictedLoad load predicted at the warning horizon, in [0, 1].
     * @param threshold     the configured warning threshold.
     */
    void onOverloadWarning(long timestampNs, CharSequence agentId, double predictedLoad, double threshold);
}
