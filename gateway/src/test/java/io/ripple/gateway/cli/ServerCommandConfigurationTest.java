package io.ripple.gateway.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerCommandConfigurationTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldRefuseToStartWithABadFlagValueNamingItsKey()
    {
        final StringWriter err = new StringWriter();

        final int status = run(err, "server", "--credentials", "creds.txt", "--set", "ring.threads=2");

        assertEquals(2, status);
        assertTrue(err.toString().contains("bad configuration: ring.threads = '2': must be 0, 1, 3 or auto"),
            err.toString());
    }

    @Test
    void shouldRefuseToStartWithABadFileValueNamingItsKeyAndFile() throws Exception
    {
        final Path file = tempDir.resolve("ripple.properties");
        Files.writeString(file, "credentials.file = creds.txt\nmetrics.port = http\n");
        final StringWriter err = new StringWriter();

        final int status = run(err, "server", "--config", file.toString());

        assertEquals(2, status);
        assertTrue(err.toString().contains("metrics.port = 'http': not a whole number (from file " + file + ")"),
            err.toString());
    }

    @Test
    void shouldRequireCredentials()
    {
        final StringWriter err = new StringWriter();

        final int status = run(err, "server", "--metrics-port", "-1");

        assertEquals(2, status);
        assertTrue(err.toString().contains("credentials.file"), err.toString());
    }

    private static int run(final StringWriter err, final String... args)
    {
        final CommandLine commandLine = RippleMain.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
