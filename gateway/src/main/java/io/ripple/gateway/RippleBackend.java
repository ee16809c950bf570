package io.ripple.gateway;

import io.ripple.gateway.ring.CommandEngine;
import io.ripple.gateway.ring.EngineResponses;
import io.ripple.gateway.ring.EventJournal;

/**
 * The journal and the engine behind the ring. {@link #open} recovers the engine (newest snapshot plus journal
 * replay) and opens the journal for appending, before the server accepts any traffic.
 */
public interface RippleBackend
{
    /**
     * Recover state and open the journal.
     *
     * @param config    server settings (journal directory, engine limits).
     * @param responses where the engine puts its answers.
     * @return the opened journal and engine.
     * @throws Exception if recovery or opening fails; the server does not start.
     */
    Opened open(GatewayConfig config, EngineResponses responses) throws Exception;

    /**
     * A recovered engine and an open journal.
     */
    interface Opened
    {
        /**
         * The journal to append to.
         *
         * @return the journal.
         */
        EventJournal journal();

        /**
         * The recovered engine.
         *
         * @return the engine.
         */
        CommandEngine engine();

        /**
         * Ring sequence for the first new event: one past the last journaled.
         *
         * @return the next ring sequence.
         */
        long nextRingSequence();

        /**
         * Timestamp of the last journaled event, so that new stamps never go back in time.
         *
         * @return epoch nanoseconds, 0 for an empty journal.
         */
        long lastTimestampNs();

        /**
         * One line on what recovery did, for the start-up report.
         *
         * @return the summary.
         */
        String recoverySummary();
    }
}
