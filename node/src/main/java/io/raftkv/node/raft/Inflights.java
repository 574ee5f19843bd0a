package io.raftkv.node.raft;

import java.util.ArrayDeque;

/**
 * The AppendEntries a leader sent to one follower and not yet saw acknowledged, bounded by a
 * count and a byte budget (flow control, as in etcd's tracker/inflights). Not thread-safe.
 */
final class Inflights {

    private record Sent(long lastIndex, long bytes) {
    }

    private final int maxCount;
    private final long maxBytes;

    /** Sent messages in increasing lastIndex order. */
    private final ArrayDeque<Sent> sent = new ArrayDeque<>();

    /** Invariant: the sum of sent.bytes. */
    private long bytes;

    Inflights(int maxCount, long maxBytes) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    void add(long lastIndex, long size) {
        sent.addLast(new Sent(lastIndex, size));
        bytes += size;
    }

    /** Frees every message whose last index is at or below {@code index}. */
    void freeLE(long index) {
        while (!sent.isEmpty() && sent.peekFirst().lastIndex() <= index) {
            bytes -= sent.pollFirst().bytes();
        }
    }

    void freeFirstOne() {
        if (!sent.isEmpty()) {
            bytes -= sent.pollFirst().bytes();
        }
    }

    boolean full() {
        return sent.size() >= maxCount || bytes >= maxBytes;
    }

    int count() {
        return sent.size();
    }

    long bytes() {
        return bytes;
    }

    void reset() {
        sent.clear();
        bytes = 0;
    }
}
