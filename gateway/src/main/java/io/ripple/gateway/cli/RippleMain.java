package io.ripple.gateway.cli;

import io.ripple.tools.journal.JournalCommand;
import io.ripple.tools.simulate.SimulateCommand;
import io.ripple.gateway.fuzz.FuzzCommand;
import java.util.ServiceLoader;

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
        StatCommand.class,
        ErrorsCommand.class,
        FuzzCommand.class
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
        return commandLine().execute(args);
    }

    /**
     * Build the command line: the gateway's own subcommands, those other modules contribute as
     * {@link RippleCommand}s, then {@code help}.
     *
     * @return the command line, ready to execute.
     */
    public static CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(new RippleMain());
        for (final RippleCommand command : ServiceLoader.load(RippleCommand.class))
        {
            commandLine.addSubcommand(command);
        }
        commandLine.addSubcommand(new CommandLine.HelpCommand());

        return commandLine;
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
