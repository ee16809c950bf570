package io.ripple.gateway.cli;

import io.ripple.gateway.MediaDriverHost;
import io.ripple.gateway.session.CredentialStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RippleCommandsTest
{
    // Other processes on the machine (parallel builds) start and remove drivers too: count only this JVM's.
    private static final String OWN_DRIVER_PREFIX = "ripple-" + ProcessHandle.current().pid() + "-";

    @TempDir
    Path dir;

    @Test
    void shouldWriteAHashedPrincipalAndPrintTheGeneratedSecretOnce() throws Exception
    {
        final Path file = dir.resolve("credentials.txt");
        final StringWriter out = new StringWriter();

        final int status = command(out).execute(
            "credentials", "add", "--file", file.toString(), "--principal", "fleet-1", "--role", "agent",
            "--agents", "worker-*");

        assertEquals(0, status);
        final String secret = out.toString().lines().filter((line) -> line.startsWith("secret: "))
            .findFirst().orElseThrow().substring("secret: ".length());
        assertTrue(!Files.readString(file).contains(secret));
        assertEquals(1, CredentialStore.load(file).size());
    }

    @Test
    void shouldRefuseAnAgentWithoutAgentIds()
    {
        final int status = command(new StringWriter()).execute(
            "credentials", "add", "--file", dir.resolve("c.txt").toString(), "--principal", "a", "--role", "agent");

        assertEquals(2, status);
    }

    @Test
    @Tag("slow")
    void shouldRunTheDemoAndLeaveNoMediaDriverDirectoryBehind() throws Exception
    {
        final Set<Path> before = rippleDriverDirectories();
        final StringWriter out = new StringWriter();

        final int status = command(out).execute(
            "demo", "--duration", "3", "--journal-dir", dir.resolve("demo").toString());

        assertEquals(0, status, out.toString());
        final String report = out.toString();
        assertTrue(report.contains("signal -> journaled ack"), report);
        assertTrue(report.contains("media driver directory removed"), report);
        final Set<Path> left = rippleDriverDirectories();
        left.removeAll(before);
        assertEquals(Set.of(), left, "driver directories the demo left behind");
        assertTrue(Files.isDirectory(dir.resolve("demo").resolve("journal")));
    }

    private static CommandLine command(final StringWriter out)
    {
        final CommandLine commandLine = new CommandLine(new RippleMain());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        return commandLine;
    }

    private static Set<Path> rippleDriverDirectories() throws IOException
    {
        try (Stream<Path> entries = Files.list(MediaDriverHost.defaultParentDirectory()))
        {
            return entries.filter((path) -> path.getFileName().toString().startsWith(OWN_DRIVER_PREFIX))
                .collect(Collectors.toCollection(HashSet::new));
        }
    }
}
