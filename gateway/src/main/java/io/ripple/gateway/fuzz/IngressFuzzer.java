package io.ripple.gateway.fuzz;

import io.ripple.codecs.ConnectDecoder;
import io.ripple.codecs.ConnectRejectedDecoder;
import io.ripple.codecs.ErrorCode;
import io.ripple.codecs.ErrorDecoder;
import io.ripple.codecs.FrameValidator;
import io.ripple.codecs.HeartbeatDecoder;
import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.MetricsSnapshotDecoder;
import io.ripple.codecs.SignalBatchDecoder;
import io.ripple.codecs.SignalDecoder;
import io.ripple.gateway.GatewayCounters;
import io.ripple.gateway.RippleServer;
import io.ripple.gateway.client.RippleClient;
import io.ripple.gateway.client.RippleException;
import io.ripple.gateway.client.RippleClientListener;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Sends frames from a {@link FrameFuzzer} through a real server over an admin session, in rounds, and checks after
 * each round that the server held up:
 * <ul>
 *     <li>every frame the protocol's checks reject, and that names this session, got exactly one {@code Error} with
 *     the code {@link FrameValidator} predicts (frames with a foreign schema get none);</li>
 *     <li>every other request got exactly one answer (a {@code Connect}, a {@code ConnectRejected} on this client's
 *     stream), and every accepted signal message was journaled;</li>
 *     <li>the engine applied exactly the signals that were accepted: the metrics' accepted-signal count grew by the
 *     signals of journaled messages minus the entries the engine rejected, so no rejected signal changed state;</li>
 *     <li>the metrics' rejection counts grew by the errors and connect refusals received plus the rejections that
 *     could not be answered;</li>
 *     <li>no stage of the server caught an exception.</li>
 * </ul>
 * Not thread-safe; the calling thread drives the client.
 */
public final class IngressFuzzer implements RippleClientListener
{
    private static final int MAX_VIOLATIONS = 20;
    private static final long ROUND_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final long QUIET_NS = TimeUnit.MILLISECONDS.toNanos(200);

    private final RippleClient client;
    private final GatewayCounters counters;
    private final FrameFuzzer fuzzer;
    private final FrameValidator validator;
    private final int roundSize;
    private final List<String> violations = new ArrayList<>();
    private final long[] rejectedByCode = new long[64];

    private final int[] templateIds;
    private final int[] expectedCodes;
    private final int[] errorCounts;
    private final int[] firstErrorCodes;
    private final int[] answerCounts;
    private final int[] entryCounts;
    private final int[] engineEntryErrors;
    private long roundBase;
    private long dropsBefore;
    private long answersDropped;
    private long strayErrors;
    private long strayAnswers;
    private long errorsReceivedExtra;
    private long connectsRejected;
    private long framesSent;
    private long roundsRun;

    /**
     * A fuzzer bound to a connected admin client.
     *
     * @param server    in this process, whose limits and counters are read.
     * @param client    connected with the admin role, so that every request template is allowed.
     * @param seed      of the frames.
     * @param roundSize frames sent between two checks.
     */
    public IngressFuzzer(final RippleServer server, final RippleClient client, final long seed, final int roundSize)
    {
        this.client = client;
        this.counters = server.counters();
        this.fuzzer = new FrameFuzzer(
            seed, server.config().maxMessageLength(), server.config().maxBatchSize(), server.config().maxCandidates())
            .connectRepliesTo(client.responseSubscription().channel(), client.responseSubscription().streamId());
        this.validator = new FrameValidator(
            server.config().maxMessageLength(), server.config().maxBatchSize(), server.config().maxCandidates());
        this.roundSize = roundSize;
        templateIds = new int[roundSize];
        expectedCodes = new int[roundSize];
        errorCounts = new int[roundSize];
        firstErrorCodes = new int[roundSize];
        answerCounts = new int[roundSize];
        entryCounts = new int[roundSize];
        engineEntryErrors = new int[roundSize];
    }

    /**
     * Send at least this many frames, in rounds, checking after each round; stops early after too many violations.
     *
     * @param frameCount frames to send.
     * @return the violations found, empty when the server held up.
     */
    public List<String> run(final long frameCount)
    {
        return run(frameCount, () -> {});
    }

    /**
     * Send at least this many frames, in rounds, checking after each round; stops early after too many violations.
     *
     * @param frameCount frames to send.
     * @param afterRound called after each round, for progress.
     * @return the violations found, empty when the server held up.
     */
    public List<String> run(final long frameCount, final Runnable afterRound)
    {
        long correlationId = 1_000_000_000L;
        try
        {
            while (framesSent < frameCount && violations.size() < MAX_VIOLATIONS)
            {
                correlationId = runRound(correlationId);
                afterRound.run();
            }
        }
        catch (final RippleException ex)
        {
            violation("round " + roundsRun + ": the server stopped answering: " + ex.getMessage());
        }
        return violations;
    }

