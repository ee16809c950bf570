package io.ripple.tools.journal;

import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.SelectDecoder;
import io.ripple.codecs.SelectResultDecoder;
import io.ripple.engine.CoordinationEngine;
import io.ripple.engine.EngineMetrics;
import io.ripple.engine.ErrorCode;
import io.ripple.engine.SignalType;
import io.ripple.journal.EngineCommandDispatcher;
import io.ripple.journal.JournalDirectory;
import io.ripple.journal.JournalDirectoryException;
import io.ripple.journal.RecoveredState;
import io.ripple.journal.Recovery;
import io.ripple.journal.ReplayObserver;
import io.ripple.journal.ResponseSink;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ripple journal replay DIR}: rebuilds the engine from the journal and reports its final state; checks that
 * every journaled answer is reproduced ({@code --verify}); and tells how selections would have gone under another
 * profile or weights ({@code --profile}, {@code --weights}).
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
        "Rebuild the engine from the journal and report its final state.",
        "--verify checks that every journaled selection answer is reproduced exactly;",
        "--profile NAME or --weights FILE report how many selections would have changed, and how the choices",
        "would spread over the agents (what-if analysis)." })
public final class ReplayCommand implements Callable<Integer>
{
    private static final int MAX_PENDING_ANSWERS = 1 << 16;
    private static final int MISMATCHES_SHOWN = 10;
    private static final int AGENTS_SHOWN = 20;

