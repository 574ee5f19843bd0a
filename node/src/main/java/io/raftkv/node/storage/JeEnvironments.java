package io.raftkv.node.storage;

import com.sleepycat.je.Durability;
import com.sleepycat.je.EnvironmentConfig;
import com.sleepycat.je.TransactionConfig;

/** The JE settings raftkv uses, in one place (explained in docs/storage.md). */
final class JeEnvironments {

    private JeEnvironments() {
    }

    static EnvironmentConfig environmentConfig(StorageConfig config) {
        EnvironmentConfig ec = new EnvironmentConfig();
        ec.setAllowCreate(true);
        ec.setTransactional(true);
        // every commit is synced unless a transaction says otherwise (only apply and compaction do)
        ec.setDurability(Durability.COMMIT_SYNC);
        ec.setCacheSize(config.cacheBytes());
        ec.setSharedCache(config.sharedCache());
        ec.setLockTimeout(config.lockTimeoutMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        ec.setConfigParam(EnvironmentConfig.FREE_DISK, Long.toString(config.freeDiskBytes()));
        ec.setConfigParam(EnvironmentConfig.LOG_FILE_MAX, Long.toString(config.logFileBytes()));
        // the midnight Btree verifier would stall a latency-sensitive node for no benefit here
        ec.setConfigParam(EnvironmentConfig.ENV_RUN_VERIFIER, "false");
        // no je.stat.csv files in the data directory
        ec.setConfigParam(EnvironmentConfig.STATS_COLLECT, "false");
        return ec;
    }

    /** Log writes, hard state and snapshot restore: written and fsynced before commit returns. */
    static TransactionConfig synced() {
        return new TransactionConfig().setDurability(Durability.COMMIT_SYNC);
    }

    /**
     * Apply and compaction: written to the OS at commit, not fsynced. Losing them in an OS crash
     * only rewinds to an earlier applied index whose entries are still durable in
     * {@code unstable} (see docs/storage.md, "Durability of apply").
     */
    static TransactionConfig writeNoSync() {
        return new TransactionConfig().setDurability(Durability.COMMIT_WRITE_NO_SYNC);
    }

    /** TEST ONLY: kept in JE's buffers at commit; a killed process loses it (see JeStorage#unsafeSkipLogSync). */
    static TransactionConfig noSync() {
        return new TransactionConfig().setDurability(Durability.COMMIT_NO_SYNC);
    }
}
