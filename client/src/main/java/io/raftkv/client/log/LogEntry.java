package io.raftkv.client.log;

import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of the replicated log, after the seed's LogEntry: the term it was created in, its
 * position, what it carries and the carried bytes. The previous entry's (term, index) is not
 * stored: the log itself says it.
 *
 * <p>Immutable as long as nobody writes into {@link #payload()}; the array is shared, not copied,
 * because entries travel through the hot path of every write.
 *
 * @param term    the leader's term when the entry was created, at least 1
 * @param index   position in the log, at least 1
 * @param type    what the payload is
 * @param payload the encoded content; empty for {@link EntryType#NOOP}
 */
public record LogEntry(long term, long index, EntryType type, byte[] payload) {

    private static final byte[] EMPTY = new byte[0];

    public LogEntry {
        if (term < 1) {
            throw new IllegalArgumentException("term must be at least 1, was " + term);
        }
        if (index < 1) {
            throw new IllegalArgumentException("index must be at least 1, was " + index);
        }
        Objects.requireNonNull(type, "type");
        payload = payload == null ? EMPTY : payload;
    }

    public static LogEntry noop(long term, long index) {
        return new LogEntry(term, index, EntryType.NOOP, EMPTY);
    }

    /** Bytes this entry occupies in the log, as counted by flow control and limits. */
    public int sizeInBytes() {
        return payload.length + 17;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogEntry e
                && term == e.term
                && index == e.index
                && type == e.type
                && Arrays.equals(payload, e.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(term, index, type) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "LogEntry[term=" + term + ", index=" + index + ", type=" + type
                + ", payload=" + payload.length + " bytes]";
    }
}
