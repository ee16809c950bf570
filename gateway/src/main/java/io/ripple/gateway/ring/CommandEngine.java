package io.ripple.gateway.ring;

import io.ripple.engine.EngineMetrics;
import org.agrona.DirectBuffer;

/**
 * What the engine stage needs of the engine: the contract of {@code io.ripple.journal.EngineCommandDispatcher}
 * plus snapshots. Called on the engine stage's thread only (and by the server after the ring has stopped).
 * Answers go to the {@link EngineResponses} the engine was built with, during {@link #dispatch}.
 */
public interface CommandEngine
{
    /**
     * Apply one journaled event: a client request, a timer event or a session event.
     *
     * @param timestampNs ingress timestamp, the engine's now.
     * @param sessionId   session the event came from, 0 for timers.
     * @param buffer      holding the SBE message, header included.
     * @param offset      of the message.
     * @param length      of the message in bytes.
     */
    void dispatch(long timestampNs, long sessionId, DirectBuffer buffer, int offset, int length);

    /**
     * Write a snapshot of the engine state that includes every event up to this journal index.
     *
     * @param journalIndex of the last event applied.
     * @param timestampNs  engine time of the snapshot.
     */
    void snapshot(long journalIndex, long timestampNs);

    /**
     * The engine's own counters, read on the engine stage's thread to copy them into the gateway's counters.
     *
     * @return the engine's metrics, or null if this engine keeps none.
     */
    default EngineMetrics metrics()
    {
        return null;
    }
}
