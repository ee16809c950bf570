package io.ripple.gateway.reliability;

import io.ripple.codecs.MetricsSnapshotDecoder;
import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.SignalDecoder;
import io.ripple.codecs.SignalType;
import io.ripple.gateway.client.RippleClient;
import io.ripple.gateway.client.RippleClientContext;
import io.ripple.gateway.client.RippleException;
import io.ripple.gateway.session.SecretHash;
import io.ripple.journal.JournalReader;
import io.ripple.journal.JournalRecord;
import org.agrona.IoUtil;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * SIGKILL of a server in its own JVM under signal load at random moments, cycle after cycle: after every restart each
 * acknowledged signal is in the journal exactly once, and the recovered engine holds exactly the journaled signals.
 * Run alone with {@code -Dgroups=kill}.
 */
@Tag("kill")
class KillRecoverySystemTest
{
    private static final int CYCLES = 20;
    private static final long SEED = 20_261_203L;

    /**
     * Offer and request timeout of the clients that load a server before it is killed. Each closes after the kill,
     * when its Disconnect can no longer be answered: a long timeout would be waited out in full every cycle.
     */
    private static final long CYCLE_CLIENT_TIMEOUT_MS = 500;

    @TempDir
    Path journalDir;

    private final String secret = SecretHash.generateSecret();

    @Test
    void shouldKeepEveryAcknowledgedSignalExactlyOnceAcrossKills() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final Map<Long, Long> highestAckBySession = new HashMap<>();
        final Map<Long, Long> firstSignalBySession = new HashMap<>();
        final java.util.Set<Long> refused = new java.util.HashSet<>();
        long sent = 0;

        for (int cycle = 0; cycle < CYCLES; cycle++)
        {
            final ServerProcess server = ServerProcess.start(journalDir, secret);
            try (RippleClient client = connect(server.aeronDir, "fleet", refused, CYCLE_CLIENT_TIMEOUT_MS))
            {
                final long killAtNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200 + random.nextInt(800));
                long first = 0;
                while (System.nanoTime() < killAtNs)
                {
                    final long correlationId =
                        client.signal("f-" + (sent % 50), SignalType.LOAD, (sent % 100) / 100.0, 1.0, 3_600_000);
                    first = 0 == first ? correlationId : first;
                    sent++;
                    client.poll();
                }
                firstSignalBySession.put(client.sessionId(), first);
                highestAckBySession.put(client.sessionId(), client.highestAckedCorrelationId());
                server.kill();
            }
            catch (final RippleException ex)
            {
                server.kill();
            }
            finally
            {
                server.kill();
            }
        }

        final Map<Long, Map<Long, Integer>> journaled = journaledSignals();
        for (final Map.Entry<Long, Long> entry : highestAckBySession.entrySet())
        {
            final Map<Long, Integer> bySession = journaled.getOrDefault(entry.getKey(), Map.of());
            final long first = firstSignalBySession.get(entry.getKey());
            for (long correlationId = first; correlationId <= entry.getValue(); correlationId++)
            {
                final Integer count = bySession.get(correlationId);
                if (refused.contains(correlationId))
                {
                    // Refused (SERVER_BUSY when the ring was full): covered by a later ack, yet never journaled.
                    continue;
                }
                if (null == count || 1 != count)
                {
                    fail("session " + entry.getKey() + " signal " + correlationId + " acked but journaled " + count +
                        " times (seed " + SEED + ")");
                }
            }
        }
        long journaledCount = 0;
        for (final Map<Long, Integer> bySession : journaled.values())
        {
            for (final int count : bySession.values())
            {
                assertEquals(1, count, "a signal journaled twice");
                journaledCount++;
            }
        }
        assertTrue(journaledCount > 0);

        final ServerProcess last = ServerProcess.start(journalDir, secret);
        try (RippleClient client = connect(last.aeronDir, "ops", refused, 10_000))
        {
            final MetricsSnapshotDecoder metrics = client.metrics();
            long applied = 0;
            for (final MetricsSnapshotDecoder.SignalsByTypeDecoder entry : metrics.signalsByType())
            {
                applied += entry.signalCount();
            }
            assertEquals(journaledCount, applied, "recovered engine against the journal");
        }
        finally
        {
            last.kill();
        }
    }

    private Map<Long, Map<Long, Integer>> journaledSignals()
    {
        final Map<Long, Map<Long, Integer>> bySession = new HashMap<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        try (JournalReader reader = JournalReader.open(journalDir))
        {
            reader.toStart();
            while (reader.poll((index, kind, sequence, timestampNs, sessionId, buffer, offset, length) ->
            {
                if (JournalRecord.KIND_EVENT == kind && length >= 24 &&
                    SignalDecoder.TEMPLATE_ID == header.wrap(buffer, offset).templateId())
                {
                    final long correlationId = buffer.getLong(offset + 16, LITTLE_ENDIAN);
                    bySession.computeIfAbsent(sessionId, (key) -> new HashMap<>())
                        .merge(correlationId, 1, Integer::sum);
                }
            }, 1_000) > 0)
            {
                // Read to the end.
            }
        }
        return bySession;
    }

    private RippleClient connect(
        final String aeronDir, final String principal, final java.util.Set<Long> refused, final long timeoutMs)
    {
        return RippleClient.connect(new RippleClientContext()
            .listener(new io.ripple.gateway.client.RippleClientListener()
            {
                public void onError(final io.ripple.codecs.ErrorDecoder error)
                {
                    refused.add(error.correlationId());
                }
            })
            .aeronDirectoryName(aeronDir)
            .credentials(principal, secret)
            .idleStrategy(() -> new SleepingMillisIdleStrategy(1))
            .offerTimeoutMs(Math.min(2_000, timeoutMs))
            .requestTimeoutMs(timeoutMs));
    }

    private static final class ServerProcess
    {
        final Process process;
        final String aeronDir;

        ServerProcess(final Process process, final String aeronDir)
        {
            this.process = process;
            this.aeronDir = aeronDir;
        }

        static ServerProcess start(final Path journalDir, final String secret) throws Exception
        {
            final List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
            {
                if (!argument.startsWith("-agentlib") && !argument.startsWith("-javaagent"))
                {
                    command.add(argument);
                }
            }
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(KillableServerMain.class.getName());
            command.add(journalDir.toString());
            command.add(secret);

            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            while (null != (line = out.readLine()))
            {
                if (line.startsWith("AERON_DIR "))
                {
                    final String aeronDir = line.substring("AERON_DIR ".length());
                    final Thread drain = new Thread(() -> drain(out));
                    drain.setDaemon(true);
                    drain.start();
                    return new ServerProcess(process, aeronDir);
                }
                if (System.nanoTime() > deadlineNs)
                {
                    break;
                }
            }
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the server process did not start");
        }

        private static void drain(final BufferedReader out)
        {
            try
            {
                while (null != out.readLine())
                {
                    LockSupport.parkNanos(1_000);
                }
            }
            catch (final java.io.IOException ignore)
            {
                // The process is gone.
            }
        }

        void kill() throws InterruptedException
        {
            if (process.isAlive())
            {
                process.destroyForcibly().waitFor();
            }
            IoUtil.delete(new File(aeronDir), true);
        }
    }
}
