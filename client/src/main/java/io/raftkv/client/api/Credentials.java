package io.raftkv.client.api;

import io.raftkv.client.protocol.AuthRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A user name and password a client presents to every node it connects to (protocol.md, AUTH).
 * {@link #toString()} never shows the password.
 *
 * @param user     1..{@value AuthRequest#MAX_USER_BYTES} UTF-8 bytes
 * @param password UTF-8 bytes, 0..{@value AuthRequest#MAX_PASSWORD_BYTES}; copied in, never exposed as a String
 */
public record Credentials(String user, byte[] password) {

    /** @throws IllegalArgumentException naming the field if the user is empty or a field is too long */
    public Credentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isEmpty()) {
            throw new IllegalArgumentException("user must not be empty (leave credentials unset for none)");
        }
        password = password.clone();
        new AuthRequest(user, password); // checks both lengths, naming the field
    }

    /** Credentials from a password string, encoded as UTF-8. */
    public static Credentials of(String user, String password) {
        return new Credentials(user, Objects.requireNonNull(password, "password").getBytes(StandardCharsets.UTF_8));
    }

    /** The AUTH frame body's record. */
    AuthRequest toRequest() {
        return new AuthRequest(user, password);
    }

    @Override
    public byte[] password() {
        return password.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && user.equals(c.user) && Arrays.equals(password, c.password);
    }

    @Override
    public int hashCode() {
        return user.hashCode() * 31 + Arrays.hashCode(password);
    }

    /** Shows the user only. */
    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=***]";
    }
}
