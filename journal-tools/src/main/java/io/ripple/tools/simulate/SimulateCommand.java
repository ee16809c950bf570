package io.ripple.tools.simulate;

import io.ripple.engine.EngineConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ripple simulate TRACE.jsonl}: feeds a recorded trace through a fresh engine, with each event's time taken
 * from the trace, and writes one JSON line per answer.
 * <p>
 * Exit status: 0 when the whole trace was read (rejected events are answers, not failures), 1 when reading or
 * writing fails part way, 2 for a usage error: a missing or unreadable trace, a bad {@code --profiles} file or an
 * output file that cannot be created.
 */
@Command(
    name = "simulate",
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
        "Feed a trace through the engine offline and write one JSON line per answer, in input order.",
        "Use it to try a weight profile on recorded traffic, or to check the engine against the reference service.",
    },
    footer = {
        "",
        "Trace format: one JSON object per line; t_ms is the event time in milliseconds (non-decreasing) and",
        "id numbers the queries. The engine's clock is t_ms * 1,000,000 ns. Operations and their fields:",
        "  signal    agent, type (LOAD CAPACITY QUALITY COST LATENCY AVAILABILITY), value, ttl_ms,",
        "            confidence (default 1.0), trace_id (optional)",
        "  select    id, candidates [..] or pool, profile or weights {\"load\": .., ...}, k (default 1)",
        "  scores    id, agents [..], profile or weights",
        "  predict   id, agent, horizon_ms (default 60000), threshold (default 0.8)",
        "  sweep     a complete expiry sweep: the engine's timer step is repeated at that t_ms until",
        "            every agent has been examined once (see --sweep-budget for one step per line)",
        "  join      agent, pool             leave    agent, pool             register  agent",
        "  profile   name, weights, model (neutral or reference; default neutral),",
        "            in_flight_penalty (default 0.02)",
        "Without a profile or weights, a query uses the 'default' profile.",
        "",
        "Example trace:",
        "  {\"t_ms\": 50, \"op\": \"signal\", \"agent\": \"a-7\", \"type\": \"COST\", \"value\": 0.893, " +
            "\"confidence\": 1.0, \"ttl_ms\": 10000}",
        "  {\"t_ms\": 300, \"op\": \"select\", \"id\": 1, \"candidates\": [\"a-7\", \"a-2\"], " +
            "\"profile\": \"reference\", \"k\": 1}",
        "  {\"t_ms\": 310, \"op\": \"scores\", \"id\": 2, \"agents\": [\"a-7\"], \"profile\": \"reference\"}",
        "  {\"t_ms\": 1300, \"op\": \"predict\", \"id\": 3, \"agent\": \"a-5\", \"horizon_ms\": 10000}",
        "  {\"t_ms\": 1400, \"op\": \"sweep\"}",
        "",
        "Answers, one per query (signal, sweep, join, leave, register and profile answer only when rejected):",
        "  {\"id\": 1, \"op\": \"select\", \"selected\": [{\"agent\": \"a-7\", \"score\": 0.55, \"load\": 0.5, ..., " +
            "\"in_flight\": 1}]}",
        "  {\"id\": 2, \"op\": \"scores\", \"scores\": [{\"agent\": \"a-7\", \"score\": 0.55, \"load\": 0.5, " +
            "\"capacity\": 0.5, ...}]}",
        "  {\"id\": 3, \"op\": \"predict\", \"will_overload\": false, \"probability\": 0.0}",
        "  {\"line\": 9, \"op\": \"signal\", \"error\": \"VALUE_OUT_OF_RANGE\", \"message\": \"...\"}",
        "Errors carry the engine's code, or one of MALFORMED_JSON, UNKNOWN_OP, MISSING_FIELD, INVALID_FIELD,",
        "TIME_DECREASING for a line that is not a well-formed event; the run goes on after either.",
        "",
        "A --profiles file is a JSON array of profile objects, defined before the trace starts:",
        "  [{\"name\": \"cheap\", \"model\": \"neutral\", \"weights\": {\"load\": 0.3, \"cost\": 0.7}, " +
            "\"in_flight_penalty\": 0.02}]",
        "",
        "Exit status: 0 the trace was read to the end; 1 reading or writing failed part way;",
        "2 usage error (missing or unreadable trace, bad --profiles file, output not writable).",
    })
public final class SimulateCommand implements Callable<Integer>
{
    /**
     * Exit status when the whole trace was read.
     */
    public static final int EXIT_OK = 0;

    /**
     * Exit status when reading the trace or writing the answers failed part way.
     */
    public static final int EXIT_IO_FAILURE = 1;

