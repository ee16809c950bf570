package io.ripple.gateway.config;

import io.ripple.gateway.GatewayConfig;
import io.ripple.gateway.session.CredentialStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerConfigurationTest
{
    private static final Path OPERATIONS_DOC = Path.of("..", "docs", "operations.md");
    private static final String TABLE_HEADING = "### Configuration keys";
    private static final String NO_DEFAULT = "(none)";

    @TempDir
    Path tempDir;

    @Test
    void shouldDocumentEveryKeyWithItsUnitAndDefault() throws IOException
    {
        final Map<String, String[]> documented = documentedKeys();

        final Map<String, String[]> declared = new TreeMap<>();
        for (final ConfigKey key : ServerConfiguration.KEYS)
        {
            declared.put(key.name(), new String[]{ key.unit(), key.defaultValue().isEmpty() ?
                NO_DEFAULT : key.defaultValue() });
        }

        assertEquals(declared.keySet(), documented.keySet(), "keys in " + OPERATIONS_DOC + " and ServerConfiguration");
        for (final Map.Entry<String, String[]> entry : declared.entrySet())
        {
            final String[] doc = documented.get(entry.getKey());
            assertEquals(entry.getValue()[0], doc[0], "unit of " + entry.getKey());
            assertEquals(entry.getValue()[1], doc[1], "default of " + entry.getKey());
        }
    }

    @Test
    void shouldResolveEveryDefaultToValidSettings() throws IOException
    {
        final GatewayConfig config = ServerConfiguration.resolve(null, Map.of(), Map.of());
        config.credentialStore(CredentialStore.of(List.of()));

        config.validate();

        assertEquals(8192, config.ringSize());
        assertEquals(9464, config.metricsPort());
        assertEquals(Path.of("ripple-data"), config.journalDir());
        assertEquals(ServerConfiguration.KEYS.size(), ServerConfiguration.describe(config).size());
    }

    @Test
    void shouldLetEnvironmentOverrideFileAndFlagsOverrideEnvironment() throws IOException
    {
        final Path file = write("ring.size = 1024\nsession.timeout-ms = 7000\nmetrics.port = 9000\n");

        final GatewayConfig config = ServerConfiguration.resolve(
            file, Map.of("RIPPLE_RING_SIZE", "2048", "RIPPLE_METRICS_PORT", "9001"), Map.of("metrics.port", "9002"));

        assertEquals(2048, config.ringSize());
        assertEquals(7000, config.sessionTimeoutMs());
        assertEquals(9002, config.metricsPort());
    }

    @Test
    void shouldNameTheKeyAndSourceOfAnUnparsableValue() throws IOException
    {
        final Path file = write("limits.max-agents = lots\n");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ServerConfiguration.resolve(file, Map.of(), Map.of()));

        assertTrue(ex.getMessage().startsWith("limits.max-agents = 'lots': not a whole number"), ex.getMessage());
        assertTrue(ex.getMessage().contains(file.toString()), ex.getMessage());
    }

    @Test
    void shouldNameTheKeyOfEveryOutOfRangeValue()
    {
        final Map<String, String> bad = new LinkedHashMap<>();
        bad.put("ring.size", "0");
        bad.put("ring.threads", "2");
        bad.put("metrics.port", "70000");
        bad.put("ingress.idle-strategy", "fast");
        bad.put("ingress.ipc", "yes");
        bad.put("ingress.udp", "localhost");
        bad.put("limits.max-candidates", "5000");
        bad.put("limits.max-message-bytes", "10");
        bad.put("snapshot.interval-ms", "-1");
        bad.put("journal.dir", "");

        for (final Map.Entry<String, String> entry : bad.entrySet())
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> ServerConfiguration.resolve(null, Map.of(), Map.of(entry.getKey(), entry.getValue())),
                entry.toString());
            assertTrue(ex.getMessage().startsWith(entry.getKey() + " = "), ex.getMessage());
            assertTrue(ex.getMessage().contains("command line"), ex.getMessage());
        }
    }

    @Test
    void shouldNameTheKeyOfSettingsThatDisagreeWithEachOther() throws IOException
    {
        final GatewayConfig config = ServerConfiguration.resolve(
            null, Map.of(), Map.of("ring.size", "1000", "credentials.file", "creds.txt"));
        config.credentialStore(CredentialStore.of(List.of()));

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, config::validate);

        assertTrue(ex.getMessage().startsWith("ring.size:"), ex.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownKeyInTheFile() throws IOException
    {
        final Path file = write("ring.szie = 1024\n");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ServerConfiguration.resolve(file, Map.of(), Map.of()));

        assertTrue(ex.getMessage().contains("unknown configuration key 'ring.szie'"), ex.getMessage());
    }

    @Test
    void shouldNameEnvironmentVariablesAfterTheirKeys()
    {
        assertEquals("RIPPLE_SESSION_SLOW_CLIENT_TIMEOUT_MS",
            ServerConfiguration.key("session.slow-client-timeout-ms").environmentVariable());
        assertFalse(ServerConfiguration.KEYS.isEmpty());
    }

    private Path write(final String text) throws IOException
    {
        final Path file = tempDir.resolve("ripple.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static Map<String, String[]> documentedKeys() throws IOException
    {
        final List<String> lines = Files.readAllLines(OPERATIONS_DOC, StandardCharsets.UTF_8);
        final Map<String, String[]> keys = new TreeMap<>();
        boolean inSection = false;
        for (final String line : lines)
        {
            if (line.startsWith("#"))
            {
                inSection = line.trim().equals(TABLE_HEADING);
                continue;
            }
            if (inSection && line.startsWith("| `"))
            {
                final String[] cells = line.split("\\|");
                keys.put(unquote(cells[1]), new String[]{ unquote(cells[2]), unquote(cells[3]) });
            }
        }
        assertFalse(keys.isEmpty(), "no key table under '" + TABLE_HEADING + "' in " + OPERATIONS_DOC);
        return keys;
    }

    private static String unquote(final String cell)
    {
        final String trimmed = cell.trim();
        return trimmed.startsWith("`") && trimmed.endsWith("`") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }
}
