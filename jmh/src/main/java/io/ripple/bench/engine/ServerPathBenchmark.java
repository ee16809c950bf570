package io.ripple.bench.engine;

import io.ripple.codecs.ErrorDecoder;
import io.ripple.codecs.FrameValidator;
import io.ripple.codecs.MessageHeaderEncoder;
import io.ripple.codecs.SelectEncoder;
import io.ripple.codecs.SignalEncoder;
import io.ripple.codecs.SignalType;
import io.ripple.engine.EngineConfig;
import io.ripple.journal.EngineCommandDispatcher;
import io.ripple.journal.JournalConfig;
import io.ripple.journal.JournalWriter;
import io.ripple.journal.ResponseSink;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the server's one hot thread does for a request once Aeron has handed it over, without Aeron: check the frame
 * ({@link FrameValidator}), append it to the journal ({@link JournalWriter}, in {@code /dev/shm} when there is one,
 * else the temporary directory) and apply it through the {@link EngineCommandDispatcher} (SBE decode, engine, SBE
 * encode of any answer). Frames are encoded in set-up, as a client would send them; 1,000 agents, each with a full
 * history ring, rotate. Each measurement iteration starts a new journal, so the journal's page faults are measured
 * as a server meets them.
 * <p>
 * Set against {@link SignalApplyBenchmark} and {@link SelectBenchmark}, the difference is the cost of the protocol
 * and the journal per request; with {@code -prof gc} it shows the whole server path allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ServerPathBenchmark
{
    private static final int AGENT_COUNT = 1000;
    private static final int SIGNAL_FRAMES = 6 * 1024;
    private static final int SELECT_FRAMES = 64;
    private static final int CANDIDATES = 100;
    private static final int FRAME_CAPACITY = 4096;
    private static final long SESSION_ID = 7;
    private static final SignalType[] TYPES = {
        SignalType.LOAD, SignalType.CAPACITY, SignalType.QUALITY, SignalType.COST, SignalType.LATENCY,
        SignalType.AVAILABILITY };

    private final FrameValidator validator = new FrameValidator();
    private final UnsafeBuffer[] signalFrames = new UnsafeBuffer[SIGNAL_FRAMES];
    private final int[] signalLengths = new int[SIGNAL_FRAMES];
    private final UnsafeBuffer[] selectFrames = new UnsafeBuffer[SELECT_FRAMES];
    private final int[] selectLengths = new int[SELECT_FRAMES];
    private final AnswerCounter answers = new AnswerCounter();
    private EngineCommandDispatcher dispatcher;
    private LoadReports loadReports;
    private JournalWriter journal;
    private Path journalDir;
    private long timestampNs;
    private long sequence;
    private int signalCursor;
    private int selectCursor;

    /**
     * Encode the frames and bring every agent's history to its full size.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        dispatcher = new EngineCommandDispatcher(new EngineConfig(), answers);
        final String[] agentIds = EngineFixture.agentIds(AGENT_COUNT);
        timestampNs = EngineFixture.publish(dispatcher.engine(), agentIds, TYPES.length, EngineFixture.START_NS);
        loadReports = new LoadReports(agentIds);

        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final SignalEncoder signal = new SignalEncoder();
        final double[] values = EngineFixture.values();
        for (int i = 0; i < SIGNAL_FRAMES; i++)
        {
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[FRAME_CAPACITY]);
            signal.wrapAndApplyHeader(frame, 0, header)
                .sessionId(SESSION_ID)
                .correlationId(i)
                .value(values[i & (EngineFixture.VALUE_COUNT - 1)])
                .confidence(1.0)
                .ttlMs(EngineFixture.TTL_MS)
                .signalType(TYPES[(i / AGENT_COUNT) % TYPES.length])
                .agentId(agentIds[i % AGENT_COUNT])
                .traceId("");
            signalFrames[i] = frame;
            signalLengths[i] = MessageHeaderEncoder.ENCODED_LENGTH + signal.encodedLength();
        }

        final SelectEncoder select = new SelectEncoder();
        for (int i = 0; i < SELECT_FRAMES; i++)
        {
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[FRAME_CAPACITY]);
            select.wrapAndApplyHeader(frame, 0, header).sessionId(SESSION_ID).correlationId(i).k(1);
            select.weightsCount(0);
            final SelectEncoder.CandidatesEncoder candidates = select.candidatesCount(CANDIDATES);
            for (int c = 0; c < CANDIDATES; c++)
            {
                candidates.next().agentId(agentIds[(i * 37 + c * 7) % AGENT_COUNT]);
            }
            select.poolName("").profileName("");
            selectFrames[i] = frame;
            selectLengths[i] = MessageHeaderEncoder.ENCODED_LENGTH + select.encodedLength();
        }
    }

    /**
     * A new journal for each iteration, so that the journal does not grow without bound across a run.
     *
     * @throws IOException if the directory cannot be made.
     */
    @Setup(Level.Iteration)
    public void openJournal() throws IOException
    {
        final Path shm = Path.of("/dev/shm");
        final Path parent = Files.isDirectory(shm) && Files.isWritable(shm) ?
            shm : Path.of(System.getProperty("java.io.tmpdir"));
        journalDir = Files.createTempDirectory(parent, "ripple-jmh-journal");
        journal = JournalWriter.open(journalDir, new JournalConfig());
    }

    /**
     * Close and delete the iteration's journal.
     *
     * @throws IOException if it cannot be deleted.
     */
    @TearDown(Level.Iteration)
    public void closeJournal() throws IOException
    {
        journal.close();
        try (Stream<Path> paths = Files.walk(journalDir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(ServerPathBenchmark::delete);
        }
    }

    /**
     * Check the answers: the engine must have refused nothing.
     */
    @TearDown(Level.Trial)
    public void checkAnswers()
    {
        if (answers.errors > 0)
        {
            throw new IllegalStateException("the engine refused " + answers.errors + " requests");
        }
    }

    /**
     * Validate, journal and apply one {@code Signal}.
     *
     * @return the journal index of the event.
     */
    @Benchmark
    public long signal()
    {
        final int i = signalCursor;
        signalCursor = i + 1 == SIGNAL_FRAMES ? 0 : i + 1;
        return process(signalFrames[i], signalLengths[i]);
    }

    /**
     * Validate, journal and apply one {@code Select} of the best of 100 explicit candidates, and encode its answer.
     * Agents report their load every {@link LoadReports#INTERVAL} selections, as in {@link SelectBenchmark}.
     *
     * @return the journal index of the event.
     */
    @Benchmark
    public long select100()
    {
        final int i = selectCursor;
        selectCursor = i + 1 == SELECT_FRAMES ? 0 : i + 1;
        final long index = process(selectFrames[i], selectLengths[i]);
        loadReports.onSelection(dispatcher.engine(), timestampNs);
        return index;
    }

    private long process(final UnsafeBuffer frame, final int length)
    {
        if (null != validator.validate(frame, 0, length))
        {
            throw new IllegalStateException("frame refused");
        }
        timestampNs += EngineFixture.STEP_NS;
        final long index = journal.appendEvent(sequence++, timestampNs, SESSION_ID, frame, 0, length);
        dispatcher.dispatch(timestampNs, SESSION_ID, frame, 0, length);
        return index;
    }

    private static void delete(final Path path)
    {
        try
        {
            Files.delete(path);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static final class AnswerCounter implements ResponseSink
    {
        long errors;

        public void onResponse(final long sessionId, final DirectBuffer buffer, final int offset, final int length)
        {
            if (ErrorDecoder.TEMPLATE_ID == buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN))
            {
                errors++;
            }
        }

        public void onOverloadWarning(final DirectBuffer buffer, final int offset, final int length)
        {
        }
    }
}
