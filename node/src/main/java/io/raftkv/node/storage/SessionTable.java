package io.raftkv.node.storage;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.Get;
import com.sleepycat.je.LockMode;
import com.sleepycat.je.OperationStatus;
import com.sleepycat.je.Transaction;
import io.raftkv.client.command.CodecException;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.command.CommandResult;
import io.raftkv.client.command.Session;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Client sessions for exactly-once retries (Raft thesis §6.3), kept in {@code meta} inside the
 * apply transaction so they move with snapshots and survive crashes exactly like {@code data}.
 *
 * <pre>
 * "session/" clientId:8            -> maxSequence:8 lastUsedIndex:8
 * "session/" clientId:8 sequence:8 -> index:8 encoded CommandResult
 * </pre>
 *
 * <p>A client's last {@link #RESULTS_PER_CLIENT} results are remembered: a retry of one of them
 * gets the stored result and is not applied again; an older sequence is refused because its
 * outcome is no longer known. A client unused for {@code windowEntries} log entries is forgotten
 * (checked every {@link #EXPIRY_EVERY} indexes). Everything depends only on the state and the
 * entry index, so all replicas decide alike.
 */
final class SessionTable {

    static final int RESULTS_PER_CLIENT = 64;
    static final long EXPIRY_EVERY = 4096;
    private static final byte[] PREFIX = "session/".getBytes(StandardCharsets.US_ASCII);

    private final Database meta;
    private final long windowEntries;

    SessionTable(Database meta, long windowEntries) {
        this.meta = meta;
        this.windowEntries = windowEntries;
    }

    /** What the table says about a command before it is applied. */
    sealed interface Check permits Fresh, Duplicate, TooOld {
    }

    /**
     * Not seen: apply it, then {@link #record} with this check.
     *
     * @param maxSequence the session's highest sequence so far, or 0 for a new session
     */
    record Fresh(long maxSequence) implements Check {
    }

    /** Seen: answer with its stored result. */
    record Duplicate(CommandResult result) implements Check {
    }

    /** Older than the remembered window: refuse. */
    record TooOld(String reason) implements Check {
    }

    Check check(Transaction txn, Session s) {
        DatabaseEntry v = new DatabaseEntry();
        if (meta.get(txn, resultKey(s.clientId(), s.sequence()), v, LockMode.RMW) == OperationStatus.SUCCESS) {
            try {
                byte[] b = v.getData();
                return new Duplicate(CommandCodec.decodeResult(Arrays.copyOfRange(b, 8, b.length)));
            } catch (CodecException e) {
                throw new StorageException("corrupt session result of client " + s.clientId(), e);
            }
        }
        long[] head = head(txn, s.clientId());
        if (head != null && s.sequence() <= head[0] - RESULTS_PER_CLIENT) {
            return new TooOld("sequence " + s.sequence() + " of client " + s.clientId() + " is older than the last "
                    + RESULTS_PER_CLIENT + " it sent (latest " + head[0] + "); its outcome is no longer known");
        }
        return new Fresh(head == null ? 0 : head[0]);
    }

    /**
     * Remembers the result of a fresh command applied at {@code index}; {@code fresh} is what
     * {@link #check} said about it in the same transaction (the session head is not read again).
     */
    void record(Transaction txn, Session s, Fresh fresh, long index, CommandResult result) {
        long maxSeq = Math.max(fresh.maxSequence(), s.sequence());
        meta.put(txn, headKey(s.clientId()), MetaRecords.pair(maxSeq, index));
        byte[] encoded = CommandCodec.encodeResult(result);
        meta.put(txn, resultKey(s.clientId(), s.sequence()),
                new DatabaseEntry(ByteBuffer.allocate(8 + encoded.length).putLong(index).put(encoded).array()));
        if (s.sequence() > RESULTS_PER_CLIENT) {
            meta.delete(txn, resultKey(s.clientId(), s.sequence() - RESULTS_PER_CLIENT));
        }
    }

    /** Every {@link #EXPIRY_EVERY} indexes, forgets clients unused for the window. */
    void maybeExpire(Transaction txn, long index) {
        if (index % EXPIRY_EVERY != 0 || index <= windowEntries) {
            return;
        }
        long cutoff = index - windowEntries;
        DatabaseEntry key = new DatabaseEntry(PREFIX);
        DatabaseEntry value = new DatabaseEntry();
        long expiredClient = -1;
        try (Cursor c = meta.openCursor(txn, null)) {
            for (var r = c.get(key, value, Get.SEARCH_GTE, null); r != null && startsWithPrefix(key.getData());
                    r = c.get(key, value, Get.NEXT, null)) {
                ByteBuffer k = ByteBuffer.wrap(key.getData(), PREFIX.length, key.getSize() - PREFIX.length);
                long client = k.getLong();
                if (key.getSize() == PREFIX.length + 8) {
                    expiredClient = MetaRecords.readPair(value, "session")[1] < cutoff ? client : -1;
                }
                if (client == expiredClient) {
                    c.delete();
                }
            }
        }
    }

    private long[] head(Transaction txn, long clientId) {
        DatabaseEntry v = new DatabaseEntry();
        if (meta.get(txn, headKey(clientId), v, LockMode.RMW) != OperationStatus.SUCCESS) {
            return null;
        }
        return MetaRecords.readPair(v, "session");
    }

    private static boolean startsWithPrefix(byte[] k) {
        return k.length >= PREFIX.length + 8 && Arrays.equals(k, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
    }

    private static DatabaseEntry headKey(long clientId) {
        return new DatabaseEntry(ByteBuffer.allocate(PREFIX.length + 8).put(PREFIX).putLong(clientId).array());
    }

    private static DatabaseEntry resultKey(long clientId, long sequence) {
        return new DatabaseEntry(ByteBuffer.allocate(PREFIX.length + 16).put(PREFIX).putLong(clientId)
                .putLong(sequence).array());
    }
}
