package io.raftkv.node.sim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulator's key-value state machine: a sorted in-memory map that applies committed
 * {@link KvCommand}s. Snapshot data is the serialized map, so a node restored from a snapshot and a
 * node that applied the same prefix have byte-identical state and the same {@link #stateHash()}.
 *
 * <p>Not thread-safe; the simulator is single-threaded.
 */
final class KvStore {

    /** Key to current value; absent keys are not in the map. Sorted so serialization is canonical. */
    private final TreeMap<String, String> data = new TreeMap<>();

    /**
     * Applies one committed command.
     *
     * @return for Put always true; for Delete whether the key existed; for Cas whether it wrote
     */
    boolean apply(KvCommand command) {
        if (command instanceof KvCommand.Put p) {
            data.put(p.key(), p.value());
            return true;
        }
        if (command instanceof KvCommand.Delete d) {
            return data.remove(d.key()) != null;
        }
        if (command instanceof KvCommand.Cas c) {
            String current = data.get(c.key());
            boolean matches = c.expected() == null ? current == null : c.expected().equals(current);
            if (matches) {
                data.put(c.key(), c.value());
            }
            return matches;
        }
        throw new IllegalStateException("unknown command " + command);
    }

    /** Returns the current value of {@code key}, or null if absent. */
    String get(String key) {
        return data.get(key);
    }

    /** Serializes the whole map; the format is what {@link #restore(byte[])} reads. */
    byte[] snapshot() {
        int size = 4;
        for (Map.Entry<String, String> e : data.entrySet()) {
            size += 8 + utf8Length(e.getKey()) + utf8Length(e.getValue());
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putInt(data.size());
        for (Map.Entry<String, String> e : data.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] v = e.getValue().getBytes(StandardCharsets.UTF_8);
            buf.putInt(k.length).put(k).putInt(v.length).put(v);
        }
        return buf.array();
    }

    /**
     * Replaces the whole state with a snapshot written by {@link #snapshot()}; an empty array means
     * the empty map.
     *
     * @throws IllegalArgumentException if the bytes are not a snapshot of this store
     */
    void restore(byte[] snapshot) {
        data.clear();
        if (snapshot == null || snapshot.length == 0) {
            return;
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(snapshot);
            int n = buf.getInt();
            for (int i = 0; i < n; i++) {
                byte[] k = new byte[buf.getInt()];
                buf.get(k);
                byte[] v = new byte[buf.getInt()];
                buf.get(v);
                data.put(new String(k, StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("snapshot of " + snapshot.length
                    + " bytes is not a simulator KV snapshot: " + e, e);
        }
    }

    /** A 64-bit hash of the whole state; equal maps give equal hashes. */
    long stateHash() {
        long h = TraceHash.SEED;
        for (Map.Entry<String, String> e : data.entrySet()) {
            h = TraceHash.mix(h, e.getKey().hashCode());
            h = TraceHash.mix(h, e.getValue().hashCode());
        }
        return TraceHash.mix(h, data.size());
    }

    /** Number of keys present. */
    int size() {
        return data.size();
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
