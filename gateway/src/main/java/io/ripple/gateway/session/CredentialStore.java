package io.ripple.gateway.session;

import io.ripple.codecs.ProtocolLimits;
import io.ripple.codecs.Role;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The principals a server accepts, read from a credentials file. One principal per line, fields separated by
 * white space, {@code #} starting a comment:
 * <pre>
 * # principal   role    secret hash                          agent ids (agents only)
 * fleet-1       agent   sha256$SALT$HASH                     worker-1,worker-2,gpu-*
 * router-1      router  pbkdf2-sha256$20000$SALT$HASH
 * ops           admin   sha256$SALT$HASH
 * </pre>
 * Secrets are never stored, only their salted hashes ({@link SecretHash}). Immutable once loaded.
 */
public final class CredentialStore
{
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:@/-]{1," + ProtocolLimits.MAX_NAME_LENGTH + "}");
    private static final Pattern AGENT_PATTERN =
        Pattern.compile("[A-Za-z0-9._:@/-]{1," + ProtocolLimits.MAX_AGENT_ID_LENGTH + "}|[A-Za-z0-9._:@/-]{0,63}\\*");

    private final Map<String, Principal> principalByName;

    private CredentialStore(final Map<String, Principal> principalByName)
    {
        this.principalByName = principalByName;
    }

    /**
     * Make a store from principals, for tests and embedding.
     *
     * @param principals to accept.
     * @return the store.
     */
    public static CredentialStore of(final Collection<Principal> principals)
    {
        final Map<String, Principal> byName = new LinkedHashMap<>();
        for (final Principal principal : principals)
        {
            byName.put(principal.name(), principal);
        }
        return new CredentialStore(byName);
    }

    /**
     * Read a credentials file.
     *
     * @param file to read.
     * @return the store.
     * @throws IOException if the file cannot be read.
     * @throws IllegalArgumentException naming the line if an entry is malformed.
     */
    public static CredentialStore load(final Path file) throws IOException
    {
        final Map<String, Principal> byName = new LinkedHashMap<>();
        final List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        for (int i = 0; i < lines.size(); i++)
        {
            final Principal principal = parseLine(lines.get(i), file, i + 1);
            if (null != principal)
            {
                if (byName.containsKey(principal.name()))
                {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": principal " + principal.name() +
                        " appears twice");
                }
                byName.put(principal.name(), principal);
            }
        }
        return new CredentialStore(byName);
    }

    private static Principal parseLine(final String rawLine, final Path file, final int lineNumber)
    {
        final int hash = rawLine.indexOf('#');
        final String line = (hash >= 0 ? rawLine.substring(0, hash) : rawLine).trim();
        if (line.isEmpty())
        {
            return null;
        }

        final String where = file + ":" + lineNumber + ": ";
        final String[] fields = line.split("\\s+");
        if (fields.length < 3 || fields.length > 4)
        {
            throw new IllegalArgumentException(where + "expected: principal role secret-hash [agent-ids]");
        }
        if (!NAME.matcher(fields[0]).matches())
        {
            throw new IllegalArgumentException(where + "principal name must be 1 to 64 of [A-Za-z0-9._:@/-]");
        }

        final Role role = parseRole(fields[1], where);
        final SecretHash secretHash;
        try
        {
            secretHash = SecretHash.parse(fields[2]);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(where + ex.getMessage(), ex);
        }

        final List<String> patterns = 4 == fields.length ? parsePatterns(fields[3], where) : List.of();
        if (Role.AGENT == role && patterns.isEmpty())
        {
            throw new IllegalArgumentException(where + "an agent needs the agent ids it may send signals for");
        }

        return new Principal(fields[0], role, secretHash, patterns);
    }

    /**
     * Parse a role name as written in the file: {@code agent}, {@code router} or {@code admin}.
     *
     * @param text  of the role.
     * @param where prefix for the error message.
     * @return the role.
     */
    public static Role parseRole(final String text, final String where)
    {
        switch (text.toLowerCase(Locale.ROOT))
        {
            case "agent":
                return Role.AGENT;
            case "router":
                return Role.ROUTER;
            case "admin":
                return Role.ADMIN;
            default:
                throw new IllegalArgumentException(where + "role must be agent, router or admin, not " + text);
        }
    }

    /**
     * Parse a comma-separated list of agent id patterns.
     *
     * @param text  of the list.
     * @param where prefix for the error message.
     * @return the patterns.
     */
    public static List<String> parsePatterns(final String text, final String where)
    {
        final List<String> patterns = new ArrayList<>(Arrays.asList(text.split(",")));
        for (final String pattern : patterns)
        {
            if (!AGENT_PATTERN.matcher(pattern).matches())
            {
                throw new IllegalArgumentException(where + "agent id pattern " + pattern +
                    " must be an id or a prefix ending in *");
            }
        }
        return patterns;
    }

    /**
     * Add or replace a principal in a credentials file, keeping the other lines and comments, writing through a
     * temporary file so that a crash never leaves half a file.
     *
     * @param file      to update; created if absent.
     * @param principal to write.
     * @throws IOException if the file cannot be written.
     */
    public static void upsert(final Path file, final Principal principal) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        if (Files.exists(file))
        {
            lines.addAll(Files.readAllLines(file, StandardCharsets.US_ASCII));
        }
        else
        {
            lines.add("# Ripple credentials: principal role secret-hash [agent-ids]; written by ripple credentials");
        }

        final String entry = formatLine(principal);
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++)
        {
            final String[] fields = lines.get(i).trim().split("\\s+");
            if (fields[0].equals(principal.name()))
            {
                lines.set(i, entry);
                replaced = true;
            }
        }
        if (!replaced)
        {
            lines.add(entry);
        }

        final Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        final Path temporary = Files.createTempFile(parent, ".credentials", ".tmp");
        Files.write(temporary, lines, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The line of a principal in the credentials file.
     *
     * @param principal to format.
     * @return its line.
     */
    public static String formatLine(final Principal principal)
    {
        final String role = principal.role().name().toLowerCase(Locale.ROOT);
        final String line = principal.name() + " " + role + " " + principal.secretHash();
        return principal.agentPatterns().isEmpty() ? line : line + " " + String.join(",", principal.agentPatterns());
    }

    /**
     * Check a principal's name and secret.
     *
     * @param buffer       holding the name and the secret as ASCII.
     * @param nameOffset   of the name.
     * @param nameLength   of the name in bytes.
     * @param secretOffset of the secret.
     * @param secretLength of the secret in bytes.
     * @return the principal if the name is known and the secret matches, otherwise null.
     */
    public Principal authenticate(
        final DirectBuffer buffer,
        final int nameOffset,
        final int nameLength,
        final int secretOffset,
        final int secretLength)
    {
        if (nameLength < 1 || nameLength > ProtocolLimits.MAX_NAME_LENGTH ||
            secretLength > ProtocolLimits.MAX_SECRET_LENGTH)
        {
            return null;
        }

        final Principal principal = principalByName.get(buffer.getStringWithoutLengthAscii(nameOffset, nameLength));
        if (null == principal)
        {
            return null;
        }

        final byte[] secret = new byte[secretLength];
        buffer.getBytes(secretOffset, secret);
        return principal.secretHash().matches(secret) ? principal : null;
    }

    /**
     * Number of principals.
     *
     * @return number of principals.
     */
    public int size()
    {
        return principalByName.size();
    }
}
