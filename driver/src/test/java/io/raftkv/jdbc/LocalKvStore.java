package io.raftkv.jdbc;

import io.raftkv.calcite.CallOptions;
import io.raftkv.calcite.KvEntry;
import io.raftkv.calcite.KvStore;
import io.raftkv.calcite.ScanPage;
import io.raftkv.calcite.ScanRequest;
import io.raftkv.calcite.StoreUnavailableException;
import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.command.CommandResult;
import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import io.raftkv.node.raft.HardState;
import io.raftkv.node.storage.AppliedEntry;
import io.raftkv.node.storage.JeStorage;
import io.raftkv.node.storage.KeyValue;
import io.raftkv.node.storage.StorageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link KvStore} over the node's real JE storage in one directory, standing in for a
 * one-node cluster: each command becomes the next log entry (term 1), is appended, committed and
 * applied, and its result is the state machine's. Real command semantics, no replication. Counts
 * calls so tests can check which access a statement used.
 */
final class LocalKvStore implements KvStore {

    private final JeStorage storage;
    /** Calls made, by kind. */
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger scans = new AtomicInteger();
    final AtomicInteger commands = new AtomicInteger();
    /** Entries returned by scans. */
    final AtomicInteger scannedEntries = new AtomicInteger();

    /**
     * When set, each scan first signals {@link #scanEntered} and then waits for this latch, at most
     * until the call's deadline, like a network call to a node that does not answer.
     */
    volatile java.util.concurrent.CountDownLatch stallScans;
    final java.util.concurrent.Semaphore scanEntered = new java.util.concurrent.Semaphore(0);

    LocalKvStore(Path dir) {
        this.storage = JeStorage.open(dir, StorageConfig.forTests());
    }

    void resetCounters() {
        gets.set(0);
        scans.set(0);
        commands.set(0);
        scannedEntries.set(0);
    }

    @Override
    public Optional<KvEntry> get(byte[] key, CallOptions options) {
        options.checkLive();
        gets.incrementAndGet();
        return storage.get(key).map(LocalKvStore::entry);
    }

    @Override
    public ScanPage scan(ScanRequest r, CallOptions options) {
        options.checkLive();
        scans.incrementAndGet();
        stall(options);
        // The storage scans [from, to); k + 0x00 is the smallest key above k.
        byte[] from = r.lower() == null ? null : r.lowerInclusive() ? r.lower() : successor(r.lower());
        byte[] to = r.upper() == null ? null : r.upperInclusive() ? successor(r.upper()) : r.upper();
        var page = storage.scan(new io.raftkv.node.storage.ScanRequest(from, to, null, r.limit(), r.reverse(),
                r.resumeAfter()));
        List<KvEntry> entries = new ArrayList<>();
        for (KeyValue kv : page.items()) {
            entries.add(entry(kv));
        }
        scannedEntries.addAndGet(entries.size());
        return new ScanPage(entries, page.hasMore());
    }

    private void stall(CallOptions options) {
        java.util.concurrent.CountDownLatch latch = stallScans;
        if (latch == null) {
            return;
        }
        scanEntered.release();
        try {
            latch.await(Math.max(0, options.remainingNanos()), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the store", e);
        }
        options.checkLive();
    }

    @Override
    public synchronized CommandResult execute(Command command, CallOptions options) {
        options.checkLive();
        commands.incrementAndGet();
        long index = storage.lastIndex() + 1;
        LogEntry entry = new LogEntry(1, index, EntryType.COMMAND, CommandCodec.encode(command));
        storage.saveHardStateAndAppend(new HardState(1, null, index), List.of(entry));
        List<AppliedEntry> applied = storage.apply(index);
        AppliedEntry result = applied.get(applied.size() - 1);
        if (result.result() == null) {
            throw new StoreUnavailableException("the state machine rejected the command: " + result.rejection());
        }
        return result.result();
    }

    @Override
    public void ping(CallOptions options) {
        options.checkLive();
        storage.appliedIndex();
    }

    @Override
    public void close() {
        storage.close();
    }

    private static KvEntry entry(KeyValue kv) {
        return new KvEntry(kv.key(), kv.value(), kv.modIndex());
    }

    private static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }
}
