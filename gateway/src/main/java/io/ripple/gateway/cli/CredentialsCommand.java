package io.ripple.gateway.cli;

import io.ripple.codecs.Role;
import io.ripple.gateway.session.CredentialStore;
import io.ripple.gateway.session.Principal;
import io.ripple.gateway.session.SecretHash;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ripple credentials add}: write a principal to a credentials file, with a hash of its secret.
 */
@Command(
    name = "credentials",
    mixinStandardHelpOptions = true,
    description = "Manage the credentials file a server reads with --credentials.",
    subcommands = { CredentialsCommand.Add.class })
public final class CredentialsCommand implements Runnable
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Without a subcommand, show the usage.
     */
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code ripple credentials add}.
     */
    @Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = {
            "Add or replace a principal. Without --secret a random 256-bit secret is generated, hashed with " +
                "salted SHA-256 and printed once; a chosen --secret is hashed with PBKDF2.",
            "Example: ripple credentials add --file creds.txt --principal fleet-1 --role agent --agents 'worker-*'"
        })
    public static final class Add implements Callable<Integer>
    {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--file", required = true, paramLabel = "FILE", description = "Credentials file to update.")
        private Path file;

        @Option(names = "--principal", required = true, paramLabel = "NAME", description = "Principal name.")
        private String principal;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "agent, router or admin.")
        private String role;

        @Option(names = "--agents", paramLabel = "IDS",
            description = "For agents: comma-separated agent ids or prefixes ending in *.")
        private String agents;

        @Option(names = "--secret", paramLabel = "SECRET",
            description = "Use this secret instead of generating one (hashed with PBKDF2).")
        private String secret;

        /**
         * {@inheritDoc}
         */
        public Integer call() throws Exception
        {
            final PrintWriter out = spec.commandLine().getOut();
            try
            {
                final Role parsedRole = CredentialStore.parseRole(role, "");
                final List<String> patterns = null == agents ? List.of() : CredentialStore.parsePatterns(agents, "");
                if (Role.AGENT == parsedRole && patterns.isEmpty())
                {
                    throw new IllegalArgumentException("an agent needs --agents");
                }

                final boolean generated = null == secret;
                final String clearSecret = generated ? SecretHash.generateSecret() : secret;
                final SecretHash hash = generated ?
                    SecretHash.create(SecretHash.SHA256, clearSecret, 1) :
                    SecretHash.create(SecretHash.PBKDF2, clearSecret, SecretHash.DEFAULT_PBKDF2_ITERATIONS);
                CredentialStore.upsert(file, new Principal(principal, parsedRole, hash, patterns));

                out.println("wrote " + principal + " (" + parsedRole.name().toLowerCase() + ") to " + file);
                if (generated)
                {
                    out.println("secret: " + clearSecret);
                    out.println("(shown once; only its hash is stored)");
                }
                return 0;
            }
            catch (final IllegalArgumentException ex)
            {
                spec.commandLine().getErr().println("ripple credentials add: " + ex.getMessage());
                return 2;
            }
        }
    }
}
