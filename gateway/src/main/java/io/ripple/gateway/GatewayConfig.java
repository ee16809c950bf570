package io.ripple.gateway;

import io.ripple.codecs.ProtocolLimits;
import io.ripple.gateway.session.CredentialStore;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Settings of a Ripple server, with defaults that behave on a small machine (two cores): no thread busy-spins
 * forever, every stage backs off to parking or blocking when idle. Set before {@link RippleServer#start}; not
 * thread-safe.
 */
public final class GatewayConfig
{
    /**
     * Default Aeron channel for ingress within one host.
     */
    public static final String DEFAULT_IPC_CHANNEL = "aeron:ipc";

    /**
     * Default Aeron stream id of the ingress.
     */
    public static final int DEFAULT_INGRESS_STREAM_ID = 7301;

    private String aeronDirectoryName;
    private boolean ipcEnabled = true;
    private String ipcChannel = DEFAULT_IPC_CHANNEL;
    private final List<String> udpChannels = new ArrayList<>();
    private int ingressStreamId = DEFAULT_INGRESS_STREAM_ID;
    private Path journalDir = Path.of("ripple-data");
    private Path credentialsFile;
    private CredentialStore credentialStore;

    private int ringSize = 8192;
    private int ringThreads = defaultRingThreads();
    private int slotInitialCapacity = 256;
    private int slotRetainedCapacity = 4 * 1024;
    private int maxResponseAreaLength = 1024 * 1024;
    private int maxMessageLength = ProtocolLimits.MAX_MESSAGE_LENGTH;
    private int maxBatchSize = ProtocolLimits.MAX_BATCH_SIZE;
    private int maxCandidates = ProtocolLimits.MAX_CANDIDATES;
    private int maxSessions = 256;
    private int maxSessionsPerPrincipal;
    private int maxAgents = 65_536;

    private long heartbeatIntervalMs = 1_000;
    private long sessionTimeoutMs = 10_000;
    private long slowClientTimeoutMs = 2_000;
    private long sweepIntervalMs = 100;
    private long snapshotIntervalMs = 60_000;
    private long connectReplyTimeoutMs = 2_000;
    private long shutdownDrainTimeoutMs = 10_000;
    private int fragmentLimit = 64;

    private long ringSpinNs = 0;
    private long ringYieldNs = 0;
    private long ringBlockTimeoutNs = 10_000_000;
    private int metricsPort = -1;
    private String metricsBindAddress = "127.0.0.1";
    private long metricsIntervalMs = 100;
    private long journalMinFreeMb = 64;
    private long journalBlockSizeBytes;
    private long sessionRate;
    private long sessionBurst;
    private String ingressIdleStrategyName = "backoff";
    private Supplier<IdleStrategy> ingressIdleStrategy = GatewayConfig::backoffIngressIdleStrategy;

    /**
     * Aeron directory of an external media driver, or null to embed one (the default).
     *
     * @return the Aeron directory or null.
     */
    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    /**
     * Use an external media driver with this Aeron directory; null embeds a driver.
     *
     * @param aeronDirectoryName of the external driver, or null.
     * @return this for a fluent style.
     */
    public GatewayConfig aeronDirectoryName(final String aeronDirectoryName)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        return this;
    }

    /**
     * Is ingress on the IPC channel enabled?
     *
     * @return true if the server listens on {@link #ipcChannel()}.
     */
    public boolean ipcEnabled()
    {
        return ipcEnabled;
    }

    /**
     * Enable or disable ingress on the IPC channel.
     *
     * @param ipcEnabled true to listen on IPC.
     * @return this for a fluent style.
     */
    public GatewayConfig ipcEnabled(final boolean ipcEnabled)
    {
        this.ipcEnabled = ipcEnabled;
        return this;
    }

    /**
     * IPC ingress channel.
     *
     * @return the IPC ingress channel.
     */
    public String ipcChannel()
    {
        return ipcChannel;
    }

    /**
     * UDP ingress channels, such as {@code aeron:udp?endpoint=localhost:40123}; empty by default.
     *
     * @return the UDP channels, modifiable.
     */
    public List<String> udpChannels()
    {
        return udpChannels;
    }

    /**
     * Add a UDP ingress channel.
     *
     * @param channel such as {@code aeron:udp?endpoint=localhost:40123}.
     * @return this for a fluent style.
     */
    public GatewayConfig addUdpChannel(final String channel)
    {
        udpChannels.add(channel);
        return this;
    }

    /**
     * Stream id of every ingress channel.
     *
     * @return the ingress stream id.
     */
    public int ingressStreamId()
    {
        return ingressStreamId;
    }

    /**
     * Stream id of every ingress channel.
     *
     * @param ingressStreamId the ingress stream id.
     * @return this for a fluent style.
     */
    public GatewayConfig ingressStreamId(final int ingressStreamId)
    {
        this.ingressStreamId = ingressStreamId;
        return this;
    }

    /**
     * Directory of the journal and snapshots.
     *
     * @return the journal directory.
     */
    public Path journalDir()
    {
        return journalDir;
    }

    /**
     * Directory of the journal and snapshots; created if absent.
     *
     * @param journalDir the journal directory.
     * @return this for a fluent style.
     */
    public GatewayConfig journalDir(final Path journalDir)
    {
        this.journalDir = journalDir;
        return this;
    }

    /**
     * Credentials file the principals were read from, for the start-up report; may be null when a store was given.
     *
     * @return the credentials file or null.
     */
    public Path credentialsFile()
    {
        return credentialsFile;
    }

    /**
     * Credentials file the principals were read from.
     *
     * @param credentialsFile the credentials file.
     * @return this for a fluent style.
     */
    public GatewayConfig credentialsFile(final Path credentialsFile)
    {
        this.credentialsFile = credentialsFile;
        return this;
    }

    /**
     * Principals the server accepts.
     *
     * @return the credential store.
     */
    public CredentialStore credentialStore()
    {
        return credentialStore;
    }

    /**
     * Principals the server accepts.
     *
     * @param credentialStore the credential store.
     * @return this for a fluent style.
     */
    public GatewayConfig credentialStore(final CredentialStore credentialStore)
    {
        this.credentialStore = credentialStore;
        return this;
    }

    /**
     * Slots in the ring, a power of two.
     *
     * @return slots in the ring.
     */
    public int ringSize()
    {
        return ringSize;
    }

    /**
     * Slots in the ring, a power of two.
     *
     * @param ringSize slots in the ring.
     * @return this for a fluent style.
     */
    public GatewayConfig ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    /**
     * The ingress's {@code backoff} idle strategy, the default: 16 spins, then parks from 100 us doubling to 1 ms.
     * It keeps the server at about a fifth of a core at 10,000 signals/s (each wake is a context switch: parking
     * from 30 us after 64 spins and 16 yields cost a third of a core, measured on this two-core machine), at the
     * price of up to a park's time (plus the timer slack) on a request that finds the ingress asleep. For microsecond
     * answers choose {@code yielding} (a core kept busy, yet given up to any other thread) or, on a dedicated core,
     * {@code busy-spin}.
     *
     * @return a new idle strategy.
     */
    public static IdleStrategy backoffIngressIdleStrategy()
    {
        return new BackoffIdleStrategy(16, 0, 100_000, 1_000_000);
    }

    /**
     * The default for {@link #ringThreads()}: 3 on four cores or more, 0 (inline on the ingress thread) below, where
     * every hand-off to another thread means waking a parked thread and costs more than the overlap gains. The
     * system property {@code ripple.ring.threads} overrides it (for measuring the forms against each other).
     *
     * @return 0 or 3.
     */
    public static int defaultRingThreads()
    {
        final String forced = System.getProperty("ripple.ring.threads");
        if (null != forced)
        {
            return Integer.parseInt(forced);
        }
        return Runtime.getRuntime().availableProcessors() >= 4 ? 3 : 0;
    }

    /**
     * Threads running the ring's stages: 3 (journal, engine and egress each on its own thread), 1 (all three in
     * turn on one ring thread) or 0 (all three in turn on the ingress thread, no hand-off).
     *
     * @return 0, 1 or 3.
     */
    public int ringThreads()
    {
        return ringThreads;
    }

    /**
     * Threads running the ring's stages, 0, 1 or 3.
     *
     * @param ringThreads 0, 1 or 3.
     * @return this for a fluent style.
     */
    public GatewayConfig ringThreads(final int ringThreads)
    {
        this.ringThreads = ringThreads;
        return this;
    }

    /**
     * Bytes each slot's request and response areas start with.
     *
     * @return initial capacity of a slot area in bytes.
     */
    public int slotInitialCapacity()
    {
        return slotInitialCapacity;
    }

    /**
     * Capacity above which a slot area that grew for a large message is replaced by a small one once egress has
     * finished with it, so that a burst of large messages does not pin memory.
     *
     * @return retained capacity of a slot area in bytes.
     */
    public int slotRetainedCapacity()
    {
        return slotRetainedCapacity;
    }

    /**
     * Most bytes of answers one event may produce (a batch with many rejected entries produces many errors).
     *
     * @return the response area limit in bytes.
     */
    public int maxResponseAreaLength()
    {
        return maxResponseAreaLength;
    }

    /**
     * Largest message accepted, header included.
     *
     * @return largest message length in bytes.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * Largest message accepted, at most {@link ProtocolLimits#MAX_MESSAGE_LENGTH}.
     *
     * @param maxMessageLength in bytes.
     * @return this for a fluent style.
     */
    public GatewayConfig maxMessageLength(final int maxMessageLength)
    {
        this.maxMessageLength = maxMessageLength;
        return this;
    }

    /**
     * Most entries in a {@code SignalBatch}.
     *
     * @return the batch limit.
     */
    public int maxBatchSize()
    {
        return maxBatchSize;
    }

    /**
     * Most entries in a {@code SignalBatch}, at most {@link ProtocolLimits#MAX_BATCH_SIZE}.
     *
     * @param maxBatchSize the batch limit.
     * @return this for a fluent style.
     */
    public GatewayConfig maxBatchSize(final int maxBatchSize)
    {
        this.maxBatchSize = maxBatchSize;
        return this;
    }

    /**
     * Most candidates in a {@code Select} or agents in a {@code ScoresQuery}.
     *
     * @return the candidate limit.
     */
    public int maxCandidates()
    {
        return maxCandidates;
    }

    /**
     * Most candidates per request, at most {@link ProtocolLimits#MAX_CANDIDATES}.
     *
     * @param maxCandidates the candidate limit.
     * @return this for a fluent style.
     */
    public GatewayConfig maxCandidates(final int maxCandidates)
    {
        this.maxCandidates = maxCandidates;
        return this;
    }

    /**
     * Most sessions open at once.
     *
     * @return the session limit.
     */
    public int maxSessions()
    {
        return maxSessions;
    }

    /**
     * Most sessions open at once.
     *
     * @param maxSessions the session limit.
     * @return this for a fluent style.
     */
    public GatewayConfig maxSessions(final int maxSessions)
    {
        this.maxSessions = maxSessions;
        return this;
    }

    /**
     * Most sessions one principal may have open at once, so that one set of credentials cannot take every session
     * of the server; 0 for no limit other than {@link #maxSessions()}.
     *
     * @return the limit per principal, 0 for none.
     */
    public int maxSessionsPerPrincipal()
    {
        return maxSessionsPerPrincipal;
    }

    /**
     * Most sessions one principal may have open at once.
     *
     * @param maxSessionsPerPrincipal the limit per principal, 0 for none.
     * @return this for a fluent style.
     */
    public GatewayConfig maxSessionsPerPrincipal(final int maxSessionsPerPrincipal)
    {
        this.maxSessionsPerPrincipal = maxSessionsPerPrincipal;
        return this;
    }

    /**
     * Most agents the engine tracks.
     *
     * @return the agent capacity.
     */
    public int maxAgents()
    {
        return maxAgents;
    }

    /**
     * Most agents the engine tracks.
     *
     * @param maxAgents the agent capacity.
     * @return this for a fluent style.
     */
    public GatewayConfig maxAgents(final int maxAgents)
    {
        this.maxAgents = maxAgents;
        return this;
    }

    /**
     * Interval at which an idle side sends a heartbeat.
     *
     * @return heartbeat interval in milliseconds.
     */
    public long heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }

    /**
     * Interval at which an idle side sends a heartbeat.
     *
     * @param heartbeatIntervalMs in milliseconds.
     * @return this for a fluent style.
     */
    public GatewayConfig heartbeatIntervalMs(final long heartbeatIntervalMs)
    {
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        return this;
    }

    /**
     * Silence after which a session is closed.
     *
     * @return session timeout in milliseconds.
     */
    public long sessionTimeoutMs()
    {
        return sessionTimeoutMs;
    }

    /**
     * Silence after which a session is closed.
     *
     * @param sessionTimeoutMs in milliseconds.
     * @return this for a fluent style.
     */
    public GatewayConfig sessionTimeoutMs(final long sessionTimeoutMs)
    {
        this.sessionTimeoutMs = sessionTimeoutMs;
        return this;
    }

    /**
     * Time a session's response publication may stay back-pressured or unconnected before the client is
     * disconnected.
     *
     * @return slow client timeout in milliseconds.
     */
    public long slowClientTimeoutMs()
    {
        return slowClientTimeoutMs;
    }

    /**
     * Time a session's response publication may stay back-pressured before the client is disconnected.
     *
     * @param slowClientTimeoutMs in milliseconds.
     * @return this for a fluent style.
     */
    public GatewayConfig slowClientTimeoutMs(final long slowClientTimeoutMs)
    {
        this.slowClientTimeoutMs = slowClientTimeoutMs;
        return this;
    }

    /**
     * Interval of expiry sweep timer events.
     *
     * @return sweep interval in milliseconds.
     */
    public long sweepIntervalMs()
    {
        return sweepIntervalMs;
    }

    /**
     * Interval of expiry sweep timer events.
     *
     * @param sweepIntervalMs in milliseconds.
     * @return this for a fluent style.
     */
    public GatewayConfig sweepIntervalMs(final long sweepIntervalMs)
    {
        this.sweepIntervalMs = sweepIntervalMs;
        return this;
    }

    /**
     * Interval of snapshot timer events; 0 takes snapshots only on shutdown.
     *
     * @return snapshot interval in milliseconds.
     */
    public long snapshotIntervalMs()
    {
        return snapshotIntervalMs;
    }

    /**
     * Interval of snapshot timer events; 0 takes snapshots only on shutdown.
     *
     * @param snapshotIntervalMs in milliseconds.
     * @return this for a fluent style.
     */
    public GatewayConfig snapshotIntervalMs(final long snapshotIntervalMs)
    {
        this.snapshotIntervalMs = snapshotIntervalMs;
        return this;
    }

    /**
     * How long the server tries to deliver a {@code ConnectRejected} before it gives up.
     *
     * @return connect reply timeout in milliseconds.
     */
    public long connectReplyTimeoutMs()
    {
        return connectReplyTimeoutMs;
    }

    /**
     * How long the server tries to deliver a {@code ConnectRejected} before it gives up.
     *
     * @param connectReplyTimeoutMs in milliseconds.
     * @return this for a fluent style.
     */
    public GatewayConfig connectReplyTimeoutMs(final long connectReplyTimeoutMs)
    {
        this.connectReplyTimeoutMs = connectReplyTimeoutMs;
        return this;
    }

    /**
     * How long shutdown waits for the ring to drain.
     *
     * @param shutdownDrainTimeoutMs in milliseconds.
     * @return this for a fluent style.
     */
    public GatewayConfig shutdownDrainTimeoutMs(final long shutdownDrainTimeoutMs)
    {
        this.shutdownDrainTimeoutMs = shutdownDrainTimeoutMs;
        return this;
    }

    /**
     * Most fragments the ingress reads from one subscription per duty cycle.
     *
     * @param fragmentLimit fragment limit.
     * @return this for a fluent style.
     */
    public GatewayConfig fragmentLimit(final int fragmentLimit)
    {
        this.fragmentLimit = fragmentLimit;
        return this;
    }

    /**
     * Longest a blocked ring stage sleeps before it wakes to do periodic work.
     *
     * @param ringBlockTimeoutNs block timeout in nanoseconds.
     * @return this for a fluent style.
     */
    public GatewayConfig ringBlockTimeoutNs(final long ringBlockTimeoutNs)
    {
        this.ringBlockTimeoutNs = ringBlockTimeoutNs;
        return this;
    }

    /**
     * Port of the Prometheus {@code /metrics} and {@code /health} endpoint: 0 picks a free port, -1 (the default
     * here) serves none.
     *
     * @return the metrics port.
     */
    public int metricsPort()
    {
        return metricsPort;
    }

    /**
     * Port of the metrics endpoint: 0 picks a free port, -1 serves none.
     *
     * @param metricsPort the port.
     * @return this for a fluent style.
     */
    public GatewayConfig metricsPort(final int metricsPort)
    {
        this.metricsPort = metricsPort;
        return this;
    }

    /**
     * Address the metrics endpoint binds to; localhost by default.
     *
     * @return the bind address.
     */
    public String metricsBindAddress()
    {
        return metricsBindAddress;
    }

    /**
     * Address the metrics endpoint binds to.
     *
     * @param metricsBindAddress host name or address.
     * @return this for a fluent style.
     */
    public GatewayConfig metricsBindAddress(final String metricsBindAddress)
    {
        this.metricsBindAddress = metricsBindAddress;
        return this;
    }

    /**
     * Interval at which the gateway's figures are copied into the media driver's counters.
     *
     * @return the copy interval in milliseconds.
     */
    public long metricsIntervalMs()
    {
        return metricsIntervalMs;
    }

    /**
     * Interval at which the gateway's figures are copied into the media driver's counters.
     *
     * @param metricsIntervalMs in milliseconds.
     * @return this for a fluent style.
     */
    public GatewayConfig metricsIntervalMs(final long metricsIntervalMs)
    {
        this.metricsIntervalMs = metricsIntervalMs;
        return this;
    }

    /**
     * How long shutdown waits for the ring to drain.
     *
     * @return drain timeout in milliseconds.
     */
    public long shutdownDrainTimeoutMs()
    {
        return shutdownDrainTimeoutMs;
    }

    /**
     * Most fragments the ingress reads from one subscription per duty cycle.
     *
     * @return fragment limit.
     */
    public int fragmentLimit()
    {
        return fragmentLimit;
    }

    /**
     * Time a ring stage spins before it yields when it has nothing to do.
     *
     * @return spin time in nanoseconds.
     */
    public long ringSpinNs()
    {
        return ringSpinNs;
    }

    /**
     * Time a ring stage spins, then yields, before it blocks; 0 and 0 block at once.
     *
     * @param ringSpinNs  spin time in nanoseconds.
     * @param ringYieldNs yield time in nanoseconds.
     * @return this for a fluent style.
     */
    public GatewayConfig ringBackoff(final long ringSpinNs, final long ringYieldNs)
    {
        this.ringSpinNs = ringSpinNs;
        this.ringYieldNs = ringYieldNs;
        return this;
    }

    /**
     * Time a ring stage yields before it blocks.
     *
     * @return yield time in nanoseconds.
     */
    public long ringYieldNs()
    {
        return ringYieldNs;
    }

    /**
     * Longest a blocked ring stage sleeps before it wakes to do periodic work (flush acks, journal answers).
     *
     * @return block timeout in nanoseconds.
     */
    public long ringBlockTimeoutNs()
    {
        return ringBlockTimeoutNs;
    }

    /**
     * Idle strategy of the ingress thread.
     *
     * @return a supplier of the ingress idle strategy.
     */
    public Supplier<IdleStrategy> ingressIdleStrategy()
    {
        return ingressIdleStrategy;
    }

    /**
     * Idle strategy of the ingress thread; the default spins 64 times, yields 16 times, then parks from 1 us,
     * doubling up to 1 ms, so an idle server wakes about 1,000 times a second and a busy one hardly parks.
     *
     * @param ingressIdleStrategy supplier of the idle strategy.
     * @return this for a fluent style.
     */
    public GatewayConfig ingressIdleStrategy(final Supplier<IdleStrategy> ingressIdleStrategy)
    {
        return ingressIdleStrategy(ingressIdleStrategy, "custom");
    }

    /**
     * Idle strategy of the ingress thread, with the name the start-up report shows.
     *
     * @param ingressIdleStrategy supplier of the idle strategy.
     * @param name                of the strategy, such as {@code busy-spin}.
     * @return this for a fluent style.
     */
    public GatewayConfig ingressIdleStrategy(final Supplier<IdleStrategy> ingressIdleStrategy, final String name)
    {
        this.ingressIdleStrategy = ingressIdleStrategy;
        this.ingressIdleStrategyName = name;
        return this;
    }

    /**
     * Name of the ingress idle strategy, for the start-up report.
     *
     * @return backoff, yielding, busy-spin or custom.
     */
    public String ingressIdleStrategyName()
    {
        return ingressIdleStrategyName;
    }

    /**
     * Least free space of the journal's file system below which requests that would be journaled are refused with
     * {@code JOURNAL_UNAVAILABLE}.
     *
     * @return the threshold in MiB, 0 to never refuse.
     */
    public long journalMinFreeMb()
    {
        return journalMinFreeMb;
    }

    /**
     * Least free space of the journal's file system below which requests are refused.
     *
     * @param journalMinFreeMb in MiB, 0 to never refuse.
     * @return this for a fluent style.
     */
    public GatewayConfig journalMinFreeMb(final long journalMinFreeMb)
    {
        this.journalMinFreeMb = journalMinFreeMb;
        return this;
    }

    /**
     * Size of the chunks in which the journal's files are mapped.
     *
     * @return bytes, 0 for Chronicle's default.
     */
    public long journalBlockSizeBytes()
    {
        return journalBlockSizeBytes;
    }

    /**
     * Size of the chunks in which the journal's files are mapped; small file systems want small chunks.
     *
     * @param journalBlockSizeBytes 0 for Chronicle's default, else at least 64 KiB.
     * @return this for a fluent style.
     */
    public GatewayConfig journalBlockSizeBytes(final long journalBlockSizeBytes)
    {
        this.journalBlockSizeBytes = journalBlockSizeBytes;
        return this;
    }

    /**
     * Messages per second a session may send on average; a signal batch counts one per entry, any other request
     * one.
     *
     * @return the rate, 0 for no limit.
     */
    public long sessionRate()
    {
        return sessionRate;
    }

    /**
     * Messages per second a session may send on average.
     *
     * @param sessionRate the rate, 0 for no limit.
     * @return this for a fluent style.
     */
    public GatewayConfig sessionRate(final long sessionRate)
    {
        this.sessionRate = sessionRate;
        return this;
    }

    /**
     * Messages a session may send at once above its rate.
     *
     * @return the burst, 0 for one second's worth of the rate.
     */
    public long sessionBurst()
    {
        return sessionBurst;
    }

    /**
     * Messages a session may send at once above its rate; never less than a full batch is allowed.
     *
     * @param sessionBurst the burst, 0 for one second's worth of the rate.
     * @return this for a fluent style.
     */
    public GatewayConfig sessionBurst(final long sessionBurst)
    {
        this.sessionBurst = sessionBurst;
        return this;
    }

    /**
     * Check the settings against each other and the protocol.
     *
     * @throws IllegalArgumentException naming the first bad setting.
     */
    public void validate()
    {
        require(null != credentialStore, "credentials.file: a credentials file is required (--credentials)");
        require(ipcEnabled || !udpChannels.isEmpty(),
            "ingress.ipc: no ingress channel; enable IPC or add a UDP channel (ingress.udp)");
        require(Integer.bitCount(ringSize) == 1 && ringSize >= 8, "ring.size: must be a power of two, at least 8");
        require(maxMessageLength >= 64 && maxMessageLength <= ProtocolLimits.MAX_MESSAGE_LENGTH,
            "limits.max-message-bytes: must be 64 to " + ProtocolLimits.MAX_MESSAGE_LENGTH);
        require(maxBatchSize >= 1 && maxBatchSize <= ProtocolLimits.MAX_BATCH_SIZE,
            "limits.max-batch: must be 1 to " + ProtocolLimits.MAX_BATCH_SIZE);
        require(maxCandidates >= 1 && maxCandidates <= ProtocolLimits.MAX_CANDIDATES,
            "limits.max-candidates: must be 1 to " + ProtocolLimits.MAX_CANDIDATES);
        require(0 == ringThreads || 1 == ringThreads || 3 == ringThreads, "ring.threads: must be 0, 1 or 3");
        require(maxSessions >= 1, "limits.max-sessions: must be positive");
        require(maxSessionsPerPrincipal >= 0, "limits.max-sessions-per-principal: must not be negative");
        require(maxAgents >= 1, "limits.max-agents: must be positive");
        require(heartbeatIntervalMs > 0, "session.heartbeat-interval-ms: must be positive");
        require(sessionTimeoutMs > heartbeatIntervalMs,
            "session.timeout-ms: must be longer than session.heartbeat-interval-ms (" + heartbeatIntervalMs + ")");
        require(sessionTimeoutMs <= Integer.MAX_VALUE, "session.timeout-ms: must fit an int32");
        require(slowClientTimeoutMs > 0, "session.slow-client-timeout-ms: must be positive");
        require(sweepIntervalMs > 0, "engine.sweep-interval-ms: must be positive");
        require(snapshotIntervalMs >= 0, "snapshot.interval-ms: must not be negative");
        require(metricsPort >= -1 && metricsPort <= 65_535, "metrics.port: must be -1 (off), 0 (any) or 1 to 65535");
        require(metricsIntervalMs > 0, "metrics.interval-ms: must be positive");
        require(journalMinFreeMb >= 0, "journal.min-free-mb: must not be negative");
        require(0 == journalBlockSizeBytes || journalBlockSizeBytes >= 64 * 1024,
            "journal block size: must be 0 or at least 64 KiB");
        require(sessionRate >= 0, "limits.session-rate: must not be negative");
        require(sessionBurst >= 0, "limits.session-burst: must not be negative");
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
