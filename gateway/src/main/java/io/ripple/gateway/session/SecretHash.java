package io.ripple.gateway.session;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A salted hash of a principal's secret, as kept in the credentials file; the secret itself is never stored.
 * <p>
 * Two schemes, written as text:
 * <ul>
 *     <li>{@code sha256$SALT$HASH}: one round of SHA-256 over salt and secret. Fit for secrets that Ripple
 *     generates (256 random bits), which no amount of guessing can find, and cheap to check on the ingress thread.
 *     </li>
 *     <li>{@code pbkdf2-sha256$ITERATIONS$SALT$HASH}: PBKDF2 with HMAC-SHA256, for secrets that people choose;
 *     each check costs milliseconds of the ingress thread, once per {@code Connect}.</li>
 * </ul>
 * SALT and HASH are Base64 without padding. Checking compares in constant time.
 */
public final class SecretHash
{
    /**
     * Name of the single-round salted SHA-256 scheme.
     */
    public static final String SHA256 = "sha256";

    /**
     * Name of the PBKDF2 with HMAC-SHA256 scheme.
     */
    public static final String PBKDF2 = "pbkdf2-sha256";

    /**
     * Iterations used for new PBKDF2 hashes.
     */
    public static final int DEFAULT_PBKDF2_ITERATIONS = 20_000;

    private static final int SALT_LENGTH = 16;
    private static final int HASH_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String scheme;
    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private SecretHash(final String scheme, final int iterations, final byte[] salt, final byte[] hash)
    {
        this.scheme = scheme;
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /**
     * Hash a secret with a fresh random salt.
     *
     * @param scheme     {@link #SHA256} or {@link #PBKDF2}.
     * @param secret     the secret in clear text.
     * @param iterations for {@link #PBKDF2}; ignored for {@link #SHA256}.
     * @return the hash.
     */
    public static SecretHash create(final String scheme, final String secret, final int iterations)
    {
        final byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        final byte[] secretBytes = secret.getBytes(StandardCharsets.US_ASCII);
        final int effectiveIterations = PBKDF2.equals(scheme) ? iterations : 1;
        final byte[] hash = compute(scheme, effectiveIterations, salt, secretBytes);
        return new SecretHash(scheme, effectiveIterations, salt, hash);
    }

    /**
     * Generate a secret of 256 random bits, as 43 Base64url characters (ASCII, fits a {@code Connect}).
     *
     * @return a new secret.
     */
    public static String generateSecret()
    {
        final byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Parse the text form written by {@link #toString()}.
     *
     * @param text of the hash.
     * @return the hash.
     * @throws IllegalArgumentException if the text is not a hash of a known scheme.
     */
    public static SecretHash parse(final String text)
    {
        final String[] parts = text.split("\\$");
        final Base64.Decoder decoder = Base64.getDecoder();
        try
        {
            if (SHA256.equals(parts[0]) && 3 == parts.length)
            {
                return new SecretHash(SHA256, 1, decoder.decode(parts[1]), decoder.decode(parts[2]));
            }
            if (PBKDF2.equals(parts[0]) && 4 == parts.length)
            {
                final int iterations = Integer.parseInt(parts[1]);
                if (iterations < 1)
                {
                    throw new IllegalArgumentException("iterations must be positive");
                }
                return new SecretHash(PBKDF2, iterations, decoder.decode(parts[2]), decoder.decode(parts[3]));
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("not a secret hash: " + ex.getMessage(), ex);
        }

        throw new IllegalArgumentException("not a secret hash of scheme " + SHA256 + " or " + PBKDF2);
    }

    /**
     * Does this secret match the hash? Takes the same time whatever the secret.
     *
     * @param secret the secret in clear text, as ASCII bytes.
     * @return true if the secret matches.
     */
    public boolean matches(final byte[] secret)
    {
        return MessageDigest.isEqual(hash, compute(scheme, iterations, salt, secret));
    }

    /**
     * Scheme of this hash.
     *
     * @return {@link #SHA256} or {@link #PBKDF2}.
     */
    public String scheme()
    {
        return scheme;
    }

    /**
     * The text form kept in the credentials file.
     *
     * @return the text form.
     */
    public String toString()
    {
        final Base64.Encoder encoder = Base64.getEncoder().withoutPadding();
        final String saltText = encoder.encodeToString(salt);
        final String hashText = encoder.encodeToString(hash);
        return SHA256.equals(scheme) ?
            SHA256 + "$" + saltText + "$" + hashText :
            PBKDF2 + "$" + iterations + "$" + saltText + "$" + hashText;
    }

    private static byte[] compute(final String scheme, final int iterations, final byte[] salt, final byte[] secret)
    {
        try
        {
            if (SHA256.equals(scheme))
            {
                final MessageDigest digest = MessageDigest.getInstance("SHA-256");
                digest.update(salt);
                return digest.digest(secret);
            }

            final char[] chars = new char[secret.length];
            for (int i = 0; i < secret.length; i++)
            {
                chars[i] = (char) (secret[i] & 0xFF);
            }
            final PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_LENGTH * 8);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("the JVM lacks " + scheme, ex);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("cannot hash a secret", ex);
        }
    }
}