    static
    {
        JournalDirectory.disableChronicleReporting();
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    Path dir;

    @Option(names = "--from-snapshot", description = "Start from the newest intact snapshot (default: the start).")
    boolean fromSnapshot;

    @Option(names = "--verify", description = "Check that every journaled answer is reproduced exactly.")
    boolean verify;

    @Option(names = "--profile", paramLabel = "NAME", description = "What-if: score every selection with NAME.")
    String profile;

    @Option(names = "--weights", paramLabel = "FILE",
        description = "What-if: score every selection with the weights in FILE, a JSON object such as " +
            "{\"load\": 0.5, \"quality\": 0.5}.")
    Path weightsFile;

    @Option(names = "--agent-capacity", paramLabel = "N",
        description = "Agent capacity of the engine when no snapshot records the configuration.")
    int agentCapacity;

    @Option(names = "--quiet", description = "No progress on standard error.")
    boolean quiet;

    /**
     * Replay and report.
     *
     * @return 0; 1 if --verify found an answer that was not reproduced; 2 for a bad path or option.
     */
    public Integer call()
    {
        if (!JournalTools.check(spec, dir))
        {
            return JournalTools.BAD_INPUT;
        }

        double[] weights = null;
        if (null != weightsFile)
        {
            try
            {
                weights = SelectionRescorer.readWeights(weightsFile);
            }
            catch (final IOException ex)
            {
                JournalTools.error(spec, "cannot read weights: " + ex.getMessage());
                return JournalTools.BAD_INPUT;
            }
        }

        final boolean whatIf = null != profile || null != weights;
        final Watcher watcher = new Watcher(verify, whatIf, profile, weights);
        final RecoveredState state;
        try
        {
            state = Recovery.recover(
                dir, JournalTools.engineConfig(dir, agentCapacity), fromSnapshot, watcher,
                new ProgressReporter(spec.commandLine().getErr(), "replay", !quiet), watcher);
        }
        catch (final JournalDirectoryException ex)
        {
            JournalTools.error(spec, ex.getMessage());
            return JournalTools.BAD_INPUT;
        }

        final PrintWriter out = spec.commandLine().getOut();
        printSummary(out, state);
        if (whatIf)
        {
            printWhatIf(out, watcher);
        }

        int status = JournalTools.OK;
        if (verify)
        {
            status = printVerification(out, watcher);
        }

        out.flush();
        return status;
    }

    private void printSummary(final PrintWriter out, final RecoveredState state)
    {
        final CoordinationEngine engine = state.dispatcher().engine();
        final EngineMetrics metrics = engine.metrics();
        out.printf("journal        %s%n", dir);
        out.printf("started from   %s%n", null == state.snapshotPath() ?
            "an empty engine (start of the journal)" :
            state.snapshotPath() + " (journal index " + Long.toHexString(state.snapshotJournalIndex()) + ")");
        out.printf("replayed       %,d events, %,d answers read, in %,d ms (%,.0f events/s)%n",
            state.eventsReplayed(), state.answersRead(), state.replayNs() / 1_000_000,
            state.replayNs() > 0 ? state.eventsReplayed() * 1e9 / state.replayNs() : 0.0);
        out.printf("last           journal index %s, ring sequence %d%n",
            Long.toHexString(state.lastJournalIndex()), state.lastRingSequence());
        out.printf("skipped        %d torn entries, %d malformed records, %d corrupt snapshots%n",
            state.tornEntries(), state.malformedRecords(), state.snapshotsSkipped());
        out.printf("state          %,d agents tracked, %,d pools, %,d profiles%n",
            engine.agentCount(), engine.poolCount(), engine.profileCount());
        final StringBuilder signals = new StringBuilder();
        for (final SignalType type : SignalType.values())
        {
            signals.append(' ').append(type.name().toLowerCase()).append('=').append(metrics.signals(type));
        }
        out.printf("signals        %,d:%s%n", metrics.signals(), signals);
        out.printf("selections     %,d; predictions %,d; expirations %,d; evictions %,d; warnings %,d%n",
            metrics.selections(), metrics.predictions(), metrics.expirations(), metrics.evictions(),
            metrics.warnings());
        final StringBuilder rejections = new StringBuilder();
        for (final ErrorCode code : ErrorCode.values())
        {
            if (metrics.rejections(code) > 0)
            {
                rejections.append(' ').append(code.name()).append('=').append(metrics.rejections(code));
            }
        }
        out.printf("rejections     %,d%s%n", metrics.rejections(), rejections);
    }

    private void printWhatIf(final PrintWriter out, final Watcher watcher)
    {
        out.println();
        out.printf("what-if        %s%n", null != weightsFile ?
            "weights from " + weightsFile + (null != profile ? " on profile " + profile : "") :
            "profile " + profile);
        out.printf("selections     %,d compared, %,d not comparable (pool members unknown or request refused)%n",
            watcher.compared, watcher.notComparable);
        out.printf("changed        %,d (%.2f %%)%n",
            watcher.changed, watcher.compared > 0 ? 100.0 * watcher.changed / watcher.compared : 0.0);
        out.println();
        out.printf("%-32s %12s %12s %10s%n", "agent", "as journaled", "what-if", "change");
        final List<Map.Entry<String, long[]>> agents = new ArrayList<>(watcher.distribution.entrySet());
        agents.sort((a, b) -> Long.compare(
            Math.max(b.getValue()[0], b.getValue()[1]), Math.max(a.getValue()[0], a.getValue()[1])));
        for (int i = 0; i < Math.min(AGENTS_SHOWN, agents.size()); i++)
        {
            final long[] counts = agents.get(i).getValue();
            out.printf("%-32s %,12d %,12d %+,10d%n",
                agents.get(i).getKey(), counts[0], counts[1], counts[1] - counts[0]);
        }
        if (agents.size() > AGENTS_SHOWN)
        {
            out.printf("(%d more agents)%n", agents.size() - AGENTS_SHOWN);
        }
    }

    private int printVerification(final PrintWriter out, final Watcher watcher)
    {
        out.println();
        for (final String mismatch : watcher.mismatches)
        {
            out.println(mismatch);
        }

        final long journaled = watcher.verified + watcher.mismatched + watcher.unmatched;
        if (0 == watcher.mismatched && 0 == watcher.unmatched)
        {
            out.printf("verify         OK: all %,d journaled answers reproduced exactly%n", journaled);
            return JournalTools.OK;
        }

        out.printf("verify         FAILED: %,d of %,d journaled answers reproduced, %,d differ, %,d without a " +
            "replayed request%n", watcher.verified, journaled, watcher.mismatched, watcher.unmatched);
        return JournalTools.NOT_AS_EXPECTED;
    }

    /**
     * Watches the replay: keeps each selection's replayed answer until its journaled answer comes, and ranks each
     * selection again for the what-if analysis.
     */
    private static final class Watcher implements ReplayObserver, ResponseSink
    {
        private final boolean verify;
        private final boolean whatIf;
        private final String profileOverride;
        private final double[] weightsOverride;
        private final MessageDecoding decoding = new MessageDecoding();
        private final SelectionRescorer rescorer = new SelectionRescorer();
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final SelectResultDecoder selectResult = new SelectResultDecoder();
        private final LinkedHashMap<Long, byte[]> pendingAnswers = new LinkedHashMap<>()
        {
            private static final long serialVersionUID = 1L;

            protected boolean removeEldestEntry(final Map.Entry<Long, byte[]> eldest)
            {
                return size() > MAX_PENDING_ANSWERS;
            }
        };
        final Map<String, long[]> distribution = new HashMap<>();
        final List<String> mismatches = new ArrayList<>();

        private EngineCommandDispatcher dispatcher;
        private boolean inSelect;
        private byte[] response;
        private List<String> alternative;
        long verified;
        long mismatched;
        long unmatched;
        long compared;
        long notComparable;
        long changed;

        Watcher(final boolean verify, final boolean whatIf, final String profile, final double[] weights)
        {
            this.verify = verify;
            this.whatIf = whatIf;
            this.profileOverride = profile;
            this.weightsOverride = weights;
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
            final int templateId = decoding.templateIdOf(buffer, offset, length);
            inSelect = SelectDecoder.TEMPLATE_ID == templateId;
            response = null;
            alternative = null;
            if (whatIf && (inSelect || MessageDecoding.isProfileOrPoolChange(templateId)))
            {
                final DecodedMessage message = decoding.decode(buffer, offset, length);
                rescorer.observe(message);
                if (inSelect && null == message.problem)
                {
                    final SelectionRescorer.Ranking ranking = rescorer.rank(
                        dispatcher.engine(), timestampNs, message, profileOverride, weightsOverride);
                    if (null != ranking)
                    {
                        alternative = ranking.top(((Number) message.field("k")).intValue());
                    }
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
            if (!inSelect)
            {
                return;
            }

            if (verify && null != response)
            {
                pendingAnswers.put(sequence, response);
            }

            if (whatIf)
            {
                final List<String> actual = selectedAgents(response);
                if (null == alternative || null == actual)
                {
                    notComparable++;
                }
                else
                {
                    compared++;
                    if (!actual.equals(alternative))
                    {
                        changed++;
                    }
                    for (final String agent : actual)
                    {
                        distribution.computeIfAbsent(agent, (k) -> new long[2])[0]++;
                    }
                    for (final String agent : alternative)
                    {
                        distribution.computeIfAbsent(agent, (k) -> new long[2])[1]++;
                    }
                }
            }
            inSelect = false;
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
            if (!verify)
            {
                return;
            }

            final byte[] replayed = pendingAnswers.remove(requestSequence);
            if (null == replayed)
            {
                unmatched++;
                return;
            }

            final byte[] journaled = new byte[length];
            buffer.getBytes(offset, journaled);
            if (Arrays.equals(journaled, replayed))
            {
                verified++;
            }
            else
            {
                mismatched++;
                if (mismatches.size() < MISMATCHES_SHOWN)
                {
                    final DecodedMessage was = decoding.decode(new UnsafeBuffer(journaled), 0, journaled.length);
                    final DecodedMessage now = decoding.decode(new UnsafeBuffer(replayed), 0, replayed.length);
                    mismatches.add("DIFFERS at journal index " + Long.toHexString(index) + " (ring sequence " +
                        requestSequence + ", session " + sessionId + "):\n  journaled " +
                        RecordFormatter.toText(index, (byte) 2, requestSequence, timestampNs, sessionId, was) +
                        "\n  replayed  " +
                        RecordFormatter.toText(index, (byte) 2, requestSequence, timestampNs, sessionId, now));
                }
            }
        }

        public void onResponse(final long sessionId, final DirectBuffer buffer, final int offset, final int length)
        {
            if (inSelect && null == response)
            {
                response = new byte[length];
                buffer.getBytes(offset, response);
            }
        }

        public void onOverloadWarning(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        private List<String> selectedAgents(final byte[] answer)
        {
            if (null == answer)
            {
                return null;
            }

            final UnsafeBuffer buffer = new UnsafeBuffer(answer);
            header.wrap(buffer, 0);
            if (header.templateId() != SelectResultDecoder.TEMPLATE_ID)
            {
                return null;
            }

            selectResult.wrapAndApplyHeader(buffer, 0, header);
            final List<String> agents = new ArrayList<>();
            for (final SelectResultDecoder.SelectedDecoder selected : selectResult.selected())
            {
                agents.add(selected.agentId());
            }
            return agents;
        }
    }
}
