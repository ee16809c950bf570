package io.ripple.tools.journal;

import io.ripple.journal.JournalDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code ripple journal}: the tools that read a journal (dump, stats, tail, replay, explain, export).
 */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    description = "Inspect, replay and export a Ripple journal. Each tool takes the journal directory as its argument.",
    subcommands = {
        DumpCommand.class,
        StatsCommand.class,
        TailCommand.class,
        ReplayCommand.class,
        ExplainCommand.class,
        ExportCommand.class
    })
public final class JournalCommand implements Callable<Integer>
{
    static
    {
        JournalDirectory.disableChronicleReporting();
        quietenChronicleLogging();
    }

    /**
     * Keep Chronicle's informational log lines (file mappings, disk space polls) out of the tools' standard error,
     * unless the user configured that logger. Must run before the first logger is created.
     */
    static void quietenChronicleLogging()
    {
        if (null == System.getProperty("org.slf4j.simpleLogger.log.net.openhft"))
        {
            System.setProperty("org.slf4j.simpleLogger.log.net.openhft", "warn");
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Without a tool, show the usage.
     *
     * @return 2, as for any incomplete command line.
     */
    public Integer call()
    {
        spec.commandLine().usage(spec.commandLine().getErr());
        return JournalTools.BAD_INPUT;
    }
}
