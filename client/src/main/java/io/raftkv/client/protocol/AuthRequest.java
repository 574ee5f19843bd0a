package io.raftkv.client.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The second frame of a CLIENT connection ({@link FrameType#AUTH}), sent once the handshake is
 * accepted: who the client is. Body: string user (u16 length + UTF-8, 0..{@value #MAX_USER_BYTES}
 * bytes, empty = no credentials), bytes password (i32 length, 0..{@value #MAX_PASSWORD_BYTES}).
 * The password travels as given: only TLS protects it on the wire.
 *
 * @param user     the user name, empty for none; at most {@value #MAX_USER_BYTES} UTF-8 bytes
 * @param password the password as UTF-8 bytes, empty for none; not copied, never printed
 */
public record AuthRequest(String user, byte[] password) {

    /** Longest user name, in UTF-8 bytes. */
    public static final int MAX_USER_BYTES = 255;
    /** Longest password, in UTF-8 bytes. */
    public static final int MAX_PASSWORD_BYTES = 1024;

    /** @throws IllegalArgumentException naming the field if the user or password is too long */
    public AuthRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        int userBytes = user.getBytes(StandardCharsets.UTF_8).length;
        if (userBytes > MAX_USER_BYTES) {
            throw new IllegalArgumentException("user must be at most " + MAX_USER_BYTES + " UTF-8 bytes, was "
                    + userBytes);
        }
        if (password.length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("password must be at most " + MAX_PASSWORD_BYTES
                    + " UTF-8 bytes, was " + password.length);
        }
    }

    /** The request of a client without credentials. */
    public static AuthRequest none() {
        return new AuthRequest("", new byte[0]);
    }

    /** True if the client sent a user name. */
    public boolean hasCredentials() {
        return !user.isEmpty();
    }

    /** The frame body. */
    public byte[] encode() {
        return new WireWriter(8 + user.length() + password.length)
                .writeString(user, MAX_USER_BYTES)
                .writeBytes(password)
                .toByteArray();
    }

    /** An {@link FrameType#AUTH} frame carrying this request. */
    public Frame toFrame() {
        return new Frame(FrameType.AUTH, encode());
    }

    /**
     * Reads a request body.
     *
     * @throws ProtocolException MALFORMED_BODY naming the field if the body is short, has trailing
     *                           bytes or a field is too long
     */
    public static AuthRequest decode(byte[] body) throws ProtocolException {
        WireReader in = new WireReader(body, "AuthRequest");
        String user = in.readString("user", MAX_USER_BYTES);
        byte[] password = in.readBytes("password", MAX_PASSWORD_BYTES);
        in.expectEnd();
        return new AuthRequest(user, password);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthRequest a && user.equals(a.user) && Arrays.equals(password, a.password);
    }

    @Override
    public int hashCode() {
        return user.hashCode() * 31 + Arrays.hashCode(password);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "AuthRequest[user=" + user + ", password=" + (password.length == 0 ? "none" : "***") + "]";
    }
}
