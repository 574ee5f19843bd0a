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
 * "session/" clientId:8        -> maxSequence:8 lastUsedIndex:8 count:1 slot{count}       (the head)
 *     slot := position:1 sequence:8 index:8 (1 length:1 result | 2)                  (inline | apart)
 * "session/" clientId:8 slot:8 -> sequence:8 index:8 encoded CommandResult           (a result kept apart)
 * </pre>
 *
 * <p>A client's last {@link #RESULTS_PER_CLIENT} results are remembered, one slot each (position =
 * sequence mod 64): a retry of one of them gets the stored result and is not applied again; an
 * older sequence is refused because its outcome is no longer known. Results of at most
 * {@link #INLINE_RESULT_BYTES} encoded bytes (any single op, small batches) live in the head
 * itself; larger ones in a record of their own. A transaction reads each head it needs once and
 * writes each head it changed once, at {@link #flush}: a group of writes from one client costs one
 * head write, not one record per write. A sequence above the head's maximum was never applied. A
 * client unused for {@code windowEntries} log entries is forgotten (checked every
 * {@link #EXPIRY_EVERY} indexes). Everything depends only on the state and the entry index, so
 * all replicas decide alike.
 *
 * <p>One instance per apply transaction (it caches that transaction's heads); one thread.
 */
final class SessionTable {

    static final int RESULTS_PER_CLIENT = 64;
    static final int INLINE_RESULT_BYTES = 64;
    static final long EXPIRY_EVERY = 4096;
    private static final byte[] PREFIX = "session/".getBytes(StandardCharsets.US_ASCII);
    private static final int INLINE = 1;
    private static final int APART = 2;

    /** A session head as this transaction sees it; {@code dirty} until {@link #flush}ed. */
    private static final class Head {
        long maxSequence;
        long lastUsedIndex;
        final long[] sequences = new long[RESULTS_PER_CLIENT]; // 0 = empty slot
        final long[] indexes = new long[RESULTS_PER_CLIENT];
        final byte[][] inline = new byte[RESULTS_PER_CLIENT][]; // null = kept apart (or empty)
        boolean dirty;

        byte[] encode() {
            int count = 0;
            int size = 17;
            for (int p = 0; p < RESULTS_PER_CLIENT; p++) {
                if (sequences[p] != 0) {
                    count++;
                    size += 18 + (inline[p] == null ? 0 : 1 + inline[p].length);
                }
            }
            ByteBuffer b = ByteBuffer.allocate(size).putLong(maxSequence).putLong(lastUsedIndex).put((byte) count);
            for (int p = 0; p < RESULTS_PER_CLIENT; p++) {
                if (sequences[p] != 0) {
                    b.put((byte) p).putLong(sequences[p]).putLong(indexes[p]);
                    if (inline[p] == null) {
                        b.put((byte) APART);
                    } else {
                        b.put((byte) INLINE).put((byte) inline[p].length).put(inline[p]);
                    }
                }
            }
            return b.array();
        }

        static Head decode(DatabaseEntry v, long clientId) {
            try {
                ByteBuffer b = ByteBuffer.wrap(v.getData(), v.getOffset(), v.getSize());
                Head h = new Head();
                h.maxSequence = b.getLong();
                h.lastUsedIndex = b.getLong();
                int count = b.get() & 0xFF;
                for (int i = 0; i < count; i++) {
                    int p = b.get() & 0xFF;
                    h.sequences[p] = b.getLong();
                    h.indexes[p] = b.getLong();
                    int kind = b.get();
                    if (kind == INLINE) {
                        byte[] r = new byte[b.get() & 0xFF];
                        b.get(r);
                        h.inline[p] = r;
                    } else if (kind != APART) {
                        throw new StorageException("corrupt session head of client " + clientId + ": slot kind " + kind);
                    }
                }
                if (b.hasRemaining()) {
                    throw new StorageException("corrupt session head of client " + clientId + ": trailing bytes");
                }
                return h;
            } catch (java.nio.BufferUnderflowException | ArrayIndexOutOfBoundsException e) {
                throw new StorageException("corrupt session head of client " + clientId, e);
            }
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
        int p = slot(s.sequence());
        if (head.sequences[p] != s.sequence()) {
            return FRESH; // within the window, not applied yet (sequences may apply out of order)
        }
        byte[] encoded = head.inline[p];
        if (encoded == null) {
            DatabaseEntry v = new DatabaseEntry();
            if (meta.get(txn, apartKey(s.clientId(), p), v, LockMode.RMW) != OperationStatus.SUCCESS || v.getSize() < 16
                    || ByteBuffer.wrap(v.getData(), v.getOffset(), 8).getLong() != s.sequence()) {
                throw new StorageException("the session result of client " + s.clientId() + " sequence "
                        + s.sequence() + " is missing; the data directory is damaged");
            }
            encoded = Arrays.copyOfRange(v.getData(), v.getOffset() + 16, v.getOffset() + v.getSize());
        }
        try {
            return new Duplicate(CommandCodec.decodeResult(encoded));
        } catch (CodecException e) {
            throw new StorageException("corrupt session result of client " + s.clientId(), e);
        }
    }

    /** Remembers the result of a fresh command applied at {@code index}. */
    void record(Transaction txn, Session s, long index, CommandResult result) {
        Head head = heads.get(s.clientId());
        if (head == null) {
            head = new Head();
            heads.put(s.clientId(), head);
        }
        head.maxSequence = Math.max(head.maxSequence, s.sequence());
        head.lastUsedIndex = index;
        head.dirty = true;
        int p = slot(s.sequence());
        byte[] encoded = CommandCodec.encodeResult(result);
        head.sequences[p] = s.sequence();
        head.indexes[p] = index;
        if (encoded.length <= INLINE_RESULT_BYTES) {
            head.inline[p] = encoded;
        } else {
            head.inline[p] = null;
            meta.put(txn, apartKey(s.clientId(), p), new DatabaseEntry(ByteBuffer.allocate(16 + encoded.length)
                    .putLong(s.sequence()).putLong(index).put(encoded).array()));
        }
    }

    /** Writes the heads this transaction changed; call before the transaction commits. */
    void flush(Transaction txn) {
        for (Map.Entry<Long, Head> e : heads.entrySet()) {
            Head h = e.getValue();
            if (h != null && h.dirty) {
                meta.put(txn, headKey(e.getKey()), new DatabaseEntry(h.encode()));
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
                    expiredClient = Head.decode(value, client).lastUsedIndex < cutoff ? client : -1;
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
        Head h = meta.get(txn, headKey(clientId), v, LockMode.RMW) == OperationStatus.SUCCESS
                ? Head.decode(v, clientId) : null;
        heads.put(clientId, h);
        return h;
    }

    private static int slot(long sequence) {
        return (int) Math.floorMod(sequence, (long) RESULTS_PER_CLIENT);
    }

    private static boolean startsWithPrefix(byte[] k) {
        return k.length >= PREFIX.length + 8 && Arrays.equals(k, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
    }

    private static DatabaseEntry headKey(long clientId) {
        return new DatabaseEntry(ByteBuffer.allocate(PREFIX.length + 8).put(PREFIX).putLong(clientId).array());
    }

    private static DatabaseEntry apartKey(long clientId, int slot) {
        return new DatabaseEntry(ByteBuffer.allocate(PREFIX.length + 16).put(PREFIX).putLong(clientId)
                .putLong(slot).array());
    }
}
