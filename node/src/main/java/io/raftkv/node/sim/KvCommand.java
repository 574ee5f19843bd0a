package io.raftkv.node.sim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A write the simulated clients propose through the log. Reads never enter the log: they go through
 * ReadIndex (Raft thesis §6.4). Every command carries the id of the client operation that issued it,
 * so the simulator can match an applied entry back to the operation waiting for it.
 *
 * <p>The encoding is the simulator's own (kind byte, op id, length-prefixed UTF-8 strings); the
 * production command codec lives in the client module and is not needed here.
 */
sealed interface KvCommand permits KvCommand.Put, KvCommand.Delete, KvCommand.Cas {

    /** Unique id of the client operation that proposed this command, at least 1. */
    long opId();

    /** The key this command writes. */
    String key();

    /** Unconditional write of {@code value}. */
    record Put(long opId, String key, String value) implements KvCommand {
    }

    /** Removes {@code key}; the result says whether it existed. */
    record Delete(long opId, String key) implements KvCommand {
    }

    /** Writes {@code value} only if the current value equals {@code expected} (null = absent). */
    record Cas(long opId, String key, String expected, String value) implements KvCommand {
    }

    /**
     * Encodes this command as a log payload.
     *
     * @return a fresh array, never shared
     */
    default byte[] encode() {
        byte[] k = key().getBytes(StandardCharsets.UTF_8);
        byte[] a = null;
        byte[] b = null;
        byte kind;
        if (this instanceof Put p) {
            kind = 1;
            a = p.value().getBytes(StandardCharsets.UTF_8);
        } else if (this instanceof Delete) {
            kind = 2;
        } else if (this instanceof Cas c) {
            kind = 3;
            a = c.expected() == null ? null : c.expected().getBytes(StandardCharsets.UTF_8);
            b = c.value().getBytes(StandardCharsets.UTF_8);
        } else {
            throw new IllegalStateException("unknown command " + this);
        }
        int size = 1 + 8 + 4 + k.length + 4 + (a == null ? 0 : a.length) + 4 + (b == null ? 0 : b.length);
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.put(kind).putLong(opId());
        putBytes(buf, k);
        putBytes(buf, a);
        putBytes(buf, b);
        return buf.array();
    }

    /**
     * Decodes a payload written by {@link #encode()}.
     *
     * @throws IllegalArgumentException if the payload is not a command this simulator wrote
     */
    static KvCommand decode(byte[] payload) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(payload);
            byte kind = buf.get();
            long opId = buf.getLong();
            String key = getString(buf);
            String a = getString(buf);
            String b = getString(buf);
            return switch (kind) {
                case 1 -> new Put(opId, key, a);
                case 2 -> new Delete(opId, key);
                case 3 -> new Cas(opId, key, a, b);
                default -> throw new IllegalArgumentException("unknown command kind " + kind);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("payload of " + payload.length
                    + " bytes is not a simulator KV command: " + e, e);
        }
    }

    private static void putBytes(ByteBuffer buf, byte[] bytes) {
        if (bytes == null) {
            buf.putInt(-1);
        } else {
            buf.putInt(bytes.length).put(bytes);
        }
    }

    private static String getString(ByteBuffer buf) {
        int len = buf.getInt();
        if (len < 0) {
            return null;
        }
        byte[] bytes = new byte[len];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
