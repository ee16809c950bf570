package io.ripple.gateway.session;

import io.ripple.codecs.Role;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialStoreTest
{
    @TempDir
    Path dir;

    @Test
    void shouldAuthenticateWithTheSecretAndNothingElse() throws Exception
    {
        final Path file = dir.resolve("credentials.txt");
        CredentialStore.upsert(file, new Principal("fleet-1", Role.AGENT,
            SecretHash.create(SecretHash.PBKDF2, "s3cret", 1_000), List.of("worker-*", "solo")));
        CredentialStore.upsert(file, new Principal("router-1", Role.ROUTER,
            SecretHash.create(SecretHash.SHA256, "other", 1), List.of()));

        final CredentialStore store = CredentialStore.load(file);

        assertNotNull(authenticate(store, "fleet-1", "s3cret"));
        assertNull(authenticate(store, "fleet-1", "S3cret"));
        assertNull(authenticate(store, "nobody", "s3cret"));
        assertEquals(Role.ROUTER, authenticate(store, "router-1", "other").role());
    }

    @Test
    void shouldNeverStoreTheSecretInClear() throws Exception
    {
        final Path file = dir.resolve("credentials.txt");
        final String secret = SecretHash.generateSecret();

        CredentialStore.upsert(file, new Principal("ops", Role.ADMIN,
            SecretHash.create(SecretHash.SHA256, secret, 1), List.of()));

        final String text = Files.readString(file);
        assertFalse(text.contains(secret));
        assertTrue(text.contains("ops admin sha256$"));
    }

    @Test
    void shouldReplaceAPrincipalInPlace() throws Exception
    {
        final Path file = dir.resolve("credentials.txt");
        CredentialStore.upsert(file, new Principal("ops", Role.ADMIN,
            SecretHash.create(SecretHash.SHA256, "one", 1), List.of()));
        CredentialStore.upsert(file, new Principal("ops", Role.ROUTER,
            SecretHash.create(SecretHash.SHA256, "two", 1), List.of()));

        final CredentialStore store = CredentialStore.load(file);

        assertEquals(1, store.size());
        assertNull(authenticate(store, "ops", "one"));
        assertEquals(Role.ROUTER, authenticate(store, "ops", "two").role());
    }

    @Test
    void shouldMatchAgentIdsExactlyOrByPrefix()
    {
        final Principal agent = new Principal("fleet", Role.AGENT,
            SecretHash.create(SecretHash.SHA256, "x", 1), List.of("worker-*", "solo"));
        final Principal router = new Principal("router", Role.ROUTER,
            SecretHash.create(SecretHash.SHA256, "x", 1), List.of());
        final Principal admin = new Principal("admin", Role.ADMIN,
            SecretHash.create(SecretHash.SHA256, "x", 1), List.of());

        assertTrue(mayActFor(agent, "worker-7"));
        assertTrue(mayActFor(agent, "solo"));
        assertFalse(mayActFor(agent, "solo2"));
        assertFalse(mayActFor(agent, "worker"));
        assertFalse(mayActFor(agent, "other-1"));
        assertFalse(mayActFor(router, "worker-7"));
        assertTrue(mayActFor(admin, "anything"));
    }

    @Test
    void shouldRejectAnAgentWithoutAgentIdsNamingTheLine() throws Exception
    {
        final Path file = dir.resolve("credentials.txt");
        Files.writeString(file, "# comment\nfleet agent " + SecretHash.create(SecretHash.SHA256, "x", 1) + "\n");

        final IllegalArgumentException error =
            assertThrows(IllegalArgumentException.class, () -> CredentialStore.load(file));

        assertTrue(error.getMessage().contains(":2:"), error.getMessage());
    }

    private static Principal authenticate(final CredentialStore store, final String name, final String secret)
    {
        final byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        final byte[] secretBytes = secret.getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[nameBytes.length + secretBytes.length]);
        buffer.putBytes(0, nameBytes);
        buffer.putBytes(nameBytes.length, secretBytes);
        return store.authenticate(buffer, 0, nameBytes.length, nameBytes.length, secretBytes.length);
    }

    private static boolean mayActFor(final Principal principal, final String agentId)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(agentId.getBytes(StandardCharsets.US_ASCII));
        return principal.mayActFor(buffer, 0, agentId.length());
    }
}