    /**
     * Violations found so far.
     *
     * @return the count.
     */
    public int violationCount()
    {
        return violations.size();
    }

    /**
     * Frames sent so far.
     *
     * @return the count.
     */
    public long framesSent()
    {
        return framesSent;
    }

    /**
     * Frames the server rejected (gateway or engine) by code, as the answers reported them.
     *
     * @param code wire number of an {@link ErrorCode}.
     * @return the count.
     */
    public long rejected(final int code)
    {
        return code >= 0 && code < rejectedByCode.length ? rejectedByCode[code] : 0;
    }

    private long runRound(final long firstCorrelationId)
    {
        final Totals before = totals();
        final long unansweredBefore = counters.unansweredRejections();
        final long stageErrorsBefore = counters.stageErrors();
        final long journaledBefore = client.messagesJournaled();
        dropsBefore = counters.egressDrops();
        roundBase = firstCorrelationId;
        strayErrors = 0;
        strayAnswers = 0;
        errorsReceivedExtra = 0;
        connectsRejected = 0;

        long expectedJournaled = 0;
        long expectedStrays = 0;
        for (int i = 0; i < roundSize; i++)
        {
            errorCounts[i] = 0;
            firstErrorCodes[i] = 0;
            answerCounts[i] = 0;
            engineEntryErrors[i] = 0;
            entryCounts[i] = 0;

            final int length = fuzzer.next(client.sessionId(), firstCorrelationId + i);
            final DirectBuffer frame = fuzzer.buffer();
            final ErrorCode code = validator.validate(frame, 0, length);
            templateIds[i] = validator.templateId();
            expectedCodes[i] = null == code ? 0 : code.value();
            if (!fuzzer.isStamped())
            {
                expectedCodes[i] = -1;
                if (null != code && ErrorCode.UNKNOWN_SCHEMA != code)
                {
                    // Answered on this connection, but with whatever correlation id the bytes held.
                    expectedStrays++;
                }
            }
            else if (null == code)
            {
                if (SignalDecoder.TEMPLATE_ID == templateIds[i])
                {
                    entryCounts[i] = 1;
                    expectedJournaled++;
                }
                else if (SignalBatchDecoder.TEMPLATE_ID == templateIds[i])
                {
                    entryCounts[i] = frame.getShort(8 + validator.blockLength() + 2, LITTLE_ENDIAN) & 0xFFFF;
                    expectedJournaled++;
                }
            }

            client.sendRaw(frame, 0, length);
            while (client.poll() > 0)
            {
                // Read every answer waiting so that this client is not the slow reader the server drops answers for.
            }
            if (0 == expectedCodes[i] && ConnectDecoder.TEMPLATE_ID == templateIds[i])
            {
                awaitAnswer(i);
            }
        }
        framesSent += roundSize;
        roundsRun++;

        final long deadlineNs = System.nanoTime() + ROUND_TIMEOUT_NS;
        long lastWorkNs = System.nanoTime();
        while (!isRoundAnswered(journaledBefore + expectedJournaled, expectedStrays))
        {
            final long nowNs = System.nanoTime();
            if (nowNs > deadlineNs || (counters.egressDrops() > dropsBefore && nowNs - lastWorkNs > QUIET_NS))
            {
                // Answers the server dropped (its counter says so) will not come: stop waiting once all is quiet.
                break;
            }
            if (0 == client.poll())
            {
                LockSupport.parkNanos(100_000);
            }
            else
            {
                lastWorkNs = nowNs;
            }
        }

        checkRound(before, unansweredBefore, stageErrorsBefore, journaledBefore, expectedJournaled, expectedStrays);
        return firstCorrelationId + roundSize;
    }

    /**
     * Wait for the answer to one request before sending more: the server has room for only a few connect refusals
     * in flight, and counts the rest as unanswered.
     */
    private void awaitAnswer(final int i)
    {
        final long deadlineNs = System.nanoTime() + ROUND_TIMEOUT_NS;
        while (0 == answerCounts[i] + errorCounts[i] && System.nanoTime() - deadlineNs < 0)
        {
            if (0 == client.poll())
            {
                LockSupport.parkNanos(100_000);
            }
        }
    }

