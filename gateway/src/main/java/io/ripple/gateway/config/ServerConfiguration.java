package io.ripple.gateway.config;

import io.ripple.codecs.ProtocolLimits;
import io.ripple.gateway.GatewayConfig;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The server's configuration keys and how they are resolved: built-in defaults, then the configuration file (Java
 * properties), then environment variables ({@code RIPPLE_RING_SIZE} for {@code ring.size}), then command-line
 * flags. Every value is parsed and range-checked as it is applied, and the whole is checked by
 * {@link GatewayConfig#validate()}; a bad value fails with a message that names its key, its source and why.
 * Unknown keys in the file are refused, so a misspelt key cannot be silently ignored.
 */
public final class ServerConfiguration
{
    /**
     * Every key, in the order of the documentation.
     */
    public static final List<ConfigKey> KEYS = List.of(
        new ConfigKey("credentials.file", "path", "",
            "Credentials file (principal, role, hash, agents); required.",
            (config, value) -> config.credentialsFile(Path.of(nonEmpty(value)))),
        new ConfigKey("journal.dir", "path", "ripple-data",
            "Journal and snapshots; created if absent.",
            (config, value) -> config.journalDir(Path.of(nonEmpty(value)))),
        new ConfigKey("journal.min-free-mb", "MiB", "64",
            "Least free space on the journal's file system; below it requests are refused with JOURNAL_UNAVAILABLE " +
            "until space returns; 0 never refuses.",
            (config, value) -> config.journalMinFreeMb(parseLong(value, 0, 1L << 30))),
        new ConfigKey("aeron.dir", "path", "",
            "Aeron directory of an external media driver; empty embeds one under /dev/shm.",
            (config, value) -> config.aeronDirectoryName(value.isEmpty() ? null : value)),
        new ConfigKey("ingress.ipc", "boolean", "true",
            "Listen on aeron:ipc.",
            (config, value) -> config.ipcEnabled(parseBoolean(value))),
        new ConfigKey("ingress.udp", "host:port list", "",
            "Comma-separated UDP endpoints to listen on as well, such as localhost:40123.",
            ServerConfiguration::applyUdp),
        new ConfigKey("ingress.stream-id", "stream id", "7301",
            "Aeron stream id of every ingress channel.",
            (config, value) -> config.ingressStreamId(parseInt(value, Integer.MIN_VALUE, Integer.MAX_VALUE))),
        new ConfigKey("ingress.fragment-limit", "fragments", "64",
            "Most fragments read from one subscription per duty cycle.",
            (config, value) -> config.fragmentLimit(parseInt(value, 1, 65_536))),
        new ConfigKey("ingress.idle-strategy", "backoff, yielding or busy-spin", "backoff",
            "What the ingress thread does when idle; busy-spin needs a dedicated core.",
            ServerConfiguration::applyIdleStrategy),
        new ConfigKey("ring.size", "slots", "8192",
            "Slots in the ring, a power of two.",
            (config, value) -> config.ringSize(parseInt(value, 8, 1 << 24))),
        new ConfigKey("ring.threads", "0, 1, 3 or auto", "auto",
            "Threads for the journal, engine and egress stages: 0 runs them on the ingress thread; auto is 3 on " +
            "four cores or more, else 0.",
            ServerConfiguration::applyRingThreads),
        new ConfigKey("ring.spin-ns", "ns", "0",
            "Time an idle ring stage spins before it yields.",
            (config, value) -> config.ringBackoff(parseLong(value, 0, Long.MAX_VALUE), config.ringYieldNs())),
        new ConfigKey("ring.yield-ns", "ns", "0",
            "Time an idle ring stage yields before it blocks.",
            (config, value) -> config.ringBackoff(config.ringSpinNs(), parseLong(value, 0, Long.MAX_VALUE))),
        new ConfigKey("ring.block-timeout-ns", "ns", "10000000",
            "Longest a blocked ring stage sleeps before it flushes acks and journals answers.",
            (config, value) -> config.ringBlockTimeoutNs(parseLong(value, 1_000, 1_000_000_000L))),
        new ConfigKey("limits.max-sessions", "sessions", "256",
            "Most sessions open at once.",
            (config, value) -> config.maxSessions(parseInt(value, 1, 1 << 20))),
        new ConfigKey("limits.max-sessions-per-principal", "sessions", "0",
            "Most sessions one principal may have open at once; beyond it a Connect gets SESSION_LIMIT_REACHED; " +
            "0 is no limit but limits.max-sessions.",
            (config, value) -> config.maxSessionsPerPrincipal(parseInt(value, 0, 1 << 20))),
        new ConfigKey("limits.max-agents", "agents", "65536",
            "Most agents the engine tracks.",
            (config, value) -> config.maxAgents(parseInt(value, 1, 1 << 26))),
        new ConfigKey("limits.max-candidates", "candidates", Integer.toString(ProtocolLimits.MAX_CANDIDATES),
            "Most candidates in a Select or agents in a ScoresQuery.",
            (config, value) -> config.maxCandidates(parseInt(value, 1, ProtocolLimits.MAX_CANDIDATES))),
        new ConfigKey("limits.max-batch", "signals", Integer.toString(ProtocolLimits.MAX_BATCH_SIZE),
            "Most signals in a SignalBatch.",
            (config, value) -> config.maxBatchSize(parseInt(value, 1, ProtocolLimits.MAX_BATCH_SIZE))),
        new ConfigKey("limits.max-message-bytes", "bytes", Integer.toString(ProtocolLimits.MAX_MESSAGE_LENGTH),
            "Largest message accepted, header included.",
            (config, value) -> config.maxMessageLength(parseInt(value, 64, ProtocolLimits.MAX_MESSAGE_LENGTH))),
        new ConfigKey("limits.session-rate", "messages/s", "0",
            "Average messages per second one session may send (a signal batch counts its entries); above it " +
            "requests get RATE_LIMITED; 0 is no limit.",
            (config, value) -> config.sessionRate(parseLong(value, 0, 1_000_000_000L))),
        new ConfigKey("limits.session-burst", "messages", "0",
            "Messages a session may send at once above its rate; 0 is one second's worth; never less than a full " +
            "batch.",
            (config, value) -> config.sessionBurst(parseLong(value, 0, 1_000_000_000L))),
        new ConfigKey("session.heartbeat-interval-ms", "ms", "1000",
            "Interval at which an idle side sends a heartbeat.",
            (config, value) -> config.heartbeatIntervalMs(parseLong(value, 1, 3_600_000))),
        new ConfigKey("session.timeout-ms", "ms", "10000",
            "Silence after which a session is closed; longer than the heartbeat interval.",
            (config, value) -> config.sessionTimeoutMs(parseLong(value, 1, Integer.MAX_VALUE))),
        new ConfigKey("session.slow-client-timeout-ms", "ms", "2000",
            "Time a client's answers may stay back-pressured before it is disconnected.",
            (config, value) -> config.slowClientTimeoutMs(parseLong(value, 1, 3_600_000))),
        new ConfigKey("session.connect-reply-timeout-ms", "ms", "2000",
            "How long the server tries to deliver a ConnectRejected.",
            (config, value) -> config.connectReplyTimeoutMs(parseLong(value, 1, 3_600_000))),
        new ConfigKey("engine.sweep-interval-ms", "ms", "100",
            "Interval of expiry sweep timer events.",
            (config, value) -> config.sweepIntervalMs(parseLong(value, 1, 3_600_000))),
        new ConfigKey("snapshot.interval-ms", "ms", "60000",
            "Interval of snapshots; 0 takes one at shutdown only.",
            (config, value) -> config.snapshotIntervalMs(parseLong(value, 0, 86_400_000L))),
        new ConfigKey("shutdown.drain-timeout-ms", "ms", "10000",
            "How long shutdown waits for the ring to drain.",
            (config, value) -> config.shutdownDrainTimeoutMs(parseLong(value, 1, 3_600_000))),
        new ConfigKey("metrics.port", "port", "9464",
            "Port of the Prometheus /metrics and /health endpoint; 0 picks a free port, -1 serves none.",
            (config, value) -> config.metricsPort(parseInt(value, -1, 65_535))),
        new ConfigKey("metrics.bind-address", "host", "127.0.0.1",
            "Address the metrics endpoint binds to.",
            (config, value) -> config.metricsBindAddress(nonEmpty(value))),
        new ConfigKey("metrics.interval-ms", "ms", "100",
            "Interval at which figures are copied into the media driver's counters.",
            (config, value) -> config.metricsIntervalMs(parseLong(value, 10, 60_000))));

    private ServerConfiguration()
    {
    }

    /**
     * Find a key by name.
     *
     * @param name such as {@code ring.size}.
     * @return the key.
     * @throws IllegalArgumentException if there is no such key.
     */
    public static ConfigKey key(final String name)
    {
        for (final ConfigKey key : KEYS)
        {
            if (key.name().equals(name))
            {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown configuration key '" + name + "'");
    }

    /**
     * Resolve the settings: defaults, then the file, then the environment, then the flags; then validate.
     *
     * @param file        configuration file in Java properties form, or null for none.
     * @param environment variables, normally {@link System#getenv()}.
     * @param flags       values given on the command line by key name.
     * @return the settings, validated except for the credential store, which the caller loads.
     * @throws IllegalArgumentException naming the bad key, where its value came from and why it is bad.
     * @throws IOException              if the file cannot be read.
     */
    public static GatewayConfig resolve(
        final Path file, final Map<String, String> environment, final Map<String, String> flags) throws IOException
    {
        final Map<String, String> fileValues = new LinkedHashMap<>();
        if (null != file)
        {
            final Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
            {
                properties.load(reader);
            }
            for (final String name : properties.stringPropertyNames())
            {
                fileValues.put(name, properties.getProperty(name));
            }
        }

        final GatewayConfig config = new GatewayConfig();
        for (final ConfigKey key : KEYS)
        {
            if (!key.defaultValue().isEmpty())
            {
                apply(config, key, key.defaultValue(), "default");
            }
        }
        for (final Map.Entry<String, String> entry : fileValues.entrySet())
        {
            apply(config, keyFrom(entry.getKey(), "file " + file), entry.getValue(), "file " + file);
        }
        for (final ConfigKey key : KEYS)
        {
            final String value = environment.get(key.environmentVariable());
            if (null != value)
            {
                apply(config, key, value, "environment " + key.environmentVariable());
            }
        }
        for (final Map.Entry<String, String> entry : flags.entrySet())
        {
            apply(config, keyFrom(entry.getKey(), "command line"), entry.getValue(), "command line");
        }

        return config;
    }

    /**
     * The resolved value of every key, for the start-up report: one line per key.
     *
     * @param config resolved settings.
     * @return lines of the form {@code key = value}.
     */
    public static List<String> describe(final GatewayConfig config)
    {
        final List<String> lines = new ArrayList<>();
        lines.add("credentials.file = " + config.credentialsFile());
        lines.add("journal.dir = " + config.journalDir());
        lines.add("journal.min-free-mb = " + config.journalMinFreeMb());
        lines.add("aeron.dir = " + (null == config.aeronDirectoryName() ? "(embedded)" : config.aeronDirectoryName()));
        lines.add("ingress.ipc = " + config.ipcEnabled());
        lines.add("ingress.udp = " + String.join(",", config.udpChannels()));
        lines.add("ingress.stream-id = " + config.ingressStreamId());
        lines.add("ingress.fragment-limit = " + config.fragmentLimit());
        lines.add("ingress.idle-strategy = " + config.ingressIdleStrategyName());
        lines.add("ring.size = " + config.ringSize());
        lines.add("ring.threads = " + config.ringThreads());
        lines.add("ring.spin-ns = " + config.ringSpinNs());
        lines.add("ring.yield-ns = " + config.ringYieldNs());
        lines.add("ring.block-timeout-ns = " + config.ringBlockTimeoutNs());
        lines.add("limits.max-sessions = " + config.maxSessions());
        lines.add("limits.max-sessions-per-principal = " + config.maxSessionsPerPrincipal());
        lines.add("limits.max-agents = " + config.maxAgents());
        lines.add("limits.max-candidates = " + config.maxCandidates());
        lines.add("limits.max-batch = " + config.maxBatchSize());
        lines.add("limits.max-message-bytes = " + config.maxMessageLength());
        lines.add("limits.session-rate = " + config.sessionRate());
        lines.add("limits.session-burst = " + config.sessionBurst());
        lines.add("session.heartbeat-interval-ms = " + config.heartbeatIntervalMs());
        lines.add("session.timeout-ms = " + config.sessionTimeoutMs());
        lines.add("session.slow-client-timeout-ms = " + config.slowClientTimeoutMs());
        lines.add("session.connect-reply-timeout-ms = " + config.connectReplyTimeoutMs());
        lines.add("engine.sweep-interval-ms = " + config.sweepIntervalMs());
        lines.add("snapshot.interval-ms = " + config.snapshotIntervalMs());
        lines.add("shutdown.drain-timeout-ms = " + config.shutdownDrainTimeoutMs());
        lines.add("metrics.port = " + config.metricsPort());
        lines.add("metrics.bind-address = " + config.metricsBindAddress());
        lines.add("metrics.interval-ms = " + config.metricsIntervalMs());
        return lines;
    }

    private static ConfigKey keyFrom(final String name, final String source)
    {
        try
        {
            return key(name.trim());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(ex.getMessage() + " in " + source, ex);
        }
    }

    private static void apply(final GatewayConfig config, final ConfigKey key, final String value, final String source)
    {
        try
        {
            key.apply(config, value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(ex.getMessage() + " (from " + source + ")", ex);
        }
    }

    private static void applyUdp(final GatewayConfig config, final String value)
    {
        config.udpChannels().clear();
        for (final String endpoint : value.split(","))
        {
            final String trimmed = endpoint.trim();
            if (!trimmed.isEmpty())
            {
                final int colon = trimmed.lastIndexOf(':');
                if (colon <= 0 || colon == trimmed.length() - 1)
                {
                    throw new IllegalArgumentException("'" + trimmed + "' is not host:port");
                }
                parseInt(trimmed.substring(colon + 1), 1, 65_535);
                config.addUdpChannel("aeron:udp?endpoint=" + trimmed);
            }
        }
    }

    private static void applyIdleStrategy(final GatewayConfig config, final String value)
    {
        switch (value)
        {
            case "backoff":
                config.ingressIdleStrategy(GatewayConfig::backoffIngressIdleStrategy, value);
                break;

            case "yielding":
                config.ingressIdleStrategy(YieldingIdleStrategy::new, value);
                break;

            case "busy-spin":
                config.ingressIdleStrategy(BusySpinIdleStrategy::new, value);
                break;

            default:
                throw new IllegalArgumentException("must be backoff, yielding or busy-spin");
        }
    }

    private static void applyRingThreads(final GatewayConfig config, final String value)
    {
        if ("auto".equals(value))
        {
            config.ringThreads(GatewayConfig.defaultRingThreads());
            return;
        }

        final int threads = parseInt(value, 0, 3);
        if (2 == threads)
        {
            throw new IllegalArgumentException("must be 0, 1, 3 or auto");
        }
        config.ringThreads(threads);
    }

    private static String nonEmpty(final String value)
    {
        if (value.isEmpty())
        {
            throw new IllegalArgumentException("must not be empty");
        }
        return value;
    }

    private static boolean parseBoolean(final String value)
    {
        if ("true".equalsIgnoreCase(value))
        {
            return true;
        }
        if ("false".equalsIgnoreCase(value))
        {
            return false;
        }
        throw new IllegalArgumentException("must be true or false");
    }

    private static int parseInt(final String value, final int min, final int max)
    {
        return (int) parseLong(value, min, max);
    }

    private static long parseLong(final String value, final long min, final long max)
    {
        final long parsed;
        try
        {
            parsed = Long.parseLong(value.replace("_", ""));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a whole number");
        }
        if (parsed < min || parsed > max)
        {
            throw new IllegalArgumentException("must be " + min + " to " + max);
        }
        return parsed;
    }
}
