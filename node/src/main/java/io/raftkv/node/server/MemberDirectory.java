package io.raftkv.node.server;

import io.raftkv.client.command.Put;
import io.raftkv.node.storage.KeyValue;
import io.raftkv.node.storage.ScanPage;
import io.raftkv.node.storage.ScanRequest;
import io.raftkv.node.storage.StateStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each member listens. The Raft membership holds ids only, so a member's address travels
 * through the log as an ordinary Put on a reserved key ({@link #PREFIX} + id), proposed by the
 * leader just before the AddLearner change: every replica, and every snapshot, then knows it.
 * Seeded from the addresses the node started with.
 *
 * <p>Thread-safe; nothing blocks.
 */
final class MemberDirectory {

    /** Keys starting with a 0 byte are reserved for raftkv; this one maps member id to "host:port". */
    static final byte[] PREFIX = "\0raftkv/member/".getBytes(StandardCharsets.UTF_8);

    private final Map<String, InetSocketAddress> addresses = new ConcurrentHashMap<>();

    MemberDirectory(Map<String, InetSocketAddress> initial) {
        addresses.putAll(initial);
    }

    static byte[] key(String nodeId) {
        byte[] id = nodeId.getBytes(StandardCharsets.UTF_8);
        byte[] k = Arrays.copyOf(PREFIX, PREFIX.length + id.length);
        System.arraycopy(id, 0, k, PREFIX.length, id.length);
        return k;
    }

    /** Every id with a known address. */
    java.util.Set<String> ids() {
        return java.util.Set.copyOf(addresses.keySet());
    }

    Optional<InetSocketAddress> address(String nodeId) {
        return Optional.ofNullable(addresses.get(nodeId));
    }

    /** "host:port" of {@code nodeId}, or empty if unknown (also for a null id). */
    String addressText(String nodeId) {
        InetSocketAddress a = nodeId == null ? null : addresses.get(nodeId);
        return a == null ? "" : NodeIdentity.format(a);
    }

    /** Loads every address the applied state holds (after a restart or a snapshot install). */
    void load(StateStore state) {
        ScanRequest page = ScanRequest.prefix(PREFIX);
        while (true) {
            ScanPage p = state.scan(page);
            for (KeyValue kv : p.items()) {
                learn(kv.key(), kv.value());
            }
            if (!p.hasMore()) {
                return;
            }
            page = page.resumeAfter(p.resumeAfter());
        }
    }

    /** True for the reserved key of a member's address. */
    static boolean isMemberKey(byte[] key) {
        return key.length > PREFIX.length && Arrays.equals(key, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
    }

    /**
     * Learns the address an applied Put to a member key ({@link #isMemberKey}) holds; returns true
     * if it changed one. Other keys and values that are not addresses are ignored.
     */
    boolean learn(Put put) {
        return isMemberKey(put.key()) && learn(put.key(), put.value());
    }

    private boolean learn(byte[] key, byte[] value) {
        String id = new String(key, PREFIX.length, key.length - PREFIX.length, StandardCharsets.UTF_8);
        InetSocketAddress a;
        try {
            a = NodeIdentity.parseAddress(new String(value, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return !a.equals(addresses.put(id, a));
    }
}
