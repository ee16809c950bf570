package io.ripple.engine;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The coordination state machine: agents' signals in, routing decisions out.
 * <p>
 * <b>Threading.</b> Single-threaded: every method must be called from one thread at a time, with a happens-before
 * edge between callers if the thread changes (the Disruptor's consumer sequence gives one). Nothing is locked and
 * nothing is volatile.
 * <p>
 * <b>Time.</b> The engine never reads a clock. Every method takes the event's own {@code timestampNs} and uses it as
 * <i>now</i>, so replaying the same events gives the same answers bit for bit. Times are expected not to go
 * backwards; if they do, ages are clamped at zero and prediction falls back to a slower exact path.
 * <p>
 * <b>Errors.</b> Methods return null on success and an {@link ErrorCode} on rejection. A rejected event changes
 * nothing except the rejection counter in {@link #metrics()}.
 * <p>
 * <b>Allocation.</b> Signals for known agents, selections, scores, state queries and predictions do not allocate.
 * A new agent's history starts at {@value #INITIAL_HISTORY_ENTRIES} entries and doubles up to the configured history
 * size, an agent's first LOAD signal allocates its LOAD ring of {@value OverloadPredictor#LOAD_RING_ENTRIES} entries,
 * and a pool's member list doubles as it fills; slots of evicted agents keep their arrays for the next agent.
 * <p>
 * <b>Layout.</b> Agents are interned into dense slots. Each slot owns a block of {@value #BLOCK_LONGS} longs holding
 * presence flags and the in-flight count, then for each signal type the acceptance time, TTL, value, confidence and
 * reciprocal TTL, so scoring one agent reads at most four adjacent cache lines, and one or two for an agent that
 * reports only LOAD. Doubles are stored as their raw bits.
 */
public final class CoordinationEngine
{
    /**
     * Longest TTL accepted: 24 hours.
     */
    public static final long MAX_TTL_MS = 24L * 60 * 60 * 1000;

    /**
     * Score of a type with no live signal, and of an agent the engine does not track.
     */
    public static final double NEUTRAL_SCORE = 0.5;

    static final int BLOCK_LONGS = 32;
    static final int FLAGS = 0;
    static final int IN_FLIGHT = 1;
    static final int FIRST_TYPE = 2;
    static final int TYPE_LONGS = 5;
    static final int ACCEPTED_AT = 0;
    static final int TTL_NS = 1;
    static final int VALUE = 2;
    static final int CONFIDENCE = 3;
    static final int INVERSE_TTL = 4;
    static final long PRESENT_BITS = 0x3F;
    static final long WARNED_BIT = 1L << 8;
    static final long HISTORY_UNORDERED_BIT = 1L << 9;
    static final long BOUND_FRESH_BIT = 1L << 10;
    static final int BOUND_LONGS = 4;
    static final int BOUND_BASE = 0;
    static final int BOUND_SLOPE = 1;
    static final int BOUND_FROM = 2;
    static final int BOUND_STAMP = 3;

    static final int INITIAL_HISTORY_ENTRIES = HistoryRing.INITIAL_ENTRIES;

    static final byte FREE = 0;
    static final byte LIVE = 1;
    static final byte DORMANT = 2;

    private static final int LOAD = SignalType.LOAD.id();
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final int NONE = -1;
    private static final int INVALID_ID = -2;
    private static final int SNAPSHOT_MAGIC = 0x454C5052;
    private static final byte SNAPSHOT_VERSION = 1;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    /**
     * Added to every bound on a routing score, far above the rounding error of a sum of seven terms in [-1, 1] and
     * far below any difference between two scores that matters.
     */
    private static final double BOUND_MARGIN = 1e-12;

    private final EngineConfig config;
    private final EngineListener listener;
    private final EngineMetrics metrics = new EngineMetrics();
    private final int capacity;
    private final int historySize;
    private final int maxCandidates;
    private final int maxK;
    private final int maxBatch;
    private final int sweepBudget;
    private final boolean overloadWarnings;
    private final long warningHorizonMs;
    private final double warningThreshold;

    private final AsciiIdIndex agentIndex;
    private final long[] blocks;
    private final byte[] slotStates;
    private final long[][] histories;
    private final int[] historyHeads;
    private final int[] historyCounts;
    private final long[][] loadRings;
    private final int[] loadRingHeads;
    private final int[] loadsInHistory;
    private final long[] poolMasks;
    private final int poolWords;
    private final int[] dormantPrev;
    private final int[] dormantNext;
    private final int[] freeSlots;
    private final int[] selectEpochs;
    private final long[] bounds;
    private int dormantHead = NONE;
    private int dormantTail = NONE;
    private int freeCount;
    private int highWater;
    private int sweepCursor;
    private int selectEpoch;
    private long boundStamp;
    private int profileDefinitions;

    private final PoolTable pools;
    private final ProfileTable profiles;

    private final int[] candidateSlots;
    private final long[] memoWords;
    private final int[] memoLengths;
    private int memoCount = NONE;
    private long memoAgentChanges;
    private long agentChanges;
    private final double[] topScores;
    private final int[] topIndexes;
    private final int[] topSlots;
    private final long[] topInFlights;
    private final double[] inlineWeights = new double[SignalType.COUNT];
    private final OverloadPredictor predictor = new OverloadPredictor();
    private final AsciiIdView listenerView = new AsciiIdView();

    private int packedLength;
    private int packedHash;
    private int scoringProfile;
    private boolean scoringNeutral;
    private boolean scoringPenalised;
    private double[] scoringWeights;
    private int scoringTypes;
    private double[] scoringFactors;

    /**
     * Build an engine with the default configuration and no listener.
     */
    public CoordinationEngine()
    {
        this(new EngineConfig(), EngineListener.NO_OP);
    }

    /**
     * Build an engine, allocating every fixed-size structure up front.
     *
     * @param config   sizes and limits, validated and copied.
     * @param listener receives overload warnings on the engine's thread; null for none.
     * @throws IllegalArgumentException if the configuration is invalid.
     */
    public CoordinationEngine(final EngineConfig config, final EngineListener listener)
    {
        this.config = config.copy().validate();
        this.listener = null == listener ? EngineListener.NO_OP : listener;

        capacity = config.agentCapacity();
        historySize = config.historySize();
        maxCandidates = config.maxCandidates();
        maxK = config.maxK();
        maxBatch = config.maxBatch();
        sweepBudget = config.sweepBudget();
        overloadWarnings = config.overloadWarnings();
        warningHorizonMs = config.warningHorizonMs();
        warningThreshold = config.warningThreshold();

        agentIndex = new AsciiIdIndex(capacity, config.hashSeed());
        blocks = new long[capacity * BLOCK_LONGS];
        slotStates = new byte[capacity];
        histories = new long[capacity][];
        historyHeads = new int[capacity];
        historyCounts = new int[capacity];
        loadRings = new long[capacity][];
        loadRingHeads = new int[capacity];
        loadsInHistory = new int[capacity];
        poolWords = (config.maxPools() + 63) >>> 6;
        poolMasks = new long[capacity * poolWords];
        dormantPrev = new int[capacity];
        dormantNext = new int[capacity];
        freeSlots = new int[capacity];
        selectEpochs = new int[capacity];
        bounds = new long[capacity * BOUND_LONGS];

        pools = new PoolTable(config.maxPools(), config.maxPoolMembers(), config.hashSeed() + 1);
        profiles = new ProfileTable(config.maxProfiles(), config.hashSeed() + 2);

        candidateSlots = new int[Math.max(maxCandidates, maxBatch)];
        memoWords = new long[candidateSlots.length * AsciiIdIndex.WORDS];
        memoLengths = new int[candidateSlots.length];
        topScores = new double[maxK];
        topIndexes = new int[maxK];
        topSlots = new int[maxK];
        topInFlights = new long[maxK];
    }

    /**
     * Configuration the engine was built with.
     *
     * @return a copy of the configuration.
     */
    public EngineConfig config()
    {
        return config.copy();
    }

    /**
     * Live counters, owned by the engine; read them on the engine's thread.
     *
     * @return the metrics.
     */
    public EngineMetrics metrics()
    {
        return metrics;
    }

    /**
     * Apply a signal, given its type by wire id so that unknown ids are rejected rather than failing to decode.
     *
     * @param timestampNs event time, used as now and as the signal's acceptance time.
     * @param agentId     agent id; a new agent is created.
     * @param typeId      wire id of the {@link SignalType}.
     * @param value       in [0, 1].
     * @param confidence  in [0, 1].
     * @param ttlMs       time-to-live, 1 ms to 24 h.
     * @param traceId     caller's trace id; carried by the journal, not retained by the engine.
     * @return null if accepted, else the reason.
     * @see #onSignal(long, CharSequence, SignalType, double, double, long, long)
     */
    public ErrorCode onSignal(
        final long timestampNs,
        final CharSequence agentId,
        final int typeId,
        final double value,
        final double confidence,
        final long ttlMs,
        final long traceId)
    {
        return onSignal(timestampNs, agentId, SignalType.get(typeId), value, confidence, ttlMs, traceId);
    }

    /**
     * Apply a signal: it becomes the agent's current signal of its type, enters the agent's history ring, and a LOAD
     * signal resets the agent's in-flight count and is checked for an overload warning.
     * <p>
     * Checks are made in this order: agent id, type, value (NaN, infinite, range), confidence (finite, range), TTL
     * (positive, at most 24 h), then agent capacity.
     *
     * @param timestampNs event time, used as now and as the signal's acceptance time.
     * @param agentId     agent id, 1 to 64 characters from {@code [A-Za-z0-9._:@/-]}; a new agent is created.
     * @param type        signal type.
     * @param value       in [0, 1].
     * @param confidence  in [0, 1].
     * @param ttlMs       time-to-live, 1 ms to 24 h.
     * @param traceId     caller's trace id; carried by the journal, not retained by the engine.
     * @return null if accepted, else the reason.
     */
    public ErrorCode onSignal(
        final long timestampNs,
        final CharSequence agentId,
        final SignalType type,
        final double value,
        final double confidence,
        final long ttlMs,
        final long traceId)
    {
        final int found = findAgent(agentId);
        final ErrorCode error = validateSignal(found, type, value, confidence, ttlMs);
        if (null != error)
        {
            return reject(error);
        }

        final int slot = acquireAgent(found);
        if (slot < 0)
        {
            return reject(ErrorCode.AGENT_CAPACITY_EXCEEDED);
        }

        final int typeId = type.id();
        final long ttlNs = ttlMs * NANOS_PER_MILLI;
        final long[] blocks = this.blocks;
        final int base = slot * BLOCK_LONGS;
        final int offset = typeOffset(base, typeId);
        blocks[offset + ACCEPTED_AT] = timestampNs;
        blocks[offset + TTL_NS] = ttlNs;
        blocks[offset + VALUE] = Double.doubleToRawLongBits(value);
        blocks[offset + CONFIDENCE] = Double.doubleToRawLongBits(confidence);
        blocks[offset + INVERSE_TTL] = Double.doubleToRawLongBits(1.0 / ttlNs);
        blocks[base + FLAGS] = (blocks[base + FLAGS] | 1L << typeId) & (typeId == LOAD ? ~0L : ~BOUND_FRESH_BIT);

        appendHistory(slot, timestampNs, typeId, value);
        metrics.signalsByType[typeId]++;

        if (typeId == LOAD)
        {
            blocks[base + IN_FLIGHT] = 0;
            if (overloadWarnings)
            {
                checkOverload(timestampNs, slot);
            }
        }

        return null;
    }

    /**
     * Make an agent known without a signal, so that it keeps its in-flight count and can be queried. Like any agent
     * it is evicted by a sweep while it has no live signal and no pool. Registering a tracked agent does nothing.
     *
     * @param timestampNs event time.
     * @param agentId     agent id.
     * @return null on success, else {@link ErrorCode#INVALID_AGENT_ID} or
     * {@link ErrorCode#AGENT_CAPACITY_EXCEEDED}.
     */
    public ErrorCode registerAgent(final long timestampNs, final CharSequence agentId)
    {
        final int existing = findAgent(agentId);
        if (existing == INVALID_ID)
        {
            return reject(ErrorCode.INVALID_AGENT_ID);
        }

        if (existing < 0)
        {
            if (acquireAgent(existing) < 0)
            {
                return reject(ErrorCode.AGENT_CAPACITY_EXCEEDED);
            }
            metrics.registrations++;
        }
        else if (slotStates[existing] == DORMANT)
        {
            reviveDormant(existing);
        }

        return null;
    }

    /**
     * Add an agent to a pool, creating the agent (as if registered) and the pool as needed. Joining a pool the agent
     * is already in does nothing. A pool member is never evicted.
     *
     * @param timestampNs event time.
     * @param agentId     agent id.
     * @param poolName    pool name, 1 to 64 characters from {@code [A-Za-z0-9._:@/-]}.
     * @return null on success, else the reason: {@link ErrorCode#INVALID_AGENT_ID},
     * {@link ErrorCode#INVALID_POOL_NAME}, {@link ErrorCode#POOL_CAPACITY_EXCEEDED} (too many pools or members) or
     * {@link ErrorCode#AGENT_CAPACITY_EXCEEDED}.
     */
    public ErrorCode joinPool(final long timestampNs, final CharSequence agentId, final CharSequence poolName)
    {
        int slot = findAgent(agentId);
        if (slot == INVALID_ID)
        {
            return reject(ErrorCode.INVALID_AGENT_ID);
        }

        int pool = pools.lookup(poolName);
        if (pool == PoolTable.INVALID_NAME)
        {
            return reject(ErrorCode.INVALID_POOL_NAME);
        }

        if (pool < 0 ? !pools.hasRoom() : pools.isFull(pool))
        {
            return reject(ErrorCode.POOL_CAPACITY_EXCEEDED);
        }

        if (slot < 0 && !hasRoomForAgent())
        {
            return reject(ErrorCode.AGENT_CAPACITY_EXCEEDED);
        }

        if (pool >= 0 && slot >= 0 && slotStates[slot] == LIVE && isMember(slot, pool))
        {
            return null;
        }

        if (slot < 0)
        {
            slot = acquireAgent(slot);
            metrics.registrations++;
        }
        else if (slotStates[slot] == DORMANT)
        {
            reviveDormant(slot);
        }

        if (pool < 0)
        {
            pool = pools.createLookedUp();
        }

        pools.addMember(pool, slot);
        poolMasks[slot * poolWords + (pool >>> 6)] |= 1L << (pool & 63);

        return null;
    }

    /**
     * Remove an agent from a pool, keeping the join order of the others. The pool ceases to exist when its last
     * member leaves. The agent becomes evictable if it has no other pool and no live signal.
     *
     * @param timestampNs event time.
     * @param agentId     agent id.
     * @param poolName    pool name.
     * @return null on success, else {@link ErrorCode#INVALID_AGENT_ID}, {@link ErrorCode#INVALID_POOL_NAME},
     * {@link ErrorCode#UNKNOWN_POOL} or {@link ErrorCode#NOT_IN_POOL}.
     */
    public ErrorCode leavePool(final long timestampNs, final CharSequence agentId, final CharSequence poolName)
    {
        final int slot = findAgent(agentId);
        if (slot == INVALID_ID)
        {
            return reject(ErrorCode.INVALID_AGENT_ID);
        }

        final int pool = pools.lookup(poolName);
        if (pool < 0)
        {
            return reject(pool == PoolTable.INVALID_NAME ? ErrorCode.INVALID_POOL_NAME : ErrorCode.UNKNOWN_POOL);
        }

        if (slot < 0 || slotStates[slot] != LIVE || !isMember(slot, pool))
        {
            return reject(ErrorCode.NOT_IN_POOL);
        }

        poolMasks[slot * poolWords + (pool >>> 6)] &= ~(1L << (pool & 63));
        pools.removeMember(pool, slot);

        return null;
    }

    /**
     * Define or redefine an operator weight profile. The built-in {@code default} and {@code reference} cannot be
     * redefined.
     *
     * @param timestampNs     event time.
     * @param name            profile name, 1 to 64 characters from {@code [A-Za-z0-9._:@/-]}.
     * @param model           scoring model.
     * @param weights         six weights indexed by {@link SignalType#id()}: finite, non-negative, positive sum;
     *                        copied.
     * @param inFlightPenalty fraction of load score lost per selection in flight, in [0, 1).
     * @return null on success, else {@link ErrorCode#INVALID_PROFILE}, {@link ErrorCode#INVALID_WEIGHTS} or
     * {@link ErrorCode#PROFILE_CAPACITY_EXCEEDED}.
     */
    public ErrorCode defineProfile(
        final long timestampNs,
        final CharSequence name,
        final ScoringModel model,
        final double[] weights,
        final double inFlightPenalty)
    {
        final ErrorCode error = profiles.define(name, model, weights, inFlightPenalty);
        if (null != error)
        {
            return reject(error);
        }

        scoringWeights = null;
        profileDefinitions++;
        return null;
    }

    /**
     * Choose the best k agents from explicit candidates or a pool, best first, and count one selection in flight for
     * each chosen agent that the engine tracks.
     * <p>
     * Ties go to the candidate that comes first in the request (or in pool join order), except that under a profile
     * with an in-flight penalty an exact tie first goes to the agent with fewer selections in flight (which keeps a
     * long burst spreading once penalised load scores underflow the routing score). k must lie between 1 and
     * the number of candidates (or pool members), the engine's maximum k and the result's capacity. A candidate
     * listed twice is considered once, so fewer than k agents may come back. Candidates the engine does not track
     * score 0.5 everywhere, are not created, and carry no in-flight count.
     *
     * @param timestampNs event time, used as now for every score.
     * @param request     candidates or pool, profile or weights, and k.
     * @param result      where the answer is written; its capacity bounds k.
     * @return null on success, else the reason: {@link ErrorCode#UNKNOWN_PROFILE},
     * {@link ErrorCode#INVALID_WEIGHTS}, {@link ErrorCode#K_OUT_OF_RANGE}, {@link ErrorCode#INVALID_POOL_NAME},
     * {@link ErrorCode#UNKNOWN_POOL}, {@link ErrorCode#EMPTY_CANDIDATES}, {@link ErrorCode#TOO_MANY_CANDIDATES} or
     * {@link ErrorCode#INVALID_AGENT_ID} (see {@link SelectionResult#errorIndex()}).
     */
    public ErrorCode select(final long timestampNs, final SelectRequest request, final SelectionResult result)
    {
        final ScoreRows rows = result.rows;
        rows.reset();

        ErrorCode error = resolveScoring(request.options);
        if (null == error)
        {
            final int k = request.k;
            if (k < 1 || k > maxK || k > rows.capacity())
            {
                error = ErrorCode.K_OUT_OF_RANGE;
            }
            else if (request.poolLength != ScoringOptions.NOT_SET)
            {
                error = selectFromPool(timestampNs, request, k, rows);
            }
            else
            {
                error = selectFromCandidates(timestampNs, request.candidates, k, rows);
            }
        }

        if (null != error)
        {
            return reject(error);
        }

        metrics.selections++;
        return null;
    }

    /**
     * Score a batch of agents, in request order. Agents the engine does not track score 0.5 and are not created.
     *
     * @param timestampNs event time, used as now.
     * @param request     agents and profile or weights.
     * @param result      where the rows are written.
     * @return null on success, else {@link ErrorCode#UNKNOWN_PROFILE}, {@link ErrorCode#INVALID_WEIGHTS},
     * {@link ErrorCode#BATCH_TOO_LARGE} or {@link ErrorCode#INVALID_AGENT_ID} (see {@link ScoresResult#errorIndex()}).
     */
    public ErrorCode scores(final long timestampNs, final ScoresRequest request, final ScoresResult result)
    {
        final ScoreRows rows = result.rows;
        rows.reset();

        final ErrorCode error = resolveScoring(request.options);
        if (null != error)
        {
            return reject(error);
        }

        final AsciiIdList agents = request.agents;
        final int count = agents.count();
        if (count > maxBatch || count > agents.capacity() || count > rows.capacity())
        {
            return reject(ErrorCode.BATCH_TOO_LARGE);
        }

        if (!resolveIds(agents, rows))
        {
            return reject(ErrorCode.INVALID_AGENT_ID);
        }

        final long[] ids = agents.words();
        final long[] rowIds = rows.idWords();
        for (int i = 0; i < count; i++)
        {
            final int slot = candidateSlots[i];
            final int length = agents.length(i);
            System.arraycopy(ids, AsciiIdList.offset(i), rowIds, ScoreRows.idOffset(i), AsciiIdIndex.words(length));
            if (slot < 0)
            {
                writeRow(rows, i, length, i, slot, NEUTRAL_SCORE, timestampNs);
            }
            else
            {
                scoreRow(rows, i, length, slot, timestampNs);
            }
        }
        rows.count = count;
        metrics.scoreQueries++;

        return null;
    }

    /**
     * Full state of one tracked agent, scored with the {@code default} profile.
     *
     * @param timestampNs event time, used as now for ages and scores.
     * @param agentId     agent id.
     * @param view        where the state is written.
     * @return null on success, else {@link ErrorCode#INVALID_AGENT_ID} or {@link ErrorCode#UNKNOWN_AGENT}.
     */
    public ErrorCode agentState(final long timestampNs, final CharSequence agentId, final AgentStateView view)
    {
        return agentState(timestampNs, agentId, null, view);
    }

    /**
     * Full state of one tracked agent: every current signal, scores under a profile, pools, in-flight count and
     * history size.
     *
     * @param timestampNs event time, used as now for ages and scores.
     * @param agentId     agent id.
     * @param profileName profile to score with, null or empty for {@code default}.
     * @param view        where the state is written.
     * @return null on success, else {@link ErrorCode#INVALID_AGENT_ID}, {@link ErrorCode#UNKNOWN_PROFILE} or
     * {@link ErrorCode#UNKNOWN_AGENT}.
     */
    public ErrorCode agentState(
        final long timestampNs, final CharSequence agentId, final CharSequence profileName, final AgentStateView view)
    {
        final int slot = findAgent(agentId);
        if (slot == INVALID_ID)
        {
            return reject(ErrorCode.INVALID_AGENT_ID);
        }

        int profile = ProfileTable.DEFAULT_PROFILE;
        if (null != profileName && profileName.length() > 0)
        {
            profile = profiles.find(profileName);
            if (profile < 0)
            {
                return reject(ErrorCode.UNKNOWN_PROFILE);
            }
        }

        if (slot < 0 || slotStates[slot] != LIVE)
        {
            return reject(ErrorCode.UNKNOWN_AGENT);
        }

        useWeights(profiles.weights[profile]);
        selectScoring(profile);
        fillState(timestampNs, slot, view);
        metrics.stateQueries++;

        return null;
    }

    /**
     * Predict whether an agent will be overloaded, with the reference service's algorithm: the agent's last 10 LOAD
     * signals from its history (at least 3, else not overloaded with probability 0), a least-squares line of value
     * against seconds since the first of them, extrapolated {@code horizonMs} beyond the last and clamped to [0, 1];
     * if they all share one timestamp, the last value. An agent the engine has never seen, or whose history is
     * empty, is not overloaded with probability 0; an evicted agent's history is still used.
     *
     * @param timestampNs event time.
     * @param agentId     agent id.
     * @param horizonMs   how far ahead to predict, positive.
     * @param threshold   load above which the agent is overloaded, in [0, 1].
     * @param out         where the prediction is written.
     * @return null on success, else {@link ErrorCode#INVALID_AGENT_ID}, {@link ErrorCode#INVALID_HORIZON} or
     * {@link ErrorCode#INVALID_THRESHOLD}.
     */
    public ErrorCode predictOverload(
        final long timestampNs,
        final CharSequence agentId,
        final long horizonMs,
        final double threshold,
        final OverloadPrediction out)
    {
        final int slot = findAgent(agentId);
        if (slot == INVALID_ID)
        {
            return reject(ErrorCode.INVALID_AGENT_ID);
        }

        if (horizonMs <= 0)
        {
            return reject(ErrorCode.INVALID_HORIZON);
        }

        if (!(threshold >= 0.0 && threshold <= 1.0))
        {
            return reject(ErrorCode.INVALID_THRESHOLD);
        }

        if (slot < 0)
        {
            out.set(false, 0.0, 0);
        }
        else
        {
            predict(slot, horizonMs, threshold);
            out.set(predictor.willOverload, predictor.probability, predictor.sampleCount);
        }
        metrics.predictions++;

        return null;
    }

    /**
     * One bounded step of the expiry sweep: examine the next {@link EngineConfig#sweepBudget()} agent slots, drop
     * signals whose age exceeds their TTL, and evict agents left with no live signal and no pool. The cursor carries
     * over between calls, so successive timer events cover every slot in turn without ever stalling the ring.
     * <p>
     * An evicted agent stops being tracked (its in-flight count is dropped) but, as in the reference service, its
     * signal history is kept for overload prediction until its slot is needed for a new agent, oldest eviction first.
     *
     * @param timestampNs event time, used as now.
     * @return the number of signals expired plus agents evicted, 0 if there was nothing to do.
     */
    public int onTimer(final long timestampNs)
    {
        metrics.timerEvents++;
        final int limit = highWater;
        if (limit == 0)
        {
            return 0;
        }

        final byte[] slotStates = this.slotStates;
        final int steps = Math.min(sweepBudget, limit);
        int cursor = sweepCursor;
        int work = 0;
        for (int i = 0; i < steps; i++)
        {
            final int slot = cursor;
            if (++cursor >= limit)
            {
                cursor = 0;
            }

            if (slotStates[slot] == LIVE)
            {
                work += sweepSlot(slot, timestampNs);
            }
        }
        sweepCursor = cursor;

        return work;
    }

    /**
     * Sweep every slot once, as consecutive timer events would, for offline tools that replay a trace's sweep in
     * one step. Not for the ring: its cost grows with the number of agents.
     *
     * @param timestampNs event time, used as now.
     * @return the number of signals expired plus agents evicted.
     */
    public int sweepAll(final long timestampNs)
    {
        int work = 0;
        int remaining = highWater;
        do
        {
            work += onTimer(timestampNs);
            remaining -= sweepBudget;
        }
        while (remaining > 0);

        return work;
    }

    /**
     * Is the agent tracked (live)?
     *
     * @param agentId agent id.
     * @return true if tracked.
     */
    public boolean isTracked(final CharSequence agentId)
    {
        final int slot = findAgent(agentId);
        return slot >= 0 && slotStates[slot] == LIVE;
    }

    /**
     * Number of agents tracked.
     *
     * @return the count.
     */
    public int agentCount()
    {
        return metrics.agentsTracked;
    }

    /**
     * Number of pools that exist.
     *
     * @return the count.
     */
    public int poolCount()
    {
        return pools.count();
    }

    /**
     * Number of profiles, built-in included.
     *
     * @return the count.
     */
    public int profileCount()
    {
        return profiles.count();
    }

    /**
     * Exact number of bytes {@link #writeSnapshot(MutableDirectBuffer, int)} will write now.
     *
     * @return the length in bytes.
     */
    public int snapshotLength()
    {
        long length = headerLength() + EngineMetrics.ENCODED_LENGTH;
        length += Integer.BYTES * 5L + (long) freeCount * Integer.BYTES + (long) metrics.agentsDormant * Integer.BYTES;
        for (int slot = 0; slot < highWater; slot++)
        {
            final byte state = slotStates[slot];
            if (state != FREE)
            {
                length += Integer.BYTES + 2 + agentIndex.keyLength(slot) + BLOCK_LONGS * Long.BYTES + Integer.BYTES +
                    (long) historyCounts[slot] * HistoryRing.ENTRY_BYTES;
            }
        }
        length += pools.encodedLength() + profiles.encodedLength();

        if (length > Integer.MAX_VALUE)
        {
            throw new IllegalStateException("snapshot of " + length + " bytes exceeds 2 GiB");
        }

        return (int) length;
    }

    /**
     * Write the complete state in the engine's binary snapshot format (version {@value #SNAPSHOT_VERSION}): the
     * configuration, metrics, slot allocation, every agent's signals, in-flight count, pools and history, the pools
     * in join order, the operator profiles and the sweep cursor. An engine restored with
     * {@link #fromSnapshot(DirectBuffer, int, int, EngineListener)} answers every later event exactly as this one.
     *
     * @param buffer where to write, with at least {@link #snapshotLength()} bytes from offset.
     * @param offset where to start.
     * @return the number of bytes written.
     */
    public int writeSnapshot(final MutableDirectBuffer buffer, final int offset)
    {
        int position = writeHeader(buffer, offset);
        position += metrics.encode(buffer, position);

        buffer.putInt(position, highWater, ORDER);
        buffer.putInt(position + 4, sweepCursor, ORDER);
        buffer.putInt(position + 8, freeCount, ORDER);
        position += 12;
        for (int i = 0; i < freeCount; i++)
        {
            buffer.putInt(position, freeSlots[i], ORDER);
            position += Integer.BYTES;
        }

        buffer.putInt(position, metrics.agentsDormant, ORDER);
        position += Integer.BYTES;
        for (int slot = dormantHead; slot != NONE; slot = dormantNext[slot])
        {
            buffer.putInt(position, slot, ORDER);
            position += Integer.BYTES;
        }

        buffer.putInt(position, metrics.agentsTracked + metrics.agentsDormant, ORDER);
        position += Integer.BYTES;
        final long[] keys = agentIndex.keys();
        for (int slot = 0; slot < highWater; slot++)
        {
            final byte state = slotStates[slot];
            if (state != FREE)
            {
                buffer.putInt(position, slot, ORDER);
                buffer.putByte(position + 4, state);
                final int length = agentIndex.keyLength(slot);
                buffer.putByte(position + 5, (byte) length);
                position += 6;
                AsciiIdIndex.putAscii(buffer, position, keys, AsciiIdIndex.keyOffset(slot), length);
                position += length;

                final int base = slot * BLOCK_LONGS;
                final long present = blocks[base + FLAGS];
                for (int i = 0; i < BLOCK_LONGS; i++)
                {
                    final int type = (i - FIRST_TYPE) / TYPE_LONGS;
                    final boolean stale = i >= FIRST_TYPE && (present & (1L << type)) == 0;
                    final long word = i == FLAGS ? present & ~BOUND_FRESH_BIT : blocks[base + i];
                    buffer.putLong(position, stale ? 0 : word, ORDER);
                    position += Long.BYTES;
                }

                position += writeHistory(buffer, position, slot);
            }
        }

        position += pools.encode(buffer, position);
        position += profiles.encode(buffer, position);

        return position - offset;
    }

    /**
     * Build an engine from a snapshot written by {@link #writeSnapshot(MutableDirectBuffer, int)}. The engine takes
     * its configuration from the snapshot.
     *
     * @param buffer   holding the snapshot.
     * @param offset   where it starts.
     * @param length   its length in bytes.
     * @param listener for the new engine, null for none.
     * @return the restored engine.
     * @throws IllegalArgumentException if the bytes are not a valid snapshot of a supported version.
     */
    public static CoordinationEngine fromSnapshot(
        final DirectBuffer buffer, final int offset, final int length, final EngineListener listener)
    {
        if (length < headerLength())
        {
            throw new IllegalArgumentException("snapshot too short: " + length);
        }

        if (buffer.getInt(offset, ORDER) != SNAPSHOT_MAGIC)
        {
            throw new IllegalArgumentException("not a Ripple engine snapshot");
        }

        final byte version = buffer.getByte(offset + 4);
        if (version != SNAPSHOT_VERSION)
        {
            throw new IllegalArgumentException("unsupported snapshot version " + version);
        }

        final EngineConfig config = readConfig(buffer, offset);
        final CoordinationEngine engine = new CoordinationEngine(config, listener);
        try
        {
            final int read = engine.readState(buffer, offset + headerLength());
            if (headerLength() + read != length)
            {
                throw new IllegalArgumentException("snapshot length " + length + " but " +
                    (headerLength() + read) + " bytes were read");
            }
        }
        catch (final IndexOutOfBoundsException ex)
        {
            throw new IllegalArgumentException("truncated snapshot", ex);
        }

        return engine;
    }

    private ErrorCode reject(final ErrorCode error)
    {
        metrics.rejectionsByCode[error.ordinal()]++;
        return error;
    }

    private static ErrorCode validateSignal(
        final int found, final SignalType type, final double value, final double confidence, final long ttlMs)
    {
        if (found == INVALID_ID)
        {
            return ErrorCode.INVALID_AGENT_ID;
        }

        if (null == type)
        {
            return ErrorCode.UNKNOWN_SIGNAL_TYPE;
        }

        if (!(value >= 0.0 && value <= 1.0))
        {
            if (Double.isNaN(value))
            {
                return ErrorCode.VALUE_NAN;
            }

            return Double.isInfinite(value) ? ErrorCode.VALUE_INFINITE : ErrorCode.VALUE_OUT_OF_RANGE;
        }

        if (!(confidence >= 0.0 && confidence <= 1.0))
        {
            return Double.isNaN(confidence) || Double.isInfinite(confidence) ?
                ErrorCode.CONFIDENCE_NOT_FINITE : ErrorCode.CONFIDENCE_OUT_OF_RANGE;
        }

        if (ttlMs <= 0)
        {
            return ErrorCode.TTL_NOT_POSITIVE;
        }

        return ttlMs > MAX_TTL_MS ? ErrorCode.TTL_TOO_LONG : null;
    }

    private boolean hasRoomForAgent()
    {
        return freeCount > 0 || highWater < capacity || dormantHead != NONE;
    }

    /**
     * Validate and pack an agent id into the index's scratch words, remembering its length and hash for
     * {@link #acquireAgent(int)}, and look it up.
     *
     * @return the slot, -1 if the agent is unknown, or {@link #INVALID_ID}.
     */
    private int findAgent(final CharSequence agentId)
    {
        final AsciiIdIndex agentIndex = this.agentIndex;
        final int length = agentIndex.pack(agentId);
        if (length < 0)
        {
            return INVALID_ID;
        }

        final long[] words = agentIndex.scratch;
        final int hash = agentIndex.hash(words, 0, length);
        packedLength = length;
        packedHash = hash;

        return agentIndex.find(words, 0, length, hash);
    }

    /**
     * Take the slot of the agent last looked up by {@link #findAgent(CharSequence)}, reviving it if it was evicted,
     * or create it.
     *
     * @param existing result of the lookup.
     * @return the slot, or -1 if the engine is full.
     */
    private int acquireAgent(final int existing)
    {
        if (existing >= 0)
        {
            if (slotStates[existing] == DORMANT)
            {
                reviveDormant(existing);
            }
            return existing;
        }

        final int slot;
        if (freeCount > 0)
        {
            slot = freeSlots[--freeCount];
        }
        else if (highWater < capacity)
        {
            slot = highWater++;
        }
        else if (dormantHead != NONE)
        {
            slot = dormantHead;
            unlinkDormant(slot);
            agentIndex.remove(slot);
            historyCounts[slot] = 0;
            historyHeads[slot] = 0;
            loadsInHistory[slot] = 0;
            metrics.agentsDormant--;
        }
        else
        {
            return -1;
        }

        agentIndex.put(slot, agentIndex.scratch, 0, packedLength, packedHash);
        slotStates[slot] = LIVE;
        agentChanges++;
        final int base = slot * BLOCK_LONGS;
        blocks[base + FLAGS] = 0;
        blocks[base + IN_FLIGHT] = 0;
        metrics.agentsTracked++;

        return slot;
    }

    private void reviveDormant(final int slot)
    {
        unlinkDormant(slot);
        slotStates[slot] = LIVE;
        agentChanges++;
        metrics.agentsDormant--;
        metrics.agentsTracked++;
    }

    private void unlinkDormant(final int slot)
    {
        final int prev = dormantPrev[slot];
        final int next = dormantNext[slot];
        if (prev == NONE)
        {
            dormantHead = next;
        }
        else
        {
            dormantNext[prev] = next;
        }

        if (next == NONE)
        {
            dormantTail = prev;
        }
        else
        {
            dormantPrev[next] = prev;
        }
    }

    private void linkDormant(final int slot)
    {
        dormantPrev[slot] = dormantTail;
        dormantNext[slot] = NONE;
        if (dormantTail == NONE)
        {
            dormantHead = slot;
        }
        else
        {
            dormantNext[dormantTail] = slot;
        }
        dormantTail = slot;
    }

    private boolean isMember(final int slot, final int pool)
    {
        return (poolMasks[slot * poolWords + (pool >>> 6)] & (1L << (pool & 63))) != 0;
    }

    private boolean inNoPool(final int slot)
    {
        final int start = slot * poolWords;
        for (int w = 0; w < poolWords; w++)
        {
            if (poolMasks[start + w] != 0)
            {
                return false;
            }
        }

        return true;
    }

    private int sweepSlot(final int slot, final long nowNs)
    {
        final long[] blocks = this.blocks;
        final int base = slot * BLOCK_LONGS;
        final long flags = blocks[base + FLAGS];
        long present = flags & PRESENT_BITS;
        int work = 0;
        for (int type = 0; type < SignalType.COUNT; type++)
        {
            final long bit = 1L << type;
            if ((present & bit) != 0)
            {
                final int offset = typeOffset(base, type);
                if (nowNs - blocks[offset + ACCEPTED_AT] > blocks[offset + TTL_NS])
                {
                    present &= ~bit;
                    metrics.expirations++;
                    work++;
                }
            }
        }
        blocks[base + FLAGS] = (flags & ~PRESENT_BITS) | present;

        if (present == 0 && inNoPool(slot))
        {
            evict(slot);
            work++;
        }

        return work;
    }

    private void evict(final int slot)
    {
        final int base = slot * BLOCK_LONGS;
        blocks[base + FLAGS] &= HISTORY_UNORDERED_BIT;
        blocks[base + IN_FLIGHT] = 0;
        metrics.evictions++;
        metrics.agentsTracked--;
        agentChanges++;

        if (historyCounts[slot] > 0)
        {
            slotStates[slot] = DORMANT;
            linkDormant(slot);
            metrics.agentsDormant++;
        }
        else
        {
            slotStates[slot] = FREE;
            agentIndex.remove(slot);
            freeSlots[freeCount++] = slot;
        }
    }

    private void appendHistory(final int slot, final long timestampNs, final int typeId, final double value)
    {
        long[] history = histories[slot];
        final int count = historyCounts[slot];
        int head = historyHeads[slot];
        int entries = null == history ? 0 : HistoryRing.entries(history);

        if (count > 0)
        {
            final int newest = (head == 0 ? entries : head) - 1;
            if (timestampNs < history[newest * HistoryRing.ENTRY_LONGS])
            {
                blocks[slot * BLOCK_LONGS + FLAGS] |= HISTORY_UNORDERED_BIT;
            }
        }

        if (count == entries && entries < historySize)
        {
            entries = Math.min(historySize, Math.max(INITIAL_HISTORY_ENTRIES, entries * 2));
            history = HistoryRing.grow(history, count, entries);
            histories[slot] = history;
            head = count;
        }

        if (count == entries && HistoryRing.type(history, entries, head) == LOAD)
        {
            loadsInHistory[slot]--;
        }

        final int base = head * HistoryRing.ENTRY_LONGS;
        final long valueBits = Double.doubleToRawLongBits(value);
        history[base] = timestampNs;
        history[base + HistoryRing.VALUE] = valueBits;
        HistoryRing.setType(history, entries, head, typeId);

        historyHeads[slot] = ++head == entries ? 0 : head;
        if (count < entries)
        {
            historyCounts[slot] = count + 1;
        }

        if (typeId == LOAD)
        {
            appendLoad(slot, timestampNs, valueBits);
        }
    }

    /**
     * Keep a LOAD signal in the agent's LOAD ring as well, so that prediction reads the newest LOAD signals without
     * walking past the other types in the history. {@link #loadsInHistory} counts the LOAD entries still in the
     * history ring; only that many of the ring's newest entries are used.
     */
    private void appendLoad(final int slot, final long timestampNs, final long valueBits)
    {
        long[] loads = loadRings[slot];
        if (null == loads)
        {
            loads = new long[OverloadPredictor.LOAD_RING_ENTRIES * OverloadPredictor.LOAD_ENTRY];
            loadRings[slot] = loads;
        }

        final int head = loadRingHeads[slot];
        final int base = head * OverloadPredictor.LOAD_ENTRY;
        loads[base] = timestampNs;
        loads[base + HistoryRing.VALUE] = valueBits;
        loadRingHeads[slot] = (head + 1) & (OverloadPredictor.LOAD_RING_ENTRIES - 1);
        loadsInHistory[slot]++;
    }

    private void predict(final int slot, final long horizonMs, final double threshold)
    {
        final boolean ordered = (blocks[slot * BLOCK_LONGS + FLAGS] & HISTORY_UNORDERED_BIT) == 0;
        if (ordered && predictor.fitNewestLoads(
            loadRings[slot],
            loadRingHeads[slot],
            Math.min(loadsInHistory[slot], OverloadPredictor.LOAD_RING_ENTRIES),
            horizonMs,
            threshold))
        {
            return;
        }

        predictor.predict(histories[slot], historyHeads[slot], historyCounts[slot], ordered, horizonMs, threshold);
    }

    private void checkOverload(final long timestampNs, final int slot)
    {
        predict(slot, warningHorizonMs, warningThreshold);

        final int flagsIndex = slot * BLOCK_LONGS + FLAGS;
        final long flags = blocks[flagsIndex];
        if (predictor.willOverload)
        {
            if ((flags & WARNED_BIT) == 0)
            {
                blocks[flagsIndex] = flags | WARNED_BIT;
                metrics.warnings++;
                listener.onOverloadWarning(
                    timestampNs,
                    listenerView.wrap(agentIndex.keys(), AsciiIdIndex.keyOffset(slot), agentIndex.keyLength(slot)),
                    predictor.probability,
                    warningThreshold);
            }
        }
        else if ((flags & WARNED_BIT) != 0)
        {
            blocks[flagsIndex] = flags & ~WARNED_BIT;
        }
    }

    private ErrorCode resolveScoring(final ScoringOptions options)
    {
        int profile = ProfileTable.DEFAULT_PROFILE;
        if (options.profileLength != ScoringOptions.NOT_SET)
        {
            profile = profiles.find(options.profileWords, 0, options.profileLength);
            if (profile < 0)
            {
                return ErrorCode.UNKNOWN_PROFILE;
            }
        }

        if (options.hasWeights)
        {
            if (options.weightsMalformed || !ProfileTable.validWeights(options.weights))
            {
                return ErrorCode.INVALID_WEIGHTS;
            }
            ProfileTable.normalise(options.weights, inlineWeights);
            useWeights(inlineWeights);
            boundStamp = 0;
        }
        else
        {
            useWeights(profiles.weights[profile]);
            boundStamp = ((long) profileDefinitions << 32) | (profile + 1);
        }

        selectScoring(profile);

        return null;
    }

    /**
     * Take the weights to score with, and note which types other than LOAD have a weight, so that the routing score
     * visits only types that both have a weight and are present. The note is kept while the same profile's weights
     * are used again; {@link #defineProfile(long, CharSequence, ScoringModel, double[], double)} drops it, as it may
     * rewrite them.
     */
    private void useWeights(final double[] weights)
    {
        if (weights == scoringWeights && weights != inlineWeights)
        {
            return;
        }

        int types = 0;
        for (int type = 1; type < SignalType.COUNT; type++)
        {
            if (weights[type] != 0.0)
            {
                types |= 1 << type;
            }
        }
        scoringWeights = weights;
        scoringTypes = types;
    }

    private void selectScoring(final int profile)
    {
        scoringProfile = profile;
        scoringNeutral = profiles.models[profile] == ScoringModel.NEUTRAL;
        scoringPenalised = profiles.penalties[profile] != 0.0;
        scoringFactors = profiles.factors[profile];
    }

    /**
     * Validate and look up every id of a list into {@link #candidateSlots}, -1 for an agent not tracked. A router
     * usually asks about the same candidates again and again, so the ids of the list last looked up are kept beside
     * their slots: if the next list has the same ids in the same order and no agent has been created, evicted or
     * revived since, the slots are still right and the lookups are skipped. Comparing the packed ids costs a
     * fraction of hashing and probing them.
     *
     * @return false if an id is invalid, with its index recorded in the rows.
     */
    private boolean resolveIds(final AsciiIdList ids, final ScoreRows rows)
    {
        final int count = ids.count();
        if (count == memoCount && memoAgentChanges == agentChanges && sameIdsAsMemo(ids, count))
        {
            return true;
        }

        memoCount = NONE;
        final long[] words = ids.words();
        final int[] slots = candidateSlots;
        final byte[] slotStates = this.slotStates;
        final AsciiIdIndex agentIndex = this.agentIndex;
        for (int i = 0; i < count; i++)
        {
            final int length = ids.length(i);
            if (length < 0)
            {
                rows.errorIndex = i;
                return false;
            }

            final int offset = AsciiIdList.offset(i);
            final int slot = agentIndex.find(words, offset, length, agentIndex.hash(words, offset, length));
            slots[i] = slot >= 0 && slotStates[slot] == LIVE ? slot : -1;
        }

        final long[] memoWords = this.memoWords;
        final int[] memoLengths = this.memoLengths;
        for (int i = 0; i < count; i++)
        {
            final int length = ids.length(i);
            final int offset = AsciiIdList.offset(i);
            memoLengths[i] = length;
            for (int w = 0, n = AsciiIdIndex.words(length); w < n; w++)
            {
                memoWords[offset + w] = words[offset + w];
            }
        }
        memoCount = count;
        memoAgentChanges = agentChanges;

        return true;
    }

    private boolean sameIdsAsMemo(final AsciiIdList ids, final int count)
    {
        final long[] words = ids.words();
        final long[] memoWords = this.memoWords;
        final int[] memoLengths = this.memoLengths;
        for (int i = 0; i < count; i++)
        {
            final int length = ids.length(i);
            if (length != memoLengths[i])
            {
                return false;
            }

            final int offset = AsciiIdList.offset(i);
            for (int w = 0, n = AsciiIdIndex.words(length); w < n; w++)
            {
                if (words[offset + w] != memoWords[offset + w])
                {
                    return false;
                }
            }
        }

        return true;
    }

    private ErrorCode selectFromCandidates(
        final long timestampNs, final AsciiIdList candidates, final int k, final ScoreRows rows)
    {
        final int count = candidates.count();
        if (count == 0)
        {
            return ErrorCode.EMPTY_CANDIDATES;
        }

        if (count > maxCandidates || count > candidates.capacity())
        {
            return ErrorCode.TOO_MANY_CANDIDATES;
        }

        if (k > count)
        {
            return ErrorCode.K_OUT_OF_RANGE;
        }

        if (!resolveIds(candidates, rows))
        {
            return ErrorCode.INVALID_AGENT_ID;
        }

        final int epoch = nextSelectEpoch();
        final int[] slots = candidateSlots;
        final int[] selectEpochs = this.selectEpochs;
        final double[] topScores = this.topScores;
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            final int slot = slots[i];
            final double score;
            final long inFlight;
            if (slot >= 0)
            {
                if (selectEpochs[slot] == epoch)
                {
                    continue;
                }
                selectEpochs[slot] = epoch;
                if (kept == k && candidateBound(slot, timestampNs) < topScores[k - 1])
                {
                    continue;
                }
                score = routingScore(slot, timestampNs);
                inFlight = blocks[slot * BLOCK_LONGS + IN_FLIGHT];
            }
            else
            {
                score = NEUTRAL_SCORE;
                inFlight = 0;
            }

            if (kept == k && !ranksBefore(score, inFlight, k - 1))
            {
                continue;
            }

            if (slot < 0 && isUntrackedDuplicate(candidates, i, kept))
            {
                continue;
            }

            kept = insertTop(kept, k, i, slot, score, inFlight);
        }

        final long[] ids = candidates.words();
        final long[] rowIds = rows.idWords();
        for (int rank = 0; rank < kept; rank++)
        {
            final int index = topIndexes[rank];
            final int slot = topSlots[rank];
            final int length = candidates.length(index);
            System.arraycopy(
                ids, AsciiIdList.offset(index), rowIds, ScoreRows.idOffset(rank), AsciiIdIndex.words(length));
            writeRow(rows, rank, length, index, slot, topScores[rank], timestampNs);
        }
        rows.count = kept;
        countInFlight(rows, kept);

        return null;
    }

    private ErrorCode selectFromPool(
        final long timestampNs, final SelectRequest request, final int k, final ScoreRows rows)
    {
        final int nameLength = request.poolLength;
        if (nameLength < 0)
        {
            return ErrorCode.INVALID_POOL_NAME;
        }

        final long[] name = request.poolWords;
        final int pool = pools.find(name, 0, nameLength, pools.names.hash(name, 0, nameLength));
        if (pool < 0)
        {
            return ErrorCode.UNKNOWN_POOL;
        }

        final int[] members = pools.members[pool];
        final int count = pools.memberCounts[pool];
        if (k > count)
        {
            return ErrorCode.K_OUT_OF_RANGE;
        }

        final double[] topScores = this.topScores;
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            final int slot = members[i];
            if (kept == k && candidateBound(slot, timestampNs) < topScores[k - 1])
            {
                continue;
            }

            final double score = routingScore(slot, timestampNs);
            final long inFlight = blocks[slot * BLOCK_LONGS + IN_FLIGHT];
            if (kept < k || ranksBefore(score, inFlight, k - 1))
            {
                kept = insertTop(kept, k, i, slot, score, inFlight);
            }
        }

        final long[] rowIds = rows.idWords();
        for (int rank = 0; rank < kept; rank++)
        {
            final int slot = topSlots[rank];
            final int length = agentIndex.copyKey(slot, rowIds, ScoreRows.idOffset(rank));
            writeRow(rows, rank, length, topIndexes[rank], slot, topScores[rank], timestampNs);
        }
        rows.count = kept;
        countInFlight(rows, kept);

        return null;
    }

    /**
     * Does a candidate rank before the one kept at a position? A higher routing score wins. Under a profile with an
     * in-flight penalty an exact tie goes to the agent with fewer selections in flight, so that a burst keeps
     * spreading even once the penalised load scores are too small to move the routing score; otherwise, and
     * between equals, the candidate kept earlier wins.
     */
    private boolean ranksBefore(final double score, final long inFlight, final int position)
    {
        final double other = topScores[position];
        return score > other || (score == other && scoringPenalised && inFlight < topInFlights[position]);
    }

    private int insertTop(
        final int kept, final int k, final int index, final int slot, final double score, final long inFlight)
    {
        final double[] topScores = this.topScores;
        final int[] topIndexes = this.topIndexes;
        final int[] topSlots = this.topSlots;
        final long[] topInFlights = this.topInFlights;
        int position = Math.min(kept, k - 1) - 1;
        while (position >= 0 && ranksBefore(score, inFlight, position))
        {
            topScores[position + 1] = topScores[position];
            topIndexes[position + 1] = topIndexes[position];
            topSlots[position + 1] = topSlots[position];
            topInFlights[position + 1] = topInFlights[position];
            position--;
        }
        topScores[position + 1] = score;
        topIndexes[position + 1] = index;
        topSlots[position + 1] = slot;
        topInFlights[position + 1] = inFlight;

        return kept < k ? kept + 1 : kept;
    }

    private boolean isUntrackedDuplicate(final AsciiIdList candidates, final int index, final int kept)
    {
        for (int rank = 0; rank < kept; rank++)
        {
            if (topSlots[rank] < 0 && candidates.sameId(topIndexes[rank], index))
            {
                return true;
            }
        }

        return false;
    }

    private int nextSelectEpoch()
    {
        if (++selectEpoch == Integer.MAX_VALUE)
        {
            Arrays.fill(selectEpochs, 0);
            selectEpoch = 1;
        }

        return selectEpoch;
    }

    private void countInFlight(final ScoreRows rows, final int kept)
    {
        for (int rank = 0; rank < kept; rank++)
        {
            final int slot = topSlots[rank];
            if (slot >= 0)
            {
                rows.inFlight(rank, ++blocks[slot * BLOCK_LONGS + IN_FLIGHT]);
            }
        }
    }

    private void writeRow(
        final ScoreRows rows,
        final int row,
        final int idLength,
        final int requestIndex,
        final int slot,
        final double routingScore,
        final long nowNs)
    {
        if (slot < 0)
        {
            rows.row(row, idLength, requestIndex, routingScore, 0, false);
            for (int type = 0; type < SignalType.COUNT; type++)
            {
                rows.typeScore(row, type, NEUTRAL_SCORE);
            }
            return;
        }

        final long inFlight = blocks[slot * BLOCK_LONGS + IN_FLIGHT];
        rows.row(row, idLength, requestIndex, routingScore, inFlight, true);
        for (int type = 0; type < SignalType.COUNT; type++)
        {
            rows.typeScore(row, type, typeScore(slot, type, nowNs, scoringNeutral, scoringProfile));
        }
    }

    /**
     * Write a tracked agent's per-type scores and derive its routing score from them, summing in the order and with
     * the values {@link #routingScore(int, long)} uses, so the result is the same double with half the decays.
     */
    private void scoreRow(final ScoreRows rows, final int row, final int idLength, final int slot, final long nowNs)
    {
        final long[] blocks = this.blocks;
        final double[] weights = scoringWeights;
        final boolean neutral = scoringNeutral;
        final int base = slot * BLOCK_LONGS;
        final int present = (int) blocks[base + FLAGS];

        double total = NEUTRAL_SCORE;
        for (int type = 1; type < SignalType.COUNT; type++)
        {
            final double score = (present & (1 << type)) != 0 ?
                signalScore(blocks, typeOffset(base, type), nowNs, false, neutral) : NEUTRAL_SCORE;
            rows.typeScore(row, type, score);
            if (weights[type] != 0.0)
            {
                total += weights[type] * (score - NEUTRAL_SCORE);
            }
        }

        final double load = penalisedLoad(
            (present & 1) != 0 ? signalScore(blocks, typeOffset(base, LOAD), nowNs, true, neutral) : NEUTRAL_SCORE,
            blocks[base + IN_FLIGHT]);
        rows.typeScore(row, LOAD, load);
        if (weights[LOAD] != 0.0)
        {
            total += weights[LOAD] * (load - NEUTRAL_SCORE);
        }

        final double routing = total < 0.0 ? 0.0 : (total > 1.0 ? 1.0 : total);
        rows.row(row, idLength, row, routing, blocks[slot * BLOCK_LONGS + IN_FLIGHT], true);
    }

    /**
     * Routing score of a tracked agent under the scoring chosen by {@link #resolveScoring(ScoringOptions)}:
     * {@code 0.5 + sum(w * (s - 0.5))} with weights normalised to sum to 1, which equals {@code sum(w * s)} and lets
     * types with no live signal or no weight be skipped.
     */
    private double routingScore(final int slot, final long nowNs)
    {
        final long[] blocks = this.blocks;
        final double[] weights = scoringWeights;
        final boolean neutral = scoringNeutral;
        final int base = slot * BLOCK_LONGS;
        final long flags = blocks[base + FLAGS];
        final long inFlight = blocks[base + IN_FLIGHT];

        double total = NEUTRAL_SCORE;
        int scored = (int) flags & scoringTypes;
        while (scored != 0)
        {
            final int type = Integer.numberOfTrailingZeros(scored);
            scored &= scored - 1;
            final double score = signalScore(blocks, typeOffset(base, type), nowNs, false, neutral);
            total += weights[type] * (score - NEUTRAL_SCORE);
        }

        final int present = (int) flags;
        final double loadWeight = weights[LOAD];
        if (loadWeight != 0.0)
        {
            final double load = penalisedLoad((present & 1) != 0 ?
                signalScore(blocks, typeOffset(base, LOAD), nowNs, true, neutral) : NEUTRAL_SCORE, inFlight);
            total += loadWeight * (load - NEUTRAL_SCORE);
        }

        return total < 0.0 ? 0.0 : (total > 1.0 ? 1.0 : total);
    }

    /**
     * An upper bound of {@link #routingScore(int, long)} for a selection to compare with the last score it keeps.
     * Under a named profile it comes from a bound cached per agent, linear in time, for the types other than LOAD,
     * plus a bound of the LOAD score computed afresh, since LOAD reports and selections change it most often; the
     * cache is rebuilt when the agent receives another signal or is scored under another profile. With weights given
     * in the request it is {@link #routingScoreBound(int, long)}. An agent scored on LOAD alone gets no bound (an
     * infinite one): its exact score costs no more than the bound would.
     */
    private double candidateBound(final int slot, final long nowNs)
    {
        final long stamp = boundStamp;
        if (stamp == 0)
        {
            return routingScoreBound(slot, nowNs);
        }

        final long[] blocks = this.blocks;
        final long[] bounds = this.bounds;
        final int base = slot * BLOCK_LONGS;
        final int at = slot * BOUND_LONGS;
        final long flags = blocks[base + FLAGS];
        if (((int) flags & scoringTypes) == 0)
        {
            return Double.POSITIVE_INFINITY;
        }

        if ((flags & BOUND_FRESH_BIT) == 0 || bounds[at + BOUND_STAMP] != stamp)
        {
            cacheBound(slot, nowNs, stamp);
        }

        if (nowNs < bounds[at + BOUND_FROM])
        {
            return routingScoreBound(slot, nowNs);
        }

        double bound = Double.longBitsToDouble(bounds[at + BOUND_BASE]) +
            Double.longBitsToDouble(bounds[at + BOUND_SLOPE]) * (double) (nowNs - bounds[at + BOUND_FROM]);

        final double loadWeight = scoringWeights[LOAD];
        if (loadWeight != 0.0)
        {
            final double load = (flags & 1) != 0 ?
                signalScoreBound(blocks, typeOffset(base, LOAD), nowNs, true, scoringNeutral) : NEUTRAL_SCORE;
            bound += loadWeight * (penalisedLoad(load, blocks[base + IN_FLIGHT]) - NEUTRAL_SCORE);
        }

        return bound;
    }

    /**
     * Cache the bound of the types other than LOAD as {@code base + slope * (t - from)}, valid for every time
     * {@code t >= from}, where {@code from} is now or the latest time a signal was accepted, if later. Under the
     * neutral model a type with a positive gain {@code g = (v - 0.5) * c} adds at most {@code g}; one with a negative
     * gain adds {@code g * exp(-3a/T) <= g * (1 - 3a/T)}, which is linear in time, and once the signal expires and adds
     * nothing the line is already above zero. Under the reference model a type adds at most
     * {@code max(0, v * c - 0.5)}. A type already expired at {@code from} adds nothing until the next signal, which
     * drops the cache.
     */
    private void cacheBound(final int slot, final long nowNs, final long stamp)
    {
        final long[] blocks = this.blocks;
        final double[] weights = scoringWeights;
        final boolean neutral = scoringNeutral;
        final int base = slot * BLOCK_LONGS;
        final int present = (int) blocks[base + FLAGS] & scoringTypes;

        long from = nowNs;
        for (int scored = present; scored != 0; scored &= scored - 1)
        {
            from = Math.max(from, blocks[typeOffset(base, Integer.numberOfTrailingZeros(scored)) + ACCEPTED_AT]);
        }

        double bound = NEUTRAL_SCORE + BOUND_MARGIN;
        double slope = 0.0;
        for (int scored = present; scored != 0; scored &= scored - 1)
        {
            final int type = Integer.numberOfTrailingZeros(scored);
            final int offset = typeOffset(base, type);
            final long ageNs = from - blocks[offset + ACCEPTED_AT];
            if (ageNs > blocks[offset + TTL_NS])
            {
                continue;
            }

            final double value = Double.longBitsToDouble(blocks[offset + VALUE]);
            final double confidence = Double.longBitsToDouble(blocks[offset + CONFIDENCE]);
            if (neutral)
            {
                final double gain = (value - NEUTRAL_SCORE) * confidence;
                if (gain >= 0.0)
                {
                    bound += weights[type] * gain;
                }
                else
                {
                    final double fall = 3.0 * Double.longBitsToDouble(blocks[offset + INVERSE_TTL]);
                    bound += weights[type] * gain * (1.0 - fall * ageNs);
                    slope -= weights[type] * gain * fall;
                }
            }
            else
            {
                final double gain = value * confidence - NEUTRAL_SCORE;
                if (gain > 0.0)
                {
                    bound += weights[type] * gain;
                }
            }
        }

        final long[] bounds = this.bounds;
        final int at = slot * BOUND_LONGS;
        bounds[at + BOUND_BASE] = Double.doubleToRawLongBits(bound);
        bounds[at + BOUND_SLOPE] = Double.doubleToRawLongBits(slope);
        bounds[at + BOUND_FROM] = from;
        bounds[at + BOUND_STAMP] = stamp;
        blocks[base + FLAGS] |= BOUND_FRESH_BIT;
    }

    /**
     * An upper bound of {@link #routingScore(int, long)}, cheaper to compute since it takes no decay, so that a
     * selection can pass over a candidate that cannot rank before the last one it keeps. Each type is bounded by
     * {@link #signalScoreBound}; a LOAD bound takes the in-flight factor as the score does, which keeps the bound tight
     * for the agents a burst of selections has already hit. Weights are never negative and rounding is monotonic, so
     * the sum of the bounds, plus a margin for rounding, bounds the sum of the scores.
     */
    private double routingScoreBound(final int slot, final long nowNs)
    {
        final long[] blocks = this.blocks;
        final double[] weights = scoringWeights;
        final boolean neutral = scoringNeutral;
        final int base = slot * BLOCK_LONGS;
        final int present = (int) blocks[base + FLAGS];

        double bound = NEUTRAL_SCORE + BOUND_MARGIN;
        int scored = present & scoringTypes;
        while (scored != 0)
        {
            final int type = Integer.numberOfTrailingZeros(scored);
            scored &= scored - 1;
            bound += weights[type] * (signalScoreBound(blocks, typeOffset(base, type), nowNs, false, neutral) -
                NEUTRAL_SCORE);
        }

        final double loadWeight = weights[LOAD];
        if (loadWeight != 0.0)
        {
            final double load = (present & 1) != 0 ?
                signalScoreBound(blocks, typeOffset(base, LOAD), nowNs, true, neutral) : NEUTRAL_SCORE;
            bound += loadWeight * (penalisedLoad(load, blocks[base + IN_FLIGHT]) - NEUTRAL_SCORE);
        }

        return bound;
    }

    /**
     * An upper bound of {@link #signalScore}, from the linear bounds of the decay of a live signal,
     * {@code 1 - y <= exp(-y) <= 1}: the score moves from its undecayed value towards 0.5 as the signal ages, and
     * whichever way it moves, one of the two bounds of the decay bounds it. Under the neutral model the larger of
     * {@code gain} and {@code gain * (1 - y)} is written as {@code gain * (1 - y/2) + |gain| * y/2}, without a
     * branch: the sign of a gain is random from one candidate to the next, and a mispredicted branch per type costs
     * more than the arithmetic. An expired signal scores 0.5 exactly.
     * The decay's own error (below 4e-14) is inside the margin of {@link #routingScoreBound(int, long)}.
     */
    private static double signalScoreBound(
        final long[] blocks, final int offset, final long nowNs, final boolean isLoad, final boolean neutral)
    {
        final long ageNs = liveAgeNs(blocks, offset, nowNs);
        if (ageNs < 0)
        {
            return NEUTRAL_SCORE;
        }

        final double value = Double.longBitsToDouble(blocks[offset + VALUE]);
        final double confidence = Double.longBitsToDouble(blocks[offset + CONFIDENCE]);
        if (neutral)
        {
            final double gain = (isLoad ? NEUTRAL_SCORE - value : value - NEUTRAL_SCORE) * confidence;
            final double halfY =
                1.5 * FastDecay.toDouble(ageNs) * Double.longBitsToDouble(blocks[offset + INVERSE_TTL]);

            return NEUTRAL_SCORE + gain * (1.0 - halfY) + halfY * Math.abs(gain);
        }

        if (!isLoad)
        {
            return value * confidence;
        }

        final double y = FastDecay.toDouble(ageNs) * Double.longBitsToDouble(blocks[offset + INVERSE_TTL]);
        return 1.0 - value * confidence * (1.0 - y);
    }

    /**
     * A LOAD score times the in-flight factor {@code (1 - penalty)^n} of the scoring profile. Without a penalty every
     * factor is exactly 1, so the score is returned as it is.
     */
    private double penalisedLoad(final double load, final long inFlight)
    {
        if (inFlight == 0 || !scoringPenalised)
        {
            return load;
        }

        return load * (inFlight < ProfileTable.FACTOR_RADIX ?
            scoringFactors[(int) inFlight] : profiles.inFlightFactor(scoringProfile, inFlight));
    }

    private double typeScore(final int slot, final int type, final long nowNs, final boolean neutral, final int profile)
    {
        final int base = slot * BLOCK_LONGS;
        final boolean present = (blocks[base + FLAGS] & (1L << type)) != 0;
        double score = present ?
            signalScore(blocks, typeOffset(base, type), nowNs, type == LOAD, neutral) : NEUTRAL_SCORE;

        if (type == LOAD)
        {
            final long inFlight = blocks[base + IN_FLIGHT];
            if (inFlight != 0)
            {
                score *= profiles.inFlightFactor(profile, inFlight);
            }
        }

        return score;
    }

    private static int typeOffset(final int base, final int type)
    {
        return base + FIRST_TYPE + type * TYPE_LONGS;
    }

    /**
     * Age of a current signal, 0 if it was accepted after now, or -1 once it has expired.
     */
    private static long liveAgeNs(final long[] blocks, final int offset, final long nowNs)
    {
        final long ageNs = Math.max(0, nowNs - blocks[offset + ACCEPTED_AT]);
        return ageNs > blocks[offset + TTL_NS] ? -1 : ageNs;
    }

    /**
     * Score of one current signal, 0.5 once expired.
     */
    private static double signalScore(
        final long[] blocks, final int offset, final long nowNs, final boolean isLoad, final boolean neutral)
    {
        final long ageNs = liveAgeNs(blocks, offset, nowNs);
        if (ageNs < 0)
        {
            return NEUTRAL_SCORE;
        }

        final double x = FastDecay.toDouble(ageNs) * Double.longBitsToDouble(blocks[offset + INVERSE_TTL]);
        final double value = Double.longBitsToDouble(blocks[offset + VALUE]);
        final double confidence = Double.longBitsToDouble(blocks[offset + CONFIDENCE]);
        if (neutral)
        {
            final double decay = FastDecay.expNegLiveTimesThree(x);
            return NEUTRAL_SCORE + (isLoad ? NEUTRAL_SCORE - value : value - NEUTRAL_SCORE) * confidence * decay;
        }

        final double decay = FastDecay.expNegLive(x);
        return isLoad ? 1.0 - value * confidence * decay : value * confidence * decay;
    }

    private void fillState(final long nowNs, final int slot, final AgentStateView view)
    {
        view.idLength = agentIndex.copyKey(slot, view.idWords, 0);

        final long[] blocks = this.blocks;
        final int base = slot * BLOCK_LONGS;
        final long flags = blocks[base + FLAGS];
        for (int type = 0; type < SignalType.COUNT; type++)
        {
            final int offset = typeOffset(base, type);
            final boolean present = (flags & (1L << type)) != 0;
            view.present[type] = present;
            if (present)
            {
                final long ageNs = Math.max(0, nowNs - blocks[offset + ACCEPTED_AT]);
                final long ttlNs = blocks[offset + TTL_NS];
                final boolean expired = ageNs > ttlNs;
                view.values[type] = Double.longBitsToDouble(blocks[offset + VALUE]);
                view.confidences[type] = Double.longBitsToDouble(blocks[offset + CONFIDENCE]);
                view.acceptedAtNs[type] = blocks[offset + ACCEPTED_AT];
                view.agesNs[type] = ageNs;
                view.ttlsNs[type] = ttlNs;
                view.expired[type] = expired;
                final double x = ageNs * Double.longBitsToDouble(blocks[offset + INVERSE_TTL]);
                view.decayFactors[type] = expired ? 0.0 : FastDecay.expNeg(scoringNeutral ? 3.0 * x : x);
            }
            else
            {
                view.values[type] = Double.NaN;
                view.confidences[type] = Double.NaN;
                view.acceptedAtNs[type] = 0;
                view.agesNs[type] = 0;
                view.ttlsNs[type] = 0;
                view.expired[type] = false;
                view.decayFactors[type] = 0.0;
            }
        }

        view.model = profiles.models[scoringProfile];
        for (int type = 0; type < SignalType.COUNT; type++)
        {
            view.typeScores[type] = typeScore(slot, type, nowNs, scoringNeutral, scoringProfile);
        }
        view.routingScore = routingScore(slot, nowNs);

        view.inFlight = blocks[base + IN_FLIGHT];
        view.historySize = historyCounts[slot];

        int poolCount = 0;
        final int stored = view.poolCapacity();
        for (int w = 0; w < poolWords; w++)
        {
            long word = poolMasks[slot * poolWords + w];
            while (word != 0)
            {
                final int pool = (w << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
                if (poolCount < stored)
                {
                    view.poolNameLengths[poolCount] = pools.names.copyKey(
                        pool, view.poolNameWords, poolCount * AsciiIdIndex.WORDS);
                }
                poolCount++;
            }
        }
        view.poolCount = poolCount;
    }

    private int writeHistory(final MutableDirectBuffer buffer, final int offset, final int slot)
    {
        final int count = historyCounts[slot];
        int position = offset;
        buffer.putInt(position, count, ORDER);
        position += Integer.BYTES;

        if (count > 0)
        {
            final long[] history = histories[slot];
            final int entries = HistoryRing.entries(history);
            int entry = historyHeads[slot] - count;
            if (entry < 0)
            {
                entry += entries;
            }

            for (int i = 0; i < count; i++)
            {
                final int base = entry * HistoryRing.ENTRY_LONGS;
                buffer.putLong(position, history[base], ORDER);
                buffer.putLong(position + Long.BYTES, history[base + HistoryRing.VALUE], ORDER);
                buffer.putByte(position + 2 * Long.BYTES, (byte) HistoryRing.type(history, entries, entry));
                position += HistoryRing.ENTRY_BYTES;
                if (++entry == entries)
                {
                    entry = 0;
                }
            }
        }

        return position - offset;
    }

    private int readHistory(final DirectBuffer buffer, final int offset, final int slot)
    {
        int position = offset;
        final int count = buffer.getInt(position, ORDER);
        position += Integer.BYTES;
        if (count < 0 || count > historySize)
        {
            throw new IllegalArgumentException("snapshot has history of " + count + " entries");
        }

        historyCounts[slot] = count;
        historyHeads[slot] = 0;
        loadsInHistory[slot] = 0;
        if (count > 0)
        {
            int entries = INITIAL_HISTORY_ENTRIES;
            while (entries < count)
            {
                entries *= 2;
            }
            entries = Math.min(entries, historySize);

            final long[] history = HistoryRing.allocate(entries);
            for (int entry = 0; entry < count; entry++)
            {
                final int type = buffer.getByte(position + 2 * Long.BYTES);
                if (type < 0 || type >= SignalType.COUNT)
                {
                    throw new IllegalArgumentException("snapshot has a history entry of type " + type);
                }
                history[entry * HistoryRing.ENTRY_LONGS] = buffer.getLong(position, ORDER);
                history[entry * HistoryRing.ENTRY_LONGS + HistoryRing.VALUE] =
                    buffer.getLong(position + Long.BYTES, ORDER);
                HistoryRing.setType(history, entries, entry, type);
                position += HistoryRing.ENTRY_BYTES;
                if (type == LOAD)
                {
                    appendLoad(slot, history[entry * HistoryRing.ENTRY_LONGS],
                        history[entry * HistoryRing.ENTRY_LONGS + HistoryRing.VALUE]);
                }
            }
            histories[slot] = history;
            historyHeads[slot] = count == entries ? 0 : count;
        }

        return position - offset;
    }

    private static int headerLength()
    {
        return 8 + 10 * Integer.BYTES + 3 * Long.BYTES;
    }

    private int writeHeader(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putInt(offset, SNAPSHOT_MAGIC, ORDER);
        buffer.putByte(offset + 4, SNAPSHOT_VERSION);
        buffer.putByte(offset + 5, (byte) 0);
        buffer.putShort(offset + 6, (short) 0, ORDER);

        int position = offset + 8;
        final int[] limits =
        {
            config.agentCapacity(), config.historySize(), config.maxCandidates(), config.maxK(), config.maxPools(),
            config.maxPoolMembers(), config.maxProfiles(), config.sweepBudget(), config.maxBatch(),
            config.overloadWarnings() ? 1 : 0
        };
        for (final int limit : limits)
        {
            buffer.putInt(position, limit, ORDER);
            position += Integer.BYTES;
        }
        buffer.putLong(position, config.warningHorizonMs(), ORDER);
        buffer.putDouble(position + 8, config.warningThreshold(), ORDER);
        buffer.putLong(position + 16, config.hashSeed(), ORDER);
        position += 24;

        return position;
    }

    private static EngineConfig readConfig(final DirectBuffer buffer, final int offset)
    {
        final int position = offset + 8;
        return new EngineConfig()
            .agentCapacity(buffer.getInt(position, ORDER))
            .historySize(buffer.getInt(position + 4, ORDER))
            .maxCandidates(buffer.getInt(position + 8, ORDER))
            .maxK(buffer.getInt(position + 12, ORDER))
            .maxPools(buffer.getInt(position + 16, ORDER))
            .maxPoolMembers(buffer.getInt(position + 20, ORDER))
            .maxProfiles(buffer.getInt(position + 24, ORDER))
            .sweepBudget(buffer.getInt(position + 28, ORDER))
            .maxBatch(buffer.getInt(position + 32, ORDER))
            .overloadWarnings(buffer.getInt(position + 36, ORDER) != 0)
            .warningHorizonMs(buffer.getLong(position + 40, ORDER))
            .warningThreshold(buffer.getDouble(position + 48, ORDER))
            .hashSeed(buffer.getLong(position + 56, ORDER));
    }

    private int readState(final DirectBuffer buffer, final int offset)
    {
        int position = offset;
        position += metrics.decode(buffer, position);

        highWater = buffer.getInt(position, ORDER);
        sweepCursor = buffer.getInt(position + 4, ORDER);
        freeCount = buffer.getInt(position + 8, ORDER);
        position += 12;
        if (highWater < 0 || highWater > capacity || freeCount < 0 || freeCount > highWater ||
            sweepCursor < 0 || (sweepCursor >= highWater && highWater > 0))
        {
            throw new IllegalArgumentException("snapshot has invalid slot allocation");
        }
        for (int i = 0; i < freeCount; i++)
        {
            freeSlots[i] = checkSlot(buffer.getInt(position, ORDER));
            position += Integer.BYTES;
        }

        final int dormantCount = buffer.getInt(position, ORDER);
        position += Integer.BYTES;
        if (dormantCount < 0 || dormantCount > highWater)
        {
            throw new IllegalArgumentException("snapshot has invalid dormant count");
        }
        for (int i = 0; i < dormantCount; i++)
        {
            linkDormant(checkSlot(buffer.getInt(position, ORDER)));
            position += Integer.BYTES;
        }

        final int agentCount = buffer.getInt(position, ORDER);
        position += Integer.BYTES;
        int live = 0;
        int dormant = 0;
        final long[] id = new long[AsciiIdIndex.WORDS];
        for (int i = 0; i < agentCount; i++)
        {
            final int slot = checkSlot(buffer.getInt(position, ORDER));
            final byte state = buffer.getByte(position + 4);
            final int byteLength = buffer.getByte(position + 5);
            position += 6;
            final int length = AsciiIdIndex.getAscii(buffer, position, byteLength, id, 0);
            if ((state != LIVE && state != DORMANT) || length < 0 || slotStates[slot] != FREE)
            {
                throw new IllegalArgumentException("snapshot has an invalid agent at slot " + slot);
            }
            position += length;
            final int hash = agentIndex.hash(id, 0, length);
            if (agentIndex.find(id, 0, length, hash) >= 0)
            {
                throw new IllegalArgumentException("snapshot has an invalid agent id at slot " + slot);
            }
            agentIndex.put(slot, id, 0, length, hash);
            slotStates[slot] = state;

            final int base = slot * BLOCK_LONGS;
            for (int j = 0; j < BLOCK_LONGS; j++)
            {
                blocks[base + j] = buffer.getLong(position, ORDER);
                position += Long.BYTES;
            }
            if (state == LIVE)
            {
                live++;
            }
            else
            {
                dormant++;
            }

            position += readHistory(buffer, position, slot);
        }

        if (live != metrics.agentsTracked || dormant != metrics.agentsDormant || dormant != dormantCount)
        {
            throw new IllegalArgumentException("snapshot agent counts do not match its metrics");
        }

        position += pools.decode(buffer, position, poolMasks, poolWords);
        position += profiles.decode(buffer, position);

        return position - offset;
    }

    private int checkSlot(final int slot)
    {
        if (slot < 0 || slot >= highWater)
        {
            throw new IllegalArgumentException("snapshot has slot " + slot + " outside [0, " + highWater + ")");
        }

        return slot;
    }
}
