package io.raftkv.node.storage;

import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.LockMode;
import com.sleepycat.je.OperationStatus;
import com.sleepycat.je.Transaction;
import io.raftkv.client.command.CodecException;
import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.command.CommandResult;
import io.raftkv.client.command.Op;
import io.raftkv.client.command.Put;
import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The body of one apply transaction: for each index, move the entry from {@code unstable} to
 * {@code committed} and apply it (a group entry: each of its commands in order, one result each);
 * then advance {@code meta.applied}. Used once, by one thread;
 * its outputs are valid only after the transaction committed.
 */
final class EntryApplier {

    private final Databases dbs;
    private final SessionTable sessions;
    private final List<AppliedEntry> results = new ArrayList<>();
    private final Predicate<byte[]> watchedKeys;
    private final List<Put> watchedPuts = new ArrayList<>();
    private StoredMembership membership;
    private long lastTerm;

    EntryApplier(Databases dbs, SessionTable sessions, StoredMembership membership, long appliedTerm,
            Predicate<byte[]> watchedKeys) {
        this.watchedKeys = watchedKeys;
        this.dbs = dbs;
        this.sessions = sessions;
        this.membership = membership;
        this.lastTerm = appliedTerm;
    }

    void apply(Transaction txn, long from, long upTo) {
        for (long i = from; i <= upTo; i++) {
            DatabaseEntry key = IndexKey.of(i);
            DatabaseEntry raw = new DatabaseEntry();
            if (dbs.unstable().get(txn, key, raw, LockMode.RMW) != OperationStatus.SUCCESS) {
                throw new StorageException("committed entry " + i + " is missing from unstable; "
                        + "the data directory is damaged, restore this node from a peer");
            }
            LogEntry e = Databases.decodeEntry(i, raw.getData());
            dbs.committed().put(txn, key, raw);
            dbs.unstable().delete(txn, key);
            applyOne(txn, e);
            sessions.maybeExpire(txn, i);
            lastTerm = e.term();
        }
        sessions.flush(txn);
        dbs.meta().put(txn, MetaRecords.key(MetaRecords.APPLIED), MetaRecords.pair(upTo, lastTerm));
    }

    private void applyOne(Transaction txn, LogEntry e) {
        if (e.type() == EntryType.CONFIG) {
            dbs.meta().put(txn, MetaRecords.key(MetaRecords.MEMBERSHIP), MetaRecords.membership(e.index(), e.payload()));
            membership = new StoredMembership(e.index(), e.payload());
        }
        if (e.type() != EntryType.COMMAND) {
            results.add(new AppliedEntry(e.index(), e.term(), e.type(), null, null, false));
            return;
        }
        List<byte[]> members;
        try {
            members = CommandCodec.commands(e.payload());
        } catch (CodecException bad) {
            results.add(new AppliedEntry(e.index(), e.term(), e.type(), null, "malformed command group: "
                    + bad.getMessage(), false));
            return;
        }
        for (int p = 0; p < members.size(); p++) {
            results.add(applyCommand(txn, e, members.get(p), p));
        }
    }

    /** Applies one command (an entry's, or a group member at {@code position}) with its session. */
    private AppliedEntry applyCommand(Transaction txn, LogEntry e, byte[] payload, int position) {
        Command command;
        try {
            command = CommandCodec.decode(payload);
        } catch (CodecException bad) {
            // deterministic on every replica: the command is consumed without effect
            return new AppliedEntry(e.index(), e.term(), e.type(), null, "malformed command: " + bad.getMessage(),
                    false, position);
        }
        if (command.session().isNone()) {
            return new AppliedEntry(e.index(), e.term(), e.type(), applyWatched(txn, command, e.index()), null, false,
                    position);
        }
        SessionTable.Check check = sessions.check(txn, command.session());
        if (check instanceof SessionTable.Duplicate d) {
            return new AppliedEntry(e.index(), e.term(), e.type(), d.result(), null, true, position);
        }
        if (check instanceof SessionTable.TooOld old) {
            return new AppliedEntry(e.index(), e.term(), e.type(), null, old.reason(), false, position);
        }
        CommandResult result = applyWatched(txn, command, e.index()); // Fresh
        sessions.record(txn, command.session(), e.index(), result);
        return new AppliedEntry(e.index(), e.term(), e.type(), result, null, false, position);
    }

    /** Applies {@code command} and notes its Puts to watched keys if it applied. */
    private CommandResult applyWatched(Transaction txn, Command command, long index) {
        CommandResult result = CommandApplier.apply(txn, dbs.data(), command, index);
        if (result.applied()) {
            for (Op op : command.ops()) {
                if (op instanceof Put put && watchedKeys.test(put.key())) {
                    watchedPuts.add(put);
                }
            }
        }
        return result;
    }

    /** The applied Puts to watched keys, in log order. */
    List<Put> watchedPuts() {
        return watchedPuts;
    }

    List<AppliedEntry> results() {
        return results;
    }

    StoredMembership membership() {
        return membership;
    }

    long lastTerm() {
        return lastTerm;
    }
}
