package io.ripple.gateway.metrics;

/**
 * The server's single-valued figures, each published as an Aeron counter (type {@link #COUNTER_TYPE_ID}, visible to
 * {@code AeronStat} and {@code ripple stat}) and as a Prometheus metric. Families with a label (signals by type,
 * rejections by code, messages in by template) have their own type ids.
 */
public enum GatewayMetric
{
    /** Frames read from the ingress subscriptions. */
    FRAMES_RECEIVED("ripple_frames_received", "frames received", true),
    /** Sessions open now. */
    SESSIONS_OPEN("ripple_sessions_open", "sessions open", false),
    /** Sessions opened since start. */
    SESSIONS_OPENED("ripple_sessions_opened", "sessions opened", true),
    /** Sessions closed for silence. */
    SESSIONS_TIMED_OUT("ripple_sessions_timed_out", "sessions timed out", true),
    /** Clients disconnected because their answers stayed back-pressured. */
    SLOW_CLIENTS_DISCONNECTED("ripple_slow_clients_disconnected", "slow clients disconnected", true),
    /** Answers, acks or warnings dropped because a client's publication was back-pressured. */
    EGRESS_DROPS("ripple_egress_back_pressure_drops", "egress back-pressure drops", true),
    /** Rejections that had no session to answer on. */
    UNANSWERED_REJECTIONS("ripple_unanswered_rejections", "unanswered rejections", true),
    /** Unexpected faults caught by the ingress or a ring stage; see {@code ripple errors}. */
    ERRORS("ripple_errors", "errors", true),
    /** Selections made by the engine. */
    SELECTIONS("ripple_selections", "selections", true),
    /** Score queries answered. */
    SCORE_QUERIES("ripple_score_queries", "score queries", true),
    /** Agent state queries answered. */
    STATE_QUERIES("ripple_state_queries", "state queries", true),
    /** Overload predictions made. */
    PREDICTIONS("ripple_predictions", "predictions", true),
    /** Overload warnings published. */
    WARNINGS("ripple_overload_warnings", "overload warnings", true),
    /** Timer events (sweeps and snapshot triggers) applied. */
    TIMER_EVENTS("ripple_timer_events", "timer events", true),
    /** Signals expired by sweeps. */
    EXPIRATIONS("ripple_signal_expirations", "signal expirations", true),
    /** Agents evicted by sweeps. */
    EVICTIONS("ripple_agent_evictions", "agent evictions", true),
    /** Agents tracked by the engine now. */
    AGENTS_TRACKED("ripple_agents_tracked", "agents tracked", false),
    /** Chronicle index of the last journaled event. */
    JOURNAL_INDEX("ripple_journal_index", "journal index", false),
    /** Message bytes journaled since start. */
    JOURNAL_BYTES("ripple_journal_bytes", "journal bytes", true),
    /** Free bytes of the journal's file system, -1 if unknown. */
    JOURNAL_FREE_BYTES("ripple_journal_free_bytes", "journal free bytes", false),
    /** 1 while the journal's free space is below journal.min-free-mb and requests are refused, else 0. */
    JOURNAL_SPACE_LOW("ripple_journal_space_low", "journal space low", false),
    /** Times the journal's free space fell below journal.min-free-mb. */
    JOURNAL_SPACE_LOW_EPISODES("ripple_journal_space_low_episodes", "journal space low episodes", true),
    /** Age of the last snapshot in milliseconds, -1 before the first since start. */
    SNAPSHOT_AGE_MS("ripple_snapshot_age_ms", "snapshot age ms", false),
    /** Events in the ring not yet through egress. */
    RING_OCCUPANCY("ripple_ring_occupancy", "ring occupancy", false);

    /**
     * Aeron counter type id of the single-valued figures.
     */
    public static final int COUNTER_TYPE_ID = 7300;

    /**
     * Aeron counter type id of the accepted signals by type.
     */
    public static final int SIGNALS_TYPE_ID = 7301;

    /**
     * Aeron counter type id of the rejections by error code.
     */
    public static final int REJECTIONS_TYPE_ID = 7302;

    /**
     * Aeron counter type id of the client messages received by template.
     */
    public static final int MESSAGES_IN_TYPE_ID = 7303;

    private final String prometheusName;
    private final String label;
    private final boolean monotonic;

    GatewayMetric(final String prometheusName, final String label, final boolean monotonic)
    {
        this.prometheusName = prometheusName;
        this.label = label;
        this.monotonic = monotonic;
    }

    /**
     * Name in the Prometheus exposition (counters get {@code _total} appended there).
     *
     * @return the Prometheus name.
     */
    public String prometheusName()
    {
        return prometheusName;
    }

    /**
     * Label of the Aeron counter, after the {@code ripple: } prefix.
     *
     * @return the label.
     */
    public String label()
    {
        return label;
    }

    /**
     * Does the figure only ever rise (a Prometheus counter) rather than go up and down (a gauge)?
     *
     * @return true for a counter.
     */
    public boolean isMonotonic()
    {
        return monotonic;
    }
}
