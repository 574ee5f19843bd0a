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
import java.util.HashMap;
import java.util.Map;

/**
 * Client sessions for exactly-once retries (Raft thesis §6.3), kept in {@code meta} inside the
 * apply transaction so they move with snapshots and survive crashes exactly like {@code data}.
 *
 * <pre>
 * "session/" clientId:8        -> maxSequence:8 lastUsedIndex:8                (the head)
 * "session/" clientId:8 slot:8 -> sequence:8 index:8 encoded CommandResult     (slot = sequence mod 64)
 * </pre>
 *
 * <p>A client's last {@link #RESULTS_PER_CLIENT} results are remembered, one slot each: a retry of
 * one of them gets the stored result and is not applied again; an older sequence is refused because
 * its outcome is no longer known. A sequence above the head's maximum was never applied, so the
 * usual in-order write costs no slot read; the heads a transaction touches are read once and
 * written once, at {@link #flush}. A client unused for {@code windowEntries} log entries is
 * forgotten (checked every {@link #EXPIRY_EVERY} indexes). Everything depends only on the state and
 * the entry index, so all replicas decide alike.
 *
 * <p>One instance per apply transaction (it caches that transaction's heads); one thread.
 */
final class SessionTable {

    static final int RESULTS_PER_CLIENT = 64;
    static final long EXPIRY_EVERY = 4096;
    private static final byte[] PREFIX = "session/".getBytes(StandardCharsets.US_ASCII);

    /** A session head as this transaction sees it; {@code dirty} until {@link #flush}ed. */
    private static final class Head {
        long maxSequence;
        long lastUsedIndex;
        boolean dirty;

        Head(long maxSequence, long lastUsedIndex) {
            this.maxSequence = maxSequence;
            this.lastUsedIndex = lastUsedIndex;
        }
    }

    private final Database meta;
    private final long windowEntries;
    /** clientId -> head; a null value caches "no such session". */
    private final Map<Long, Head> heads = new HashMap<>();

    SessionTable(Database meta, long windowEntries) {
        this.meta = meta;
        this.windowEntries = windowEntries;
    }

    /** What the table says about a command before it is applied. */
    sealed interface Check permits Fresh, Duplicate, TooOld {
    }

    /** Not seen: apply it, then {@link #record} it. */
    record Fresh() implements Check {
    }

    /** Seen: answer with its stored result. */
    record Duplicate(CommandResult result) implements Check {
    }

    /** Older than the remembered window: refuse. */
    record TooOld(String reason) implements Check {
    }

    private static final Fresh FRESH = new Fresh();

    Check check(Transaction txn, Session s) {
        Head head = head(txn, s.clientId());
        if (head == null || s.sequence() > head.maxSequence) {
            return FRESH; // never applied: the head holds the highest sequence applied
        }
        if (s.sequence() <= head.maxSequence - RESULTS_PER_CLIENT) {
            return new TooOld("sequence " + s.sequence() + " of client " + s.clientId() + " is older than the last "
                    + RESULTS_PER_CLIENT + " it sent (latest " + head.maxSequence + "); its outcome is no longer known");
        }
        DatabaseEntry v = new DatabaseEntry();
        if (meta.get(txn, slotKey(s.clientId(), s.sequence()), v, LockMode.RMW) == OperationStatus.SUCCESS) {
            if (v.getSize() < 16) {
                throw new StorageException("corrupt session result of client " + s.clientId());
            }
            ByteBuffer b = ByteBuffer.wrap(v.getData(), v.getOffset(), v.getSize());
            if (b.getLong() == s.sequence()) {
                try {
                    return new Duplicate(CommandCodec.decodeResult(Arrays.copyOfRange(v.getData(),
                            v.getOffset() + 16, v.getOffset() + v.getSize())));
                } catch (CodecException e) {
                    throw new StorageException("corrupt session result of client " + s.clientId(), e);
                }
            }
        }
        return FRESH; // within the window, not applied yet (sequences may apply out of order)
    }

    /** Remembers the result of a fresh command applied at {@code index}, in its slot. */
    void record(Transaction txn, Session s, long index, CommandResult result) {
        Head head = heads.get(s.clientId());
        if (head == null) {
            head = new Head(0, 0);
            heads.put(s.clientId(), head);
        }
        head.maxSequence = Math.max(head.maxSequence, s.sequence());
        head.lastUsedIndex = index;
        head.dirty = true;
        byte[] encoded = CommandCodec.encodeResult(result);
        meta.put(txn, slotKey(s.clientId(), s.sequence()), new DatabaseEntry(ByteBuffer.allocate(16 + encoded.length)
                .putLong(s.sequence()).putLong(index).put(encoded).array()));
    }

    /** Writes the heads this transaction changed; call before the transaction commits. */
    void flush(Transaction txn) {
        for (Map.Entry<Long, Head> e : heads.entrySet()) {
            Head h = e.getValue();
            if (h != null && h.dirty) {
                meta.put(txn, headKey(e.getKey()), MetaRecords.pair(h.maxSequence, h.lastUsedIndex));
                h.dirty = false;
            }
        }
    }

    /** Every {@link #EXPIRY_EVERY} indexes, forgets clients unused for the window. */
    void maybeExpire(Transaction txn, long index) {
        if (index % EXPIRY_EVERY != 0 || index <= windowEntries) {
            return;
        }
        flush(txn); // the scan below reads the stored heads
        heads.clear();
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

    private Head head(Transaction txn, long clientId) {
        if (heads.containsKey(clientId)) {
            return heads.get(clientId);
        }
        DatabaseEntry v = new DatabaseEntry();
        Head h = null;
        if (meta.get(txn, headKey(clientId), v, LockMode.RMW) == OperationStatus.SUCCESS) {
            long[] p = MetaRecords.readPair(v, "session");
            h = new Head(p[0], p[1]);
        }
        heads.put(clientId, h);
        return h;
    }

    private static boolean startsWithPrefix(byte[] k) {
        return k.length >= PREFIX.length + 8 && Arrays.equals(k, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
    }

    private static DatabaseEntry headKey(long clientId) {
        return new DatabaseEntry(ByteBuffer.allocate(PREFIX.length + 8).put(PREFIX).putLong(clientId).array());
    }

    private static DatabaseEntry slotKey(long clientId, long sequence) {
        return new DatabaseEntry(ByteBuffer.allocate(PREFIX.length + 16).put(PREFIX).putLong(clientId)
                .putLong(Math.floorMod(sequence, RESULTS_PER_CLIENT)).array());
    }
}
