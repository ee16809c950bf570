package io.ripple.gateway.metrics;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.ripple.codecs.ErrorCode;
import io.ripple.engine.SignalType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Publishes the server's figures off the hot path: a {@code ripple-metrics} thread copies them into the driver's
 * counters every interval ({@link CncCounters}) and moves the latency summaries' windows on ({@link LatencySummary}),
 * and an HTTP server on a local port answers {@code /metrics}
 * (Prometheus text exposition, read at scrape time) and {@code /health} (200 while the server takes traffic, 503
 * otherwise). Start and close from one thread.
 */
public final class MetricsService implements AutoCloseable
{
    private static final Logger LOGGER = LoggerFactory.getLogger(MetricsService.class);

    private final MetricsSource source;
    private final CncCounters cncCounters;
    private final BooleanSupplier ready;
    private final LatencySummary engineServiceTime;
    private final LatencySummary ingressToEgress;
    private final ScheduledExecutorService updater;
    private HTTPServer httpServer;

    private MetricsService(final MetricsSource source, final CncCounters cncCounters, final BooleanSupplier ready)
    {
        this.source = source;
        this.cncCounters = cncCounters;
        this.ready = ready;
        this.engineServiceTime = new LatencySummary("ripple_engine_service_time_seconds",
            "Time the engine takes to apply one event; quantiles over the last minute.",
            source.counters().engineServiceTimeNs());
        this.ingressToEgress = new LatencySummary("ripple_ingress_to_egress_seconds",
            "Time from the ingress stamp to the answer sent, for client requests; quantiles over the last minute.",
            source.counters().ingressToEgressNs());
        this.updater = Executors.newSingleThreadScheduledExecutor((runnable) ->
        {
            final Thread thread = new Thread(runnable, "ripple-metrics");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Start copying into the counters and, if the port is not -1, serving HTTP.
     *
     * @param source      of the figures.
     * @param cncCounters the counters to copy into.
     * @param intervalMs  copy interval in milliseconds.
     * @param bindAddress of the HTTP endpoint.
     * @param port        of the HTTP endpoint: 0 for any free port, -1 for none.
     * @param ready       answers whether the server takes traffic, for {@code /health}.
     * @return the running service.
     * @throws IOException if the port cannot be bound.
     */
    public static MetricsService start(
        final MetricsSource source,
        final CncCounters cncCounters,
        final long intervalMs,
        final String bindAddress,
        final int port,
        final BooleanSupplier ready) throws IOException
    {
        final MetricsService service = new MetricsService(source, cncCounters, ready);
        service.updater.scheduleAtFixedRate(service::updateCounters, 0, intervalMs, TimeUnit.MILLISECONDS);
        if (port >= 0)
        {
            try
            {
                service.startHttp(bindAddress, port);
            }
            catch (final IOException | RuntimeException ex)
            {
                service.close();
                throw new IOException("metrics.port: cannot serve metrics on " + bindAddress + ":" + port + ": " +
                    ex.getMessage(), ex);
            }
        }
        return service;
    }

    private void startHttp(final String bindAddress, final int port) throws IOException
    {
        final PrometheusRegistry registry = new PrometheusRegistry();
        registry.register((MultiCollector) this::collect);
        httpServer = HTTPServer.builder()
            .hostname(bindAddress)
            .port(port)
            .registry(registry)
            .registerHealthHandler(false)
            .defaultHandler(this::handleOther)
            .buildAndStart();
        LOGGER.info("metrics: http://{}:{}/metrics, readiness at /health", bindAddress, httpServer.getPort());
    }

    /**
     * Port the HTTP endpoint listens on.
     *
     * @return the port, -1 if none is served.
     */
    public int httpPort()
    {
        return null == httpServer ? -1 : httpServer.getPort();
    }

    private void updateCounters()
    {
        try
        {
            cncCounters.update();
            engineServiceTime.tick();
            ingressToEgress.tick();
        }
        catch (final RuntimeException ex)
        {
            LOGGER.warn("metrics: cannot update the driver's counters: {}", ex.toString());
        }
    }

    private void handleOther(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            final boolean health = "/health".equals(exchange.getRequestURI().getPath());
            final int status;
            final String body;
            if (!health)
            {
                status = 404;
                body = "not found: try /metrics or /health\n";
            }
            else if (ready.getAsBoolean())
            {
                status = 200;
                body = "UP\n";
            }
            else
            {
                status = 503;
                body = "DOWN\n";
            }

            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(bytes);
            }
        }
    }

    MetricSnapshots collect()
    {
        final List<MetricSnapshot> snapshots = new ArrayList<>();
        for (final GatewayMetric metric : GatewayMetric.values())
        {
            final long value = source.read(metric);
            if (metric.isMonotonic())
            {
                snapshots.add(CounterSnapshot.builder()
                    .name(metric.prometheusName())
                    .help(metric.label())
                    .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build())
                    .build());
            }
            else
            {
                snapshots.add(GaugeSnapshot.builder()
                    .name(metric.prometheusName())
                    .help(metric.label())
                    .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build())
                    .build());
            }
        }

        final CounterSnapshot.Builder signals = CounterSnapshot.builder()
            .name("ripple_signals_accepted")
            .help("signals accepted by the engine, by type");
        for (final SignalType type : SignalType.values())
        {
            signals.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(Labels.of("type", type.name()))
                .value(source.counters().engineSignals(type))
                .build());
        }
        snapshots.add(signals.build());

        final CounterSnapshot.Builder rejections = CounterSnapshot.builder()
            .name("ripple_rejections")
            .help("requests rejected by the gateway or the engine, by error code");
        for (final ErrorCode code : ErrorCode.values())
        {
            if (ErrorCode.NULL_VAL != code)
            {
                rejections.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(Labels.of("code", code.name()))
                    .value(source.rejections(code.value()))
                    .build());
            }
        }
        snapshots.add(rejections.build());

        final CounterSnapshot.Builder messagesIn = CounterSnapshot.builder()
            .name("ripple_messages_in")
            .help("client messages that passed the frame checks, by template, accepted or not");
        for (int i = 0; i < RequestTemplates.count(); i++)
        {
            messagesIn.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(Labels.of("template", RequestTemplates.name(i)))
                .value(source.counters().requestsReceived(RequestTemplates.templateId(i)))
                .build());
        }
        snapshots.add(messagesIn.build());

        snapshots.add(engineServiceTime.snapshot());
        snapshots.add(ingressToEgress.snapshot());
        return new MetricSnapshots(snapshots);
    }

    /**
     * Stop serving and copying; the counters are left for their owner to close.
     */
    public void close()
    {
        if (null != httpServer)
        {
            httpServer.stop();
        }
        updater.shutdownNow();
        try
        {
            updater.awaitTermination(1, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        updateCounters();
    }
}
