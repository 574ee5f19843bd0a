package io.raftkv.node.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted, slow password hash: PBKDF2 with HMAC-SHA256 (JDK provider), a random
 * {@value #SALT_BYTES}-byte salt and the iteration count stored with it, so a later change of the
 * default leaves existing users valid. Stored as the UTF-8 text
 * {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}.
 *
 * <p>Thread-safe (immutable); {@link #create} and {@link #matches} take as long as the
 * iterations make them (about 0.1-0.3 s at the default): never call them on an event loop or the
 * Raft thread.
 *
 * @param iterations PBKDF2 iterations, {@value #MIN_ITERATIONS}..{@value #MAX_ITERATIONS}
 * @param salt       {@value #SALT_BYTES} random bytes
 * @param hash       {@value #HASH_BYTES} bytes of derived key
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {

    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 210_000;
    /** Fewest iterations accepted; low values are for tests only. */
    public static final int MIN_ITERATIONS = 1_000;
    /** Most iterations accepted, so a stored record cannot make a login take minutes. */
    public static final int MAX_ITERATIONS = 10_000_000;
    public static final int SALT_BYTES = 16;
    public static final int HASH_BYTES = 32;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** @throws IllegalArgumentException naming the field if a value is out of range */
    public PasswordHash {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 iterations must be in " + MIN_ITERATIONS + ".."
                    + MAX_ITERATIONS + ", was " + iterations);
        }
        if (Objects.requireNonNull(salt, "salt").length != SALT_BYTES) {
            throw new IllegalArgumentException("salt must be " + SALT_BYTES + " bytes, was " + salt.length);
        }
        if (Objects.requireNonNull(hash, "hash").length != HASH_BYTES) {
            throw new IllegalArgumentException("hash must be " + HASH_BYTES + " bytes, was " + hash.length);
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    /** Hashes {@code password} with a fresh random salt. Slow; see the class comment. */
    public static PasswordHash create(byte[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /** True if {@code password} is the one hashed; compares in constant time. Slow; see the class comment. */
    public boolean matches(byte[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    /** The stored form, UTF-8. */
    public byte[] encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        return (SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash))
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a stored form.
     *
     * @throws IllegalArgumentException if the text is not one {@link #encode()} writes
     */
    public static PasswordHash decode(byte[] stored) {
        String[] parts = new String(stored, StandardCharsets.UTF_8).split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("stored password hash is not " + SCHEME + "$iterations$salt$hash");
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            return new PasswordHash(Integer.parseInt(parts[1]), b64.decode(parts[2]), b64.decode(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stored password hash has a bad field: " + e.getMessage(), e);
        }
    }

    private static byte[] derive(byte[] password, byte[] salt, int iterations) {
        java.nio.CharBuffer decoded = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(password));
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JDK: " + e.getMessage(), e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash p && iterations == p.iterations && Arrays.equals(salt, p.salt)
                && Arrays.equals(hash, p.hash);
    }

    @Override
    public int hashCode() {
        return iterations * 31 + Arrays.hashCode(hash);
    }

    /** Shows the scheme and iterations only. */
    @Override
    public String toString() {
        return "PasswordHash[" + SCHEME + ", " + iterations + " iterations]";
    }
}
