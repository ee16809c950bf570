package io.ripple.gateway.fuzz;

import io.ripple.codecs.ErrorCode;
import io.ripple.codecs.Role;
import io.ripple.gateway.GatewayConfig;
import io.ripple.gateway.JournalBackend;
import io.ripple.gateway.RippleServer;
import io.ripple.gateway.client.RippleClient;
import io.ripple.gateway.client.RippleClientContext;
import io.ripple.gateway.session.CredentialStore;
import io.ripple.gateway.session.Principal;
import io.ripple.gateway.session.SecretHash;
import org.agrona.IoUtil;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ripple fuzz}: send hostile frames through a real server (embedded media driver, journal in a temporary
 * directory) and check after every round that each was answered as the protocol says and that no rejected frame
 * changed the engine's state. Exit status 0 when the server held up, 1 when it did not, 2 on bad options.
 */
@Command(
    name = "fuzz",
    mixinStandardHelpOptions = true,
    description = "Fuzz the ingress of an embedded server: random and mutated frames, checked round by round.")
public final class FuzzCommand implements Callable<Integer>
{
    /**
     * How often a long run reports its progress.
     */
    public static final long PROGRESS_INTERVAL_NS = 10_000_000_000L;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "100000", description = "Frames to send.")
    private long frameCount;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "7301", description = "Seed of the frames.")
    private long seed;

    @Option(names = "--round", paramLabel = "N", defaultValue = "200",
        description = "Frames sent between two checks.")
    private int roundSize;

    /**
     * Run the fuzzer.
     *
     * @return 0 when every check held, 1 otherwise, 2 on bad options.
     * @throws Exception if the server cannot start.
     */
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        if (frameCount < 1 || roundSize < 1 || roundSize > 100_000)
        {
            spec.commandLine().getErr().println("--frames must be positive and --round from 1 to 100000");
            return 2;
        }

        final PrintWriter err = spec.commandLine().getErr();
        final Result result = fuzz(frameCount, seed, roundSize, (sent, violations, seconds) ->
        {
            err.printf("fuzz: %,d of %,d frames (%.0f %%) in %.0f s, %,.0f frames/s, %d violations%n",
                sent, frameCount, 100.0 * sent / frameCount, seconds, sent / seconds, violations);
            err.flush();
        });
        out.printf("frames %,d in %.1f s (%,.0f frames/s), seed %d%n",
            result.framesSent, result.seconds, result.framesSent / result.seconds, seed);
        out.printf("errors received: %s%n", result.errorsByCode);
        out.printf("answers the server dropped for this slow reader (its counter): %,d%n", result.answersDropped);
        if (result.violations.isEmpty())
        {
            out.println("ok: every rejected frame was answered as predicted and changed no state");
            return 0;
        }
        for (final String violation : result.violations)
        {
            out.println("VIOLATION " + violation);
        }
        return 1;
    }

    /**
     * Fuzz a fresh server, started and removed here.
     *
     * @param frameCount frames to send.
     * @param seed       of the frames.
     * @param roundSize  frames between two checks.
     * @return what was sent and found.
     * @throws Exception if the server cannot start.
     */
    public static Result fuzz(final long frameCount, final long seed, final int roundSize) throws Exception
    {
        return fuzz(frameCount, seed, roundSize, (sent, violations, seconds) -> {});
    }

    /**
     * Fuzz a fresh server, started and removed here, reporting progress about every {@link #PROGRESS_INTERVAL_NS}.
     *
     * @param frameCount frames to send.
     * @param seed       of the frames.
     * @param roundSize  frames between two checks.
     * @param progress   told the frames sent, the violations found and the seconds elapsed.
     * @return what was sent and found.
     * @throws Exception if the server cannot start.
     */
    public static Result fuzz(final long frameCount, final long seed, final int roundSize, final Progress progress)
        throws Exception
    {
        final Path dir = Files.createTempDirectory("ripple-fuzz");
        final String secret = SecretHash.generateSecret();
        final CredentialStore credentials = CredentialStore.of(List.of(
            new Principal("fuzz-admin", Role.ADMIN, SecretHash.create(SecretHash.SHA256, secret, 1), List.of())));
        final GatewayConfig config = new GatewayConfig()
            .credentialStore(credentials)
            .journalDir(dir.resolve("journal"))
            .snapshotIntervalMs(0)
            .sessionTimeoutMs(60_000);

        try (RippleServer server = RippleServer.start(config, new JournalBackend()))
        {
            final RippleClientContext context = new RippleClientContext()
                .aeronDirectoryName(server.aeronDirectoryName())
                .credentials("fuzz-admin", secret)
                .idleStrategy(() -> new SleepingMillisIdleStrategy(1))
                .requestTimeoutMs(5_000);
            final IngressFuzzer[] fuzzer = new IngressFuzzer[1];
            context.listener(new ForwardingListener(fuzzer));
            try (RippleClient client = RippleClient.connect(context))
            {
                fuzzer[0] = new IngressFuzzer(server, client, seed, roundSize);
                final long startNs = System.nanoTime();
                final long[] nextReportNs = { startNs + PROGRESS_INTERVAL_NS };
                final List<String> violations = fuzzer[0].run(frameCount, () ->
                {
                    final long nowNs = System.nanoTime();
                    if (nowNs - nextReportNs[0] >= 0)
                    {
                        nextReportNs[0] = nowNs + PROGRESS_INTERVAL_NS;
                        progress.report(
                            fuzzer[0].framesSent(), fuzzer[0].violationCount(), (nowNs - startNs) / 1e9);
                    }
                });
                final double seconds = (System.nanoTime() - startNs) / 1e9;

                final StringBuilder errorsByCode = new StringBuilder();
                for (final ErrorCode code : ErrorCode.values())
                {
                    final long count = fuzzer[0].rejected(code.value());
                    if (count > 0)
                    {
                        errorsByCode.append(code.name()).append('=').append(count).append(' ');
                    }
                }
                return new Result(
                    fuzzer[0].framesSent(), seconds, errorsByCode.toString().trim(), fuzzer[0].answersDropped(),
                    violations);
            }
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    /**
     * Receives the progress of a long run.
     */
    @FunctionalInterface
    public interface Progress
    {
        /**
         * Progress so far.
         *
         * @param framesSent frames sent.
         * @param violations violations found.
         * @param seconds    since the first frame.
         */
        void report(long framesSent, int violations, double seconds);
    }

    /**
     * Outcome of a fuzz run.
     */
    public static final class Result
    {
        /**
         * Frames sent.
         */
        public final long framesSent;

        /**
         * Wall-clock duration of the sending and checking, in seconds.
         */
        public final double seconds;

        /**
         * Errors received, as {@code CODE=count} pairs.
         */
        public final String errorsByCode;

        /**
         * Answers the server dropped because the fuzz client read too slowly (its back-pressure policy).
         */
        public final long answersDropped;

        /**
         * What did not hold, empty when everything did.
         */
        public final List<String> violations;

        Result(
            final long framesSent,
            final double seconds,
            final String errorsByCode,
            final long answersDropped,
            final List<String> violations)
        {
            this.framesSent = framesSent;
            this.seconds = seconds;
            this.errorsByCode = errorsByCode;
            this.answersDropped = answersDropped;
            this.violations = violations;
        }
    }

    /**
     * The client is built before the fuzzer that listens to it: answers during the connect go nowhere.
     */
    private static final class ForwardingListener implements io.ripple.gateway.client.RippleClientListener
    {
        private final IngressFuzzer[] target;

        ForwardingListener(final IngressFuzzer[] target)
        {
            this.target = target;
        }

        public void onError(final io.ripple.codecs.ErrorDecoder error)
        {
            if (null != target[0])
            {
                target[0].onError(error);
            }
        }

        public void onAnswer(
            final int templateId,
            final long correlationId,
            final org.agrona.DirectBuffer buffer,
            final int offset,
            final int length)
        {
            if (null != target[0])
            {
                target[0].onAnswer(templateId, correlationId, buffer, offset, length);
            }
        }
    }
}
