package io.ripple.tools.journal;

import io.ripple.codecs.SelectDecoder;
import io.ripple.journal.EngineCommandDispatcher;
import io.ripple.journal.JournalDirectory;
import io.ripple.journal.JournalDirectoryException;
import io.ripple.journal.Recovery;
import io.ripple.journal.ReplayObserver;
import io.ripple.journal.ResponseSink;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ripple journal explain DIR REQUEST}: replays the journal up to one selection and shows, for every candidate,
 * its routing score and per-type scores at that moment, and why the winner won.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
        "Replay up to one selection and show every candidate's routing and per-type scores at that moment, and why",
        "the winner won. REQUEST is SESSION/CORRELATION (42/1001), #SEQUENCE (ring sequence, #17) or @INDEX",
        "(journal index in hex, @79d1d00000063)." })
public final class ExplainCommand implements Callable<Integer>
{
    static
    {
        JournalDirectory.disableChronicleReporting();
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    Path dir;

    @Parameters(index = "1", paramLabel = "REQUEST", description = "SESSION/CORRELATION, #SEQUENCE or @INDEX.")
    String request;

    @Option(names = "--agent-capacity", paramLabel = "N",
        description = "Agent capacity of the engine when no snapshot records the configuration.")
    int agentCapacity;

    @Option(names = "--quiet", description = "No progress on standard error.")
    boolean quiet;

    /**
     * Replay to the selection and explain it.
     *
     * @return 0, 1 if the journal has no such selection, 2 for a bad path or request.
     */
    public Integer call()
    {
        final Target target;
        try
        {
            target = Target.parse(request);
        }
        catch (final IllegalArgumentException ex)
        {
            JournalTools.error(spec, ex.getMessage());
            return JournalTools.BAD_INPUT;
        }

        if (!JournalTools.check(spec, dir))
        {
            return JournalTools.BAD_INPUT;
        }

        final Finder finder = new Finder(target);
        try
        {
            Recovery.recover(
                dir, JournalTools.engineConfig(dir, agentCapacity), false, finder,
                new ProgressReporter(spec.commandLine().getErr(), "explain", !quiet), finder);
        }
        catch (final JournalDirectoryException ex)
        {
            JournalTools.error(spec, ex.getMessage());
            return JournalTools.BAD_INPUT;
        }

        if (null == finder.select)
        {
            JournalTools.error(spec, "no selection " + request + " in " + dir);
            return JournalTools.NOT_AS_EXPECTED;
        }

        print(spec.commandLine().getOut(), finder);
        return JournalTools.OK;
    }

    private static void print(final PrintWriter out, final Finder finder)
    {
        final DecodedMessage select = finder.select;
        out.printf("selection      session %d, correlation id %s, ring sequence %d, journal index %s%n",
            finder.sessionId, select.field("correlation_id"), finder.sequence, Long.toHexString(finder.index));
        out.printf("time           %s%n", RecordFormatter.time(finder.timestampNs));
        out.printf("request        %s%n", RecordFormatter.toText(
            finder.index, (byte) 1, finder.sequence, finder.timestampNs, finder.sessionId, select));

        final SelectionRescorer.Ranking ranking = finder.ranking;
        if (null == ranking)
        {
            out.println("candidates     unknown (a pool whose members the journal does not show, or a request the " +
                "engine refused)");
        }
        else
        {
            out.printf("profile        %s, weights %s, in-flight penalty %s%n",
                ranking.profileName, weightsText(ranking.weights), ranking.inFlightPenalty);
            out.println();
            out.printf("%4s  %-24s %5s %9s %9s %9s %9s %9s %9s %9s %9s%n", "rank", "agent", "index", "score",
                "load", "capacity", "quality", "cost", "latency", "avail", "inflight");
            int rank = 1;
            for (final SelectionRescorer.Row row : ranking.ranked)
            {
                out.printf("%4d  %-24s %5d %9.6f %9.6f %9.6f %9.6f %9.6f %9.6f %9.6f %9d%s%n", rank++, row.agent,
                    row.index, row.score, row.typeScores[0], row.typeScores[1], row.typeScores[2],
                    row.typeScores[3], row.typeScores[4], row.typeScores[5], row.inFlight,
                    row.tracked ? "" : "  (not tracked: neutral 0.5)");
            }
            out.println();
            explainWinner(out, ranking, ((Number) select.field("k")).intValue());
        }

        out.println();
        out.printf("engine answer  %s%n", null == finder.replayedAnswer ? "none" : RecordFormatter.toText(
            finder.index, (byte) 2, finder.sequence, finder.timestampNs, finder.sessionId, finder.replayedAnswer));
        if (null != finder.journaledAnswer)
        {
            final boolean same = finder.replayedAnswer != null &&
                finder.replayedAnswer.fields.equals(finder.journaledAnswer.fields);
            out.printf("journaled      %s%n", same ? "the same answer" : RecordFormatter.toText(
                finder.index, (byte) 2, finder.sequence, finder.timestampNs, finder.sessionId,
                finder.journaledAnswer));
        }
        out.flush();
    }

    private static void explainWinner(final PrintWriter out, final SelectionRescorer.Ranking ranking, final int k)
    {
        if (ranking.ranked.isEmpty())
        {
            return;
        }

        final SelectionRescorer.Row winner = ranking.ranked.get(0);
        if (ranking.ranked.size() == 1)
        {
            out.printf("why            %s is the only candidate%n", winner.agent);
            return;
        }

        final SelectionRescorer.Row second = ranking.ranked.get(1);
        if (winner.score == second.score)
        {
            out.printf("why            %s and %s tie at %.6f; %s%n", winner.agent, second.agent, winner.score,
                ranking.inFlightPenalty != 0.0 && winner.inFlight != second.inFlight ?
                winner.agent + " has fewer selections in flight (" + winner.inFlight + " vs " + second.inFlight +
                ")" : winner.agent + " comes first in the request");
            return;
        }

        out.printf("why            %s beats %s by %.6f in routing score%s%n", winner.agent, second.agent,
            winner.score - second.score, k > 1 ? " (k = " + k + ": the top " + k + " are chosen)" : "");
        if (null == ranking.weights)
        {
            return;
        }

        double sum = 0;
        for (final double weight : ranking.weights)
        {
            sum += weight;
        }
        final List<String> parts = new ArrayList<>();
        final List<Double> contributions = new ArrayList<>();
        for (int t = 0; t < SelectionRescorer.TYPE_NAMES.length; t++)
        {
            final double contribution = ranking.weights[t] * (winner.typeScores[t] - second.typeScores[t]) / sum;
            if (contribution != 0.0)
            {
                int at = 0;
                while (at < contributions.size() && Math.abs(contributions.get(at)) >= Math.abs(contribution))
                {
                    at++;
                }
                contributions.add(at, contribution);
                parts.add(at, String.format("%s %+.6f (%.3f vs %.3f, weight %.3f)", SelectionRescorer.TYPE_NAMES[t],
                    contribution, winner.typeScores[t], second.typeScores[t], ranking.weights[t]));
            }
        }
        out.printf("               contributions to the difference, largest first:%n");
        for (final String part : parts)
        {
            out.printf("                 %s%n", part);
        }
    }

    private static String weightsText(final double[] weights)
    {
        if (null == weights)
        {
            return "(unknown)";
        }

        final StringBuilder text = new StringBuilder();
        for (int t = 0; t < weights.length; t++)
        {
            text.append(t == 0 ? "" : " ").append(SelectionRescorer.TYPE_NAMES[t]).append('=').append(weights[t]);
        }
        return text.toString();
    }

    static final class Target
    {
        long sessionId = -1;
        long correlationId = -1;
        long sequence = -1;
        long index = -1;

        static Target parse(final String text)
        {
            final Target target = new Target();
            try
            {
                if (text.startsWith("#"))
                {
                    target.sequence = Long.parseLong(text.substring(1));
                }
                else if (text.startsWith("@"))
                {
                    target.index = Long.parseUnsignedLong(text.substring(1), 16);
                }
                else
                {
                    final int slash = text.indexOf('/');
                    if (slash < 0)
                    {
                        throw new NumberFormatException();
                    }
                    target.sessionId = Long.parseLong(text.substring(0, slash));
                    target.correlationId = Long.parseLong(text.substring(slash + 1));
                }
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(
                    "REQUEST must be SESSION/CORRELATION, #SEQUENCE or @INDEX (hex), not " + text);
            }
            return target;
        }

        boolean matches(final long index, final long sequence, final long sessionId, final DecodedMessage select)
        {
            if (this.index >= 0)
            {
                return this.index == index;
            }
            if (this.sequence >= 0)
            {
                return this.sequence == sequence;
            }
            final Object correlation = select.field("correlation_id");
            return this.sessionId == sessionId && null != correlation &&
                ((Number) correlation).longValue() == correlationId;
        }
    }

    private static final class Finder implements ReplayObserver, ResponseSink
    {
        private final Target target;
        private final MessageDecoding decoding = new MessageDecoding();
        private final SelectionRescorer rescorer = new SelectionRescorer();
        private EngineCommandDispatcher dispatcher;
        private boolean capturing;
        DecodedMessage select;
        SelectionRescorer.Ranking ranking;
        DecodedMessage replayedAnswer;
        DecodedMessage journaledAnswer;
        long index;
        long sequence;
        long sessionId;
        long timestampNs;

        Finder(final Target target)
        {
            this.target = target;
        }

        public void onStart(final EngineCommandDispatcher dispatcher)
        {
            this.dispatcher = dispatcher;
        }

        public boolean beforeEvent(
            final long index,
            final long sequence,
            final long timestampNs,
            final long sessionId,
            final DirectBuffer buffer,
            final int offset,
            final int length)
        {
            if (null != select)
            {
                return false;
            }

            final int templateId = decoding.templateIdOf(buffer, offset, length);
            if (MessageDecoding.isProfileOrPoolChange(templateId))
            {
                rescorer.observe(decoding.decode(buffer, offset, length));
            }
            else if (SelectDecoder.TEMPLATE_ID == templateId && (target.index < 0 || target.index == index) &&
                (target.sequence < 0 || target.sequence == sequence))
            {
                final DecodedMessage message = decoding.decode(buffer, offset, length);
                if (null == message.problem && target.matches(index, sequence, sessionId, message))
                {
                    select = message;
                    this.index = index;
                    this.sequence = sequence;
                    this.sessionId = sessionId;
                    this.timestampNs = timestampNs;
                    ranking = rescorer.rank(dispatcher.engine(), timestampNs, message, null, null);
                    capturing = true;
                }
            }

            return true;
        }

        public void afterEvent(
            final long index,
            final long sequence,
            final long timestampNs,
            final long sessionId,
            final DirectBuffer buffer,
            final int offset,
            final int length)
        {
            capturing = false;
        }

        public void onAnswer(
            final long index,
            final long requestSequence,
            final long timestampNs,
            final long sessionId,
            final DirectBuffer buffer,
            final int offset,
            final int length)
        {
            if (null != select && null == journaledAnswer && requestSequence == sequence)
            {
                journaledAnswer = decoding.decode(buffer, offset, length);
            }
        }

        public void onResponse(final long sessionId, final DirectBuffer buffer, final int offset, final int length)
        {
            if (capturing && null == replayedAnswer)
            {
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                replayedAnswer = decoding.decode(new UnsafeBuffer(copy), 0, length);
            }
        }

        public void onOverloadWarning(final DirectBuffer buffer, final int offset, final int length)
        {
        }
    }
}
