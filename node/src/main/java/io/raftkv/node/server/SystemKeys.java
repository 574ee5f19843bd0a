package io.raftkv.node.server;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.Op;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The reserved key range {@code "\0raftkv/..."}: member addresses ({@link MemberDirectory}) and
 * users with their password hashes ({@link io.raftkv.node.auth.UserKeys}). The node writes it
 * through its own commands; client requests may neither write it (BAD_REQUEST naming the rule)
 * nor see it (Get answers absent, Scan skips it), whatever their key range.
 *
 * <p>Thread-safe, stateless.
 */
final class SystemKeys {

    /** Every reserved key starts with these bytes. */
    static final byte[] PREFIX = "\0raftkv/".getBytes(StandardCharsets.UTF_8);

    private SystemKeys() {
    }

    /** True if {@code key} is in the reserved range. */
    static boolean isSystem(byte[] key) {
        return key.length >= PREFIX.length && Arrays.equals(key, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
    }

    /**
     * Refuses a client command touching the reserved range.
     *
     * @throws IllegalArgumentException naming the rule (answered BAD_REQUEST) if an op's key is reserved
     */
    static void checkClientWrite(Command command) {
        for (Op op : command.ops()) {
            if (isSystem(op.key())) {
                throw new IllegalArgumentException("keys starting with \"\\0raftkv/\" are reserved for the nodes"
                        + " (users and member addresses); a client request cannot write them (use raftkv admin"
                        + " user ... to manage users)");
            }
        }
    }
}
