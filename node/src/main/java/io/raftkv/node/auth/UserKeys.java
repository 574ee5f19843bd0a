package io.raftkv.node.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where users live: one key per user in the replicated {@code data} database, under the reserved
 * prefix {@link #PREFIX} ({@code "\0raftkv/user/" + name}, value = {@link PasswordHash#encode()}).
 * Being ordinary data, users travel through the Raft log as Put/Delete commands, are applied on
 * every replica and are carried by every snapshot. Clients cannot read or write these keys
 * (the whole {@code "\0raftkv/"} range is refused to them); only the node's user commands
 * write them.
 */
public final class UserKeys {

    /** The reserved prefix of user records. */
    public static final byte[] PREFIX = "\0raftkv/user/".getBytes(StandardCharsets.UTF_8);
    /** Longest user name, in UTF-8 bytes (as the AUTH frame allows). */
    public static final int MAX_USER_BYTES = 255;

    private UserKeys() {
    }

    /**
     * The key of {@code user}.
     *
     * @throws IllegalArgumentException if the name is empty, longer than {@value #MAX_USER_BYTES}
     *                                  UTF-8 bytes, or holds a control character
     */
    public static byte[] key(String user) {
        checkName(user);
        byte[] name = user.getBytes(StandardCharsets.UTF_8);
        byte[] k = Arrays.copyOf(PREFIX, PREFIX.length + name.length);
        System.arraycopy(name, 0, k, PREFIX.length, name.length);
        return k;
    }

    /** The user name of a key under {@link #PREFIX}. */
    public static String name(byte[] key) {
        return new String(key, PREFIX.length, key.length - PREFIX.length, StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException naming the rule if {@code user} cannot be a user name */
    public static void checkName(String user) {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("user name must not be empty");
        }
        int bytes = user.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_USER_BYTES) {
            throw new IllegalArgumentException("user name must be at most " + MAX_USER_BYTES + " UTF-8 bytes, was "
                    + bytes);
        }
        if (user.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("user name must not hold control characters");
        }
    }
}
