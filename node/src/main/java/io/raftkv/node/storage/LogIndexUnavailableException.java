package io.raftkv.node.storage;

/**
 * A log index outside the stored range was asked for: either already compacted into a snapshot
 * (the leader must send the snapshot instead, Raft §7) or past the last index. Not a failure of
 * the storage; the caller decides.
 */
public final class LogIndexUnavailableException extends RuntimeException {

    private final boolean compacted;

    LogIndexUnavailableException(long index, long firstIndex, long lastIndex) {
        super("log index " + index + " is " + (index < firstIndex ? "compacted" : "past the end")
                + "; the log holds [" + firstIndex + ", " + lastIndex + "]");
        this.compacted = index < firstIndex;
    }

    /** True if the index was compacted away, false if it is past the last index. */
    public boolean compacted() {
        return compacted;
    }
}
