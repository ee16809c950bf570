package io.ripple.gateway;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.ripple.gateway.config.ServerConfiguration;
import io.ripple.gateway.ingress.IngressAgent;
import io.ripple.gateway.metrics.CncCounters;
import io.ripple.gateway.metrics.MetricsService;
import io.ripple.gateway.metrics.MetricsSource;
import io.ripple.gateway.metrics.ServerInfoFile;
import io.ripple.gateway.ring.RingPipeline;
import io.ripple.gateway.session.GatewaySession;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running Ripple server: media driver, Aeron client, ingress thread, ring with journal, engine and egress stages.
 * <p>
 * {@link #start} recovers the engine before it subscribes to ingress, so no request is seen before the state is
 * whole. {@link #close} shuts down gracefully: the ingress refuses new requests with {@code SHUTTING_DOWN} and
 * closes every session through the ring, the ring drains, the answers are journaled, a snapshot is written, the
 * journal is closed, then Aeron and the driver (whose directory is removed). Thread-safe: close may be called from
 * any thread (a shutdown hook), more than once.
 */
public final class RippleServer implements AutoCloseable
{
    private static final Logger LOGGER = LoggerFactory.getLogger(RippleServer.class);

    private final GatewayConfig config;
    private final GatewayCounters counters = new GatewayCounters();
    private final List<String> ingressChannels = new ArrayList<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private MediaDriverHost driverHost;
    private Aeron aeron;
    private RingPipeline pipeline;
    private RippleBackend.Opened backend;
    private IngressAgent ingress;
    private AgentRunner ingressRunner;
    private CncCounters cncCounters;
    private MetricsService metricsService;
    private JournalSpaceGuard journalSpaceGuard;
    private volatile boolean ready;
    private boolean closed;

    private RippleServer(final GatewayConfig config)
    {
        this.config = config;
    }

    /**
     * Start a server: launch or attach to the media driver, recover the engine, then accept traffic.
     *
     * @param config  settings; validated here.
     * @param backend journal and engine.
     * @return the running server.
     * @throws Exception if anything fails to start; whatever started is closed again.
     */
    public static RippleServer start(final GatewayConfig config, final RippleBackend backend) throws Exception
    {
        config.validate();
        final RippleServer server = new RippleServer(config);
        try
        {
            server.doStart(backend);
            return server;
        }
        catch (final Exception | Error ex)
        {
            server.closeResources();
            throw ex;
        }
    }

    private void doStart(final RippleBackend backendFactory) throws Exception
    {
        driverHost = MediaDriverHost.launch(config.aeronDirectoryName());
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driverHost.aeronDirectoryName()));
        counters.errorHandler(errorHandler(driverHost.errorHandler()));
        for (final String line : ServerConfiguration.describe(config))
        {
            LOGGER.info("setting {}", line);
        }

        final ManyToOneConcurrentArrayQueue<GatewaySession> evictions =
            new ManyToOneConcurrentArrayQueue<>(Math.max(config.maxSessions(), 2));
        pipeline = new RingPipeline(config, counters, evictions);

        final long recoveryStartNs = System.nanoTime();
        backend = backendFactory.open(config, pipeline.engineResponses());
        LOGGER.info("recovery: {} in {} ms", backend.recoverySummary(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - recoveryStartNs));
        pipeline.start(backend.journal(), backend.engine(), backend.nextRingSequence());
        journalSpaceGuard = JournalSpaceGuard.start(config.journalDir(), config.journalMinFreeMb(), counters);

        if (config.ipcEnabled())
        {
            ingressChannels.add(config.ipcChannel());
        }
        ingressChannels.addAll(config.udpChannels());
        for (final String channel : ingressChannels)
        {
            subscriptions.add(aeron.addSubscription(channel, config.ingressStreamId()));
        }

        ingress = new IngressAgent(
            config,
            counters,
            pipeline,
            aeron,
            subscriptions,
            new OffsetEpochNanoClock(),
            backend.lastTimestampNs(),
            evictions);
        ingressRunner = new AgentRunner(
            config.ingressIdleStrategy().get(),
            (throwable) ->
            {
                counters.onStageError(throwable);
                LOGGER.error("ingress fault", throwable);
            },
            null,
            ingress);
        AgentRunner.startOnThread(ingressRunner);

        final OffsetEpochNanoClock metricsClock = new OffsetEpochNanoClock();
        final MetricsSource metricsSource = new MetricsSource(counters, pipeline::inFlight, metricsClock::nanoTime);
        cncCounters = new CncCounters(aeron, metricsSource);
        metricsService = MetricsService.start(
            metricsSource,
            cncCounters,
            config.metricsIntervalMs(),
            config.metricsBindAddress(),
            config.metricsPort(),
            () -> ready && !counters.isJournalSpaceLow());
        ServerInfoFile.write(config.journalDir(), driverHost.aeronDirectoryName(), metricsService.httpPort());
        ready = true;

        for (final String line : describe())
        {
            LOGGER.info(line);
        }
    }

    private static ErrorHandler errorHandler(final ErrorHandler driverErrorHandler)
    {
        if (null != driverErrorHandler)
        {
            return driverErrorHandler;
        }

        final int maxLogged = 100;
        final long[] logged = new long[1];
        return (throwable) ->
        {
            if (logged[0]++ < maxLogged)
            {
                LOGGER.error("fault (the external driver's error log is not writable from here; first " +
                    maxLogged + " logged)", throwable);
            }
        };
    }

    /**
     * Port of the Prometheus {@code /metrics} and {@code /health} endpoint.
     *
     * @return the port, -1 if none is served.
     */
    public int metricsPort()
    {
        return null == metricsService ? -1 : metricsService.httpPort();
    }

    /**
     * Where everything is, for the start-up report.
     *
     * @return lines naming channels, directories and limits.
     */
    public List<String> describe()
    {
        final List<String> lines = new ArrayList<>();
        lines.add("ingress: " + String.join(", ", ingressChannels) + " stream " + config.ingressStreamId());
        lines.add("media driver: " + (driverHost.isEmbedded() ? "embedded in " : "external at ") +
            driverHost.aeronDirectoryName());
        lines.add("journal and snapshots: " + config.journalDir().toAbsolutePath());
        lines.add("metrics: " + (metricsPort() < 0 ? "no HTTP endpoint" :
            "http://" + config.metricsBindAddress() + ":" + metricsPort() + "/metrics and /health") +
            "; counters in the driver's CnC file (ripple stat --journal-dir " + config.journalDir() + ")");
        lines.add("credentials: " + (null == config.credentialsFile() ?
            config.credentialStore().size() + " principals given in code" :
            config.credentialsFile().toAbsolutePath() + " (" + config.credentialStore().size() + " principals)"));
        lines.add("limits: " + config.maxSessions() + " sessions" + (0 == config.maxSessionsPerPrincipal() ? "" :
            " (" + config.maxSessionsPerPrincipal() + " per principal)") + ", " + config.maxAgents() + " agents, " +
            config.maxCandidates() + " candidates, batches of " + config.maxBatchSize() + ", messages of " +
            config.maxMessageLength() + " bytes; " + (0 == config.sessionRate() ? "no rate limit" :
            config.sessionRate() + " messages/s per session") + "; requests refused below " +
            config.journalMinFreeMb() + " MiB free for the journal; ring of " + config.ringSize() + " slots");
        return lines;
    }

    /**
     * The ingress channels the server listens on.
     *
     * @return the channels, in order: IPC first if enabled, then UDP.
     */
    public List<String> ingressChannels()
    {
        return List.copyOf(ingressChannels);
    }

    /**
     * Aeron directory of the driver clients must use to reach this server over IPC.
     *
     * @return the Aeron directory.
     */
    public String aeronDirectoryName()
    {
        return driverHost.aeronDirectoryName();
    }

    /**
     * Counters of the gateway.
     *
     * @return the counters.
     */
    public GatewayCounters counters()
    {
        return counters;
    }

    /**
     * The guard of the journal's free space, whose threshold may be changed while the server runs.
     *
     * @return the guard.
     */
    public JournalSpaceGuard journalSpaceGuard()
    {
        return journalSpaceGuard;
    }

    /**
     * Settings the server runs with.
     *
     * @return the settings.
     */
    public GatewayConfig config()
    {
        return config;
    }

    /**
     * Shut down gracefully; see the class description. Idempotent.
     */
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        ready = false;

        LOGGER.info("shutting down: refusing new requests, closing sessions, draining the ring");
        if (null != ingress)
        {
            ingress.requestShutdown();
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!ingress.isShutdownComplete() && System.nanoTime() - deadlineNs < 0)
            {
                sleepMs(1);
            }
        }
        closeResources();
    }

    private void closeResources()
    {
        ready = false;
        CloseHelper.quietClose(ingressRunner);

        if (null != pipeline && null != backend)
        {
            try
            {
                if (!pipeline.drainAndStop(TimeUnit.MILLISECONDS.toNanos(config.shutdownDrainTimeoutMs())))
                {
                    LOGGER.warn("the ring did not drain within {} ms", config.shutdownDrainTimeoutMs());
                }
                final long lastJournalIndex = pipeline.lastJournalIndex();
                if (lastJournalIndex >= 0)
                {
                    backend.engine().snapshot(lastJournalIndex, pipeline.lastTimestampNs());
                    counters.onSnapshot(pipeline.lastTimestampNs());
                    LOGGER.info("snapshot written at journal index {}", Long.toHexString(lastJournalIndex));
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            catch (final RuntimeException ex)
            {
                LOGGER.error("shutdown snapshot failed; recovery will replay more of the journal", ex);
            }
            finally
            {
                backend.journal().close();
            }
        }

        CloseHelper.quietClose(journalSpaceGuard);
        CloseHelper.quietClose(metricsService);
        CloseHelper.quietClose(cncCounters);
        if (null != metricsService)
        {
            ServerInfoFile.delete(config.journalDir());
        }
        subscriptions.forEach(CloseHelper::quietClose);
        CloseHelper.quietClose(aeron);
        CloseHelper.quietClose(driverHost);
        LOGGER.info("stopped: {} frames received, {} sessions opened, {} timed out, {} slow clients disconnected, " +
            "{} answers dropped", counters.framesReceived(), counters.sessionsOpened(), counters.sessionsTimedOut(),
            counters.slowClientsDisconnected(), counters.egressDrops());
    }

    private static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