    private boolean isRoundAnswered(final long expectedJournaled, final long expectedStrays)
    {
        if (client.messagesJournaled() < expectedJournaled - busyRejectedSignals() || strayErrors < expectedStrays)
        {
            return false;
        }
        for (int i = 0; i < roundSize; i++)
        {
            if (needsAnswer(i) && 0 == errorCounts[i] && 0 == answerCounts[i])
            {
                return false;
            }
        }
        return true;
    }

    private boolean needsAnswer(final int i)
    {
        if (expectedCodes[i] < 0)
        {
            return false;
        }
        if (expectedCodes[i] > 0)
        {
            return ErrorCode.UNKNOWN_SCHEMA.value() != expectedCodes[i];
        }
        return !isSignal(i) && HeartbeatDecoder.TEMPLATE_ID != templateIds[i];
    }

    private boolean isSignal(final int i)
    {
        return SignalDecoder.TEMPLATE_ID == templateIds[i] || SignalBatchDecoder.TEMPLATE_ID == templateIds[i];
    }

    private int busyRejectedSignals()
    {
        int count = 0;
        for (int i = 0; i < roundSize; i++)
        {
            if (0 == expectedCodes[i] && isSignal(i) && isGatewayCode(firstErrorCodes[i]))
            {
                count++;
            }
        }
        return count;
    }

    private void checkRound(
        final Totals before,
        final long unansweredBefore,
        final long stageErrorsBefore,
        final long journaledBefore,
        final long expectedJournaled,
        final long expectedStrays)
    {
        final Totals after = totals();
        final String round = "round " + roundsRun + " (correlation ids from " + roundBase + "): ";
        final long drops = counters.egressDrops() - dropsBefore;
        answersDropped += drops;
        if (drops > 0)
        {
            checkRoundWithDrops(round, before, after, unansweredBefore, drops);
            return;
        }

        long errorsReceived = strayErrors + errorsReceivedExtra + connectsRejected;
        long signalsApplied = 0;
        for (int i = 0; i < roundSize; i++)
        {
            errorsReceived += errorCounts[i];
            final int expected = expectedCodes[i];
            if (expected > 0 && ErrorCode.UNKNOWN_SCHEMA.value() != expected)
            {
                if (1 != errorCounts[i] || expected != firstErrorCodes[i])
                {
                    violation(round + "frame " + i + " (template " + templateIds[i] + ") expected one " +
                        ErrorCode.get(expected) + " but got " + errorCounts[i] + " errors, first " +
                        firstErrorCodes[i] + ", and " + answerCounts[i] + " answers");
                }
            }
            else if (expected > 0 && errorCounts[i] + answerCounts[i] > 0)
            {
                violation(round + "frame " + i + " with a foreign schema was answered");
            }
            else if (0 == expected && isSignal(i))
            {
                if (!isGatewayCode(firstErrorCodes[i]))
                {
                    signalsApplied += entryCounts[i] - engineEntryErrors[i];
                }
            }
            else if (0 == expected && needsAnswer(i) && 1 != errorCounts[i] + answerCounts[i])
            {
                violation(round + "request " + i + " (template " + templateIds[i] + ") got " +
                    (errorCounts[i] + answerCounts[i]) + " answers instead of one");
            }
        }

        final long journaled = client.messagesJournaled() - journaledBefore;
        if (journaled != expectedJournaled - busyRejectedSignals())
        {
            violation(round + journaled + " signal messages journaled, expected " +
                (expectedJournaled - busyRejectedSignals()));
        }
        if (strayErrors != expectedStrays || 0 != strayAnswers)
        {
            violation(round + strayErrors + " errors and " + strayAnswers + " answers for unstamped frames, expected " +
                expectedStrays + " errors");
        }
        if (after.signals - before.signals != signalsApplied)
        {
            violation(round + "engine applied " + (after.signals - before.signals) + " signals, but " +
                signalsApplied + " were accepted");
        }
        final long unanswered = counters.unansweredRejections() - unansweredBefore;
        if (after.rejections - before.rejections != errorsReceived + unanswered)
        {
            violation(round + "rejections grew by " + (after.rejections - before.rejections) + ", but " +
                errorsReceived + " errors were received and " + unanswered + " were unanswered");
        }
        if (counters.stageErrors() != stageErrorsBefore)
        {
            violation(round + (counters.stageErrors() - stageErrorsBefore) + " exceptions caught in the server");
        }
        if (!client.isConnected())
        {
            violation(round + "the fuzz session was closed: " + client.disconnectReason());
        }
    }

