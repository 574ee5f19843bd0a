package io.raftkv.node.storage;

/**
 * Settings of a node's JE environment, validated once. Start from {@link #defaults()} or
 * {@link #forTests()} and change fields with the {@code with...} methods.
 *
 * @param cacheBytes       JE cache size ({@code je.maxMemory}), at least 1 MiB; set explicitly so
 *                         several nodes in one JVM do not each take 60% of the heap
 * @param sharedCache      true to share one cache among all environments of the JVM (tests that
 *                         run three nodes in one process)
 * @param freeDiskBytes    {@code je.freeDisk}: writes fail with a {@link StorageException} when
 *                         less disk than this is free, at least 0
 * @param logFileBytes     {@code je.log.fileMax}, between 1 MiB and 1 GiB; bigger files mean
 *                         fewer file-flip fsyncs
 * @param compactionChunk  log entries deleted per transaction by compaction, at least 1
 * @param lockTimeoutMillis {@code je.lock.timeout}, at least 1
 * @param sessionWindowEntries a client session unused for this many log entries is forgotten, at
 *                          least 1; part of the replicated state machine's rules, so it must be
 *                          the same on every node
 */
public record StorageConfig(long cacheBytes, boolean sharedCache, long freeDiskBytes, long logFileBytes,
        int compactionChunk, long lockTimeoutMillis, long sessionWindowEntries) {

    public static final long MIB = 1024L * 1024;
    public static final long DEFAULT_CACHE_BYTES = 64 * MIB;
    public static final long DEFAULT_FREE_DISK_BYTES = 512 * MIB;
    public static final long TEST_FREE_DISK_BYTES = 8 * MIB;
    public static final long DEFAULT_LOG_FILE_BYTES = 32 * MIB;
    public static final int DEFAULT_COMPACTION_CHUNK = 10_000;
    public static final long DEFAULT_LOCK_TIMEOUT_MILLIS = 2_000;
    public static final long DEFAULT_SESSION_WINDOW_ENTRIES = 1_000_000;

    public StorageConfig {
        if (cacheBytes < MIB) {
            throw new IllegalArgumentException("cacheBytes must be at least 1 MiB, was " + cacheBytes);
        }
        if (freeDiskBytes < 0) {
            throw new IllegalArgumentException("freeDiskBytes must be at least 0, was " + freeDiskBytes);
        }
        if (logFileBytes < MIB || logFileBytes > 1024 * MIB) {
            throw new IllegalArgumentException("logFileBytes must be between 1 MiB and 1 GiB, was " + logFileBytes);
        }
        if (compactionChunk < 1) {
            throw new IllegalArgumentException("compactionChunk must be at least 1, was " + compactionChunk);
        }
        if (lockTimeoutMillis < 1) {
            throw new IllegalArgumentException("lockTimeoutMillis must be at least 1, was " + lockTimeoutMillis);
        }
        if (sessionWindowEntries < 1) {
            throw new IllegalArgumentException("sessionWindowEntries must be at least 1, was " + sessionWindowEntries);
        }
    }

    /** Production defaults: 64 MiB cache, 512 MiB free-disk reserve, 32 MiB log files. */
    public static StorageConfig defaults() {
        return new StorageConfig(DEFAULT_CACHE_BYTES, false, DEFAULT_FREE_DISK_BYTES, DEFAULT_LOG_FILE_BYTES,
                DEFAULT_COMPACTION_CHUNK, DEFAULT_LOCK_TIMEOUT_MILLIS, DEFAULT_SESSION_WINDOW_ENTRIES);
    }

    /** For tests: 32 MiB cache, 8 MiB free-disk reserve (shared CI disks are small), 4 MiB log files. */
    public static StorageConfig forTests() {
        return new StorageConfig(32 * MIB, false, TEST_FREE_DISK_BYTES, 4 * MIB, DEFAULT_COMPACTION_CHUNK,
                DEFAULT_LOCK_TIMEOUT_MILLIS, DEFAULT_SESSION_WINDOW_ENTRIES);
    }

    /** A copy with another cache size. Validated like the constructor. */
    public StorageConfig withCacheBytes(long bytes) {
        return new StorageConfig(bytes, sharedCache, freeDiskBytes, logFileBytes, compactionChunk, lockTimeoutMillis,
                sessionWindowEntries);
    }

    /** A copy that does or does not share the JVM-wide cache. Validated like the constructor. */
    public StorageConfig withSharedCache(boolean shared) {
        return new StorageConfig(cacheBytes, shared, freeDiskBytes, logFileBytes, compactionChunk, lockTimeoutMillis,
                sessionWindowEntries);
    }

    /** A copy with another free-disk reserve. Validated like the constructor. */
    public StorageConfig withFreeDiskBytes(long bytes) {
        return new StorageConfig(cacheBytes, sharedCache, bytes, logFileBytes, compactionChunk, lockTimeoutMillis,
                sessionWindowEntries);
    }

    /** A copy with another JE log file size. Validated like the constructor. */
    public StorageConfig withLogFileBytes(long bytes) {
        return new StorageConfig(cacheBytes, sharedCache, freeDiskBytes, bytes, compactionChunk, lockTimeoutMillis,
                sessionWindowEntries);
    }

    /** A copy with another compaction chunk size. Validated like the constructor. */
    public StorageConfig withCompactionChunk(int entries) {
        return new StorageConfig(cacheBytes, sharedCache, freeDiskBytes, logFileBytes, entries, lockTimeoutMillis,
                sessionWindowEntries);
    }

    /** A copy with another session window. Validated like the constructor. */
    public StorageConfig withSessionWindowEntries(long entries) {
        return new StorageConfig(cacheBytes, sharedCache, freeDiskBytes, logFileBytes, compactionChunk,
                lockTimeoutMillis, entries);
    }
}
