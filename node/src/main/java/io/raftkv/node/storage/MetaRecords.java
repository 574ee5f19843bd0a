package io.raftkv.node.storage;

import com.sleepycat.je.DatabaseEntry;
import io.raftkv.node.raft.HardState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Keys and value layouts of the {@code meta} database. Numbers are 8 bytes big-endian.
 *
 * <pre>
 * "format"     -> 1 byte, {@link #FORMAT_VERSION}; written when the environment is created
 * "hard"       -> term:8 commit:8 hasVote:1 [votedFor UTF-8]
 * "applied"    -> index:8 term:8          last applied entry
 * "logstart"   -> firstIndex:8 prevTerm:8 first stored log index and the term of the one before
 * "membership" -> index:8 bytes           latest applied CONFIG payload (opaque here)
 * anything else (e.g. "session/...")      opaque state that travels with snapshots
 * </pre>
 */
final class MetaRecords {

    /** 2: session results in 64 slots per client (1 kept one record per sequence). */
    static final int FORMAT_VERSION = 2;
    static final byte[] FORMAT = ascii("format");
    static final byte[] HARD = ascii("hard");
    static final byte[] APPLIED = ascii("applied");
    static final byte[] LOG_START = ascii("logstart");
    static final byte[] MEMBERSHIP = ascii("membership");

    private MetaRecords() {
    }

    static DatabaseEntry key(byte[] k) {
        return new DatabaseEntry(k);
    }

    /** True for the keys a snapshot does not carry: they describe this node, not the state. */
    static boolean isLocal(byte[] k) {
        return java.util.Arrays.equals(k, FORMAT) || java.util.Arrays.equals(k, HARD)
                || java.util.Arrays.equals(k, APPLIED) || java.util.Arrays.equals(k, LOG_START);
    }

    static DatabaseEntry pair(long a, long b) {
        return new DatabaseEntry(ByteBuffer.allocate(16).putLong(a).putLong(b).array());
    }

    static long[] readPair(DatabaseEntry e, String what) {
        if (e.getSize() != 16) {
            throw new StorageException("corrupt meta record " + what + " of " + e.getSize() + " bytes (16 expected)");
        }
        ByteBuffer b = ByteBuffer.wrap(e.getData(), e.getOffset(), 16);
        return new long[] {b.getLong(), b.getLong()};
    }

    static DatabaseEntry hardState(HardState hs) {
        byte[] vote = hs.votedFor() == null ? new byte[0] : hs.votedFor().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(17 + vote.length);
        b.putLong(hs.term()).putLong(hs.commit()).put((byte) (hs.votedFor() == null ? 0 : 1)).put(vote);
        return new DatabaseEntry(b.array());
    }

    static HardState readHardState(DatabaseEntry e) {
        if (e.getSize() < 17) {
            throw new StorageException("corrupt meta record hard of " + e.getSize() + " bytes (at least 17 expected)");
        }
        ByteBuffer b = ByteBuffer.wrap(e.getData(), e.getOffset(), e.getSize());
        long term = b.getLong();
        long commit = b.getLong();
        int hasVote = b.get();
        String vote = hasVote == 0 ? null : new String(e.getData(), e.getOffset() + 17, e.getSize() - 17,
                StandardCharsets.UTF_8);
        if (term < 0 || commit < 0) {
            throw new StorageException("corrupt hard state: term " + term + ", commit " + commit);
        }
        return new HardState(term, vote, commit);
    }

    static DatabaseEntry membership(long index, byte[] bytes) {
        return new DatabaseEntry(ByteBuffer.allocate(8 + bytes.length).putLong(index).put(bytes).array());
    }

    static StoredMembership readMembership(DatabaseEntry e) {
        if (e.getSize() < 8) {
            throw new StorageException("corrupt meta record membership of " + e.getSize() + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(e.getData(), e.getOffset(), e.getSize());
        long index = b.getLong();
        byte[] bytes = new byte[e.getSize() - 8];
        b.get(bytes);
        return new StoredMembership(index, bytes);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