    /**
     * Exit status for a usage error: the trace or the profiles file cannot be read, the output cannot be created.
     */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE.jsonl", description = "The trace to run, or - for standard input.")
    private Path tracePath;

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
    private boolean isHelpRequested;

    @Option(names = { "-o", "--output" }, paramLabel = "FILE",
        description = "Write the answers to FILE instead of standard output.")
    private Path outputPath;

    @Option(names = "--profile", paramLabel = "NAME",
        description = "Answer every select and scores query with profile NAME, ignoring the profile or weights " +
            "the query names.")
    private String profileOverride;

    @Option(names = "--profiles", paramLabel = "FILE",
        description = "Define extra named profiles from FILE (a JSON array, see below) before the trace starts.")
    private Path profilesPath;

    @Option(names = "--agent-capacity", paramLabel = "N", defaultValue = "65536",
        description = "Agents the engine can hold at once (default ${DEFAULT-VALUE}).")
    private int agentCapacity;

    @Option(names = "--sweep-budget", paramLabel = "N",
        description = "Make each sweep line one timer step that examines N agent slots, as the server's timer " +
            "does, instead of a complete sweep.")
    private Integer sweepBudget;

    /**
     * Run the trace.
     *
     * @return the exit status.
     */
    public Integer call()
    {
        final PrintWriter err = spec.commandLine().getErr();
        final boolean isStdin = "-".equals(tracePath.toString());
        if (!isStdin && !Files.isReadable(tracePath))
        {
            final String reason = Files.exists(tracePath) ? "is not readable" : "does not exist";
            err.println("simulate: trace file " + tracePath + " " + reason);
            return EXIT_USAGE;
        }

        if (!isStdin && Files.isDirectory(tracePath))
        {
            err.println("simulate: " + tracePath + " is a directory, not a trace file");
            return EXIT_USAGE;
        }

        final EngineConfig config = new EngineConfig().agentCapacity(agentCapacity);
        if (null != sweepBudget)
        {
            config.sweepBudget(sweepBudget);
        }
        try
        {
            config.validate();
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("simulate: " + ex.getMessage());
            return EXIT_USAGE;
        }

        try (Writer out = openOutput(err))
        {
            if (null == out)
            {
                return EXIT_USAGE;
            }

            return simulate(out, err, config, isStdin);
        }
        catch (final IOException ex)
        {
            err.println("simulate: cannot write the answers: " + ex.getMessage());
            return EXIT_IO_FAILURE;
        }
    }

    private int simulate(final Writer out, final PrintWriter err, final EngineConfig config, final boolean isStdin)
        throws IOException
    {
        try (TraceSimulator simulator = new TraceSimulator(out, err, config, profileOverride))
        {
            simulator.sweepOneStepPerLine(null != sweepBudget);
            if (null != profilesPath)
            {
                try
                {
                    simulator.defineProfiles(profilesPath);
                }
                catch (final IOException | TraceFormatException ex)
                {
                    err.println("simulate: profiles file " + profilesPath + ": " + ex.getMessage());
                    return EXIT_USAGE;
                }
            }

            try (BufferedReader in = isStdin ?
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)) :
                Files.newBufferedReader(tracePath, StandardCharsets.UTF_8))
            {
                simulator.run(in);
            }
            catch (final CharacterCodingException ex)
            {
                err.println("simulate: " + (isStdin ? "standard input" : tracePath) +
                    " is not UTF-8 text (a binary file?); a trace holds one JSON object per line");
                return EXIT_USAGE;
            }
            catch (final IOException ex)
            {
                err.println("simulate: reading " + tracePath + " failed: " + ex.getMessage());
                return EXIT_IO_FAILURE;
            }

            return EXIT_OK;
        }
    }

    private Writer openOutput(final PrintWriter err)
    {
        if (null == outputPath)
        {
            return new NonClosingWriter(spec.commandLine().getOut());
        }

        try
        {
            return Files.newBufferedWriter(outputPath, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            err.println("simulate: cannot create output file " + outputPath + ": " + ex);
            return null;
        }
    }

    /**
     * Passes writes through to picocli's standard output, which swallows I/O errors, and turns its error flag into
     * an exception on flush, so that a closed pipe ends the run. Closing only flushes, since the stream belongs to
     * the command line, not to this command.
     */
    private static final class NonClosingWriter extends Writer
    {
        private final PrintWriter delegate;

        NonClosingWriter(final PrintWriter delegate)
        {
            this.delegate = delegate;
        }

        public void write(final char[] buffer, final int offset, final int length)
        {
            delegate.write(buffer, offset, length);
        }

        public void flush() throws IOException
        {
            if (delegate.checkError())
            {
                throw new IOException("standard output is closed");
            }
        }

        public void close() throws IOException
        {
            flush();
        }
    }
}
