package io.ripple.gateway.session;

import io.ripple.codecs.Role;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A principal from the credentials file: its name, role, secret hash and, for agents, the agent ids it may speak
 * for. A pattern ending in {@code *} matches every id starting with what comes before it; any other pattern matches
 * one id exactly. Immutable.
 */
public final class Principal
{
    private final String name;
    private final Role role;
    private final SecretHash secretHash;
    private final List<String> agentPatterns;
    private final byte[][] exactIds;
    private final byte[][] prefixes;

    /**
     * Make a principal.
     *
     * @param name          principal name, 1 to 64 ASCII bytes.
     * @param role          what it may do.
     * @param secretHash    hash of its secret.
     * @param agentPatterns agent ids, exact or {@code prefix*}, it may send signals for; used for agents only.
     */
    public Principal(final String name, final Role role, final SecretHash secretHash, final List<String> agentPatterns)
    {
        this.name = name;
        this.role = role;
        this.secretHash = secretHash;
        this.agentPatterns = List.copyOf(agentPatterns);
        this.exactIds = agentPatterns.stream().filter((p) -> !p.endsWith("*"))
            .map((p) -> p.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
        this.prefixes = agentPatterns.stream().filter((p) -> p.endsWith("*"))
            .map((p) -> p.substring(0, p.length() - 1).getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    }

    /**
     * Name of the principal.
     *
     * @return name of the principal.
     */
    public String name()
    {
        return name;
    }

    /**
     * Role of the principal.
     *
     * @return role of the principal.
     */
    public Role role()
    {
        return role;
    }

    /**
     * Hash of the principal's secret.
     *
     * @return hash of the secret.
     */
    public SecretHash secretHash()
    {
        return secretHash;
    }

    /**
     * Agent id patterns as written in the credentials file.
     *
     * @return the patterns, unmodifiable.
     */
    public List<String> agentPatterns()
    {
        return agentPatterns;
    }

    /**
     * May this principal send signals and pool changes for the agent id held in the buffer? An admin may act for
     * any agent, a router for none. Does not allocate.
     *
     * @param buffer holding the agent id as ASCII.
     * @param offset of the first byte of the id.
     * @param length of the id in bytes.
     * @return true if the principal owns the id.
     */
    public boolean mayActFor(final DirectBuffer buffer, final int offset, final int length)
    {
        if (Role.ADMIN == role)
        {
            return true;
        }
        if (Role.AGENT != role)
        {
            return false;
        }

        for (final byte[] id : exactIds)
        {
            if (id.length == length && startsWith(buffer, offset, id))
            {
                return true;
            }
        }
        for (final byte[] prefix : prefixes)
        {
            if (prefix.length <= length && startsWith(buffer, offset, prefix))
            {
                return true;
            }
        }

        return false;
    }

    private static boolean startsWith(final DirectBuffer buffer, final int offset, final byte[] expected)
    {
        for (int i = 0; i < expected.length; i++)
        {
            if (buffer.getByte(offset + i) != expected[i])
            {
                return false;
            }
        }
        return true;
    }
}
