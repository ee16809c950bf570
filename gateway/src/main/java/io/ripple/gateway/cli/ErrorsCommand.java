package io.ripple.gateway.cli;

import io.ripple.gateway.metrics.CncReader;
import org.agrona.concurrent.errors.ErrorLogReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code ripple errors}: print the distinct errors a running server recorded in its media driver's error log,
 * each with how often it was seen, first and last, and its stack trace.
 */
@Command(
    name = "errors",
    mixinStandardHelpOptions = true,
    description = {
        "Print the distinct errors recorded in the media driver's error log (CnC file) of a running server:",
        "how often each was seen, when first and last, and its stack trace."
    })
public final class ErrorsCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private CncTarget target = new CncTarget();

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        try (CncReader cnc = CncReader.open(target.aeronDirectoryName()))
        {
            final int distinct = ErrorLogReader.read(cnc.errorLog(),
                (observationCount, firstTimestampMs, lastTimestampMs, encodedException) ->
                {
                    out.println(observationCount + " observations from " + Instant.ofEpochMilli(firstTimestampMs) +
                        " to " + Instant.ofEpochMilli(lastTimestampMs) + ":");
                    out.println(encodedException);
                });
            out.println(distinct + " distinct errors");
            out.flush();
            return 0;
        }
        catch (final IOException | IllegalStateException ex)
        {
            spec.commandLine().getErr().println("ripple errors: " + ex.getMessage());
            return 2;
        }
    }
}