    /**
     * When the server dropped answers to this slow reader (counted, as its back-pressure policy says), each missing
     * answer must be covered by a drop, and the counters may differ from the answers by no more than the drops.
     */
    private void checkRoundWithDrops(
        final String round, final Totals before, final Totals after, final long unansweredBefore, final long drops)
    {
        long missing = 0;
        long errorsReceived = strayErrors + errorsReceivedExtra + connectsRejected;
        for (int i = 0; i < roundSize; i++)
        {
            errorsReceived += errorCounts[i];
            if (needsAnswer(i) && 0 == errorCounts[i] + answerCounts[i])
            {
                missing++;
            }
            else if (errorCounts[i] + answerCounts[i] > 1 && !isSignal(i))
            {
                violation(round + "request " + i + " answered " + (errorCounts[i] + answerCounts[i]) + " times");
            }
        }

        final long unanswered = counters.unansweredRejections() - unansweredBefore;
        final long rejections = after.rejections - before.rejections;
        if (missing > drops)
        {
            violation(round + missing + " requests unanswered but only " + drops + " answers dropped");
        }
        if (rejections < errorsReceived + unanswered || rejections > errorsReceived + unanswered + drops)
        {
            violation(round + "rejections grew by " + rejections + ", but " + errorsReceived + " errors were " +
                "received, " + unanswered + " were unanswered and " + drops + " answers dropped");
        }
        if (!client.isConnected())
        {
            violation(round + "the fuzz session was closed: " + client.disconnectReason());
        }
    }

    /**
     * Answers the server dropped because this client read too slowly, over the whole run.
     *
     * @return the count from the server's counter.
     */
    public long answersDropped()
    {
        return answersDropped;
    }

    private void violation(final String text)
    {
        if (violations.size() < MAX_VIOLATIONS)
        {
            violations.add(text);
        }
    }

    private Totals totals()
    {
        final MetricsSnapshotDecoder metrics = metricsWithRetry();
        final Totals totals = new Totals();
        for (final MetricsSnapshotDecoder.SignalsByTypeDecoder entry : metrics.signalsByType())
        {
            totals.signals += entry.signalCount();
        }
        for (final MetricsSnapshotDecoder.RejectionsByCodeDecoder entry : metrics.rejectionsByCode())
        {
            totals.rejections += entry.rejectionCount();
        }
        return totals;
    }

    private MetricsSnapshotDecoder metricsWithRetry()
    {
        for (int attempt = 1; ; attempt++)
        {
            final long dropsBeforeQuery = counters.egressDrops();
            try
            {
                return client.metrics();
            }
            catch (final RippleException ex)
            {
                // Only an answer the server says it dropped may be asked for again.
                if (attempt >= 3 || counters.egressDrops() == dropsBeforeQuery)
                {
                    throw ex;
                }
            }
        }
    }

    private static boolean isGatewayCode(final int code)
    {
        return code > 0 && (code < 10 || code >= 40);
    }

    /**
     * {@inheritDoc}
     */
    public void onError(final ErrorDecoder error)
    {
        final int code = error.codeRaw();
        if (code >= 0 && code < rejectedByCode.length)
        {
            rejectedByCode[code]++;
        }

        final long index = error.correlationId() - roundBase;
        if (index < 0 || index >= roundSize)
        {
            strayErrors++;
            return;
        }

        final int i = (int) index;
        if (0 == errorCounts[i])
        {
            firstErrorCodes[i] = code;
        }
        if (isSignal(i) && !isGatewayCode(code))
        {
            // The engine answers one Error per rejected entry of a batch: the request counts as answered once.
            engineEntryErrors[i]++;
            errorsReceivedExtra += engineEntryErrors[i] > 1 ? 1 : 0;
            if (0 == errorCounts[i])
            {
                errorCounts[i] = 1;
            }
            return;
        }
        errorCounts[i]++;
    }

    /**
     * {@inheritDoc}
     */
    public void onAnswer(
        final int templateId, final long correlationId, final DirectBuffer buffer, final int offset, final int length)
    {
        if (ConnectRejectedDecoder.TEMPLATE_ID == templateId)
        {
            connectsRejected++;
            final int codeOffset =
                offset + MessageHeaderDecoder.ENCODED_LENGTH + ConnectRejectedDecoder.codeEncodingOffset();
            final int code = buffer.getShort(codeOffset, LITTLE_ENDIAN) & 0xFFFF;
            if (code < rejectedByCode.length)
            {
                rejectedByCode[code]++;
            }
        }

        final long index = correlationId - roundBase;
        if (index >= 0 && index < roundSize)
        {
            answerCounts[(int) index]++;
        }
        else
        {
            strayAnswers++;
        }
    }

    private static final class Totals
    {
        long signals;
        long rejections;
    }
}
