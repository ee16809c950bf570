package io.ripple.gateway.cli;

import io.ripple.tools.journal.JournalCommand;
import io.ripple.tools.simulate.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code ripple} command: one subcommand per job (server, demo, simulate, journal tools, ...).
 * <p>
 * Chronicle's usage reporting and banner are switched off here, before any Chronicle class can load.
 */
@Command(
    name = "ripple",
    mixinStandardHelpOptions = true,
    versionProvider = RippleVersion.class,
    description = "Ripple: a low-latency coordination engine for fleets of software agents.",
    subcommands = {
        ServerCommand.class,
        DemoCommand.class,
        SimulateCommand.class,
        JournalCommand.class,
        CredentialsCommand.class,
        CommandLine.HelpCommand.class
    })
public final class RippleMain implements Runnable
{
    static
    {
        disableChronicleReporting();
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Run the command line and exit with its status.
     *
     * @param args the command line arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /**
     * Run the command line without exiting, for tests and embedding.
     *
     * @param args the command line arguments.
     * @return the exit status, 0 for success.
     */
    public static int execute(final String... args)
    {
        return new CommandLine(new RippleMain()).execute(args);
    }

    /**
     * Switch off Chronicle's analytics and announcer; must run before any Chronicle class loads.
     */
    public static void disableChronicleReporting()
    {
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
    }

    /**
     * Without a subcommand, show the usage.
     */
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
