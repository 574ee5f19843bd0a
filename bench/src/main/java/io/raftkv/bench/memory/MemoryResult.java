package io.raftkv.bench.memory;

/**
 * The counts of one memory benchmark run (the memory peaks are in {@link PhasePeak}s).
 *
 * @param loaded          keys acknowledged in the load phase
 * @param loadSeconds     wall time of the load phase
 * @param retries         Batch commands resent after a failed try
 * @param loadStopped     true if {@code --max-load-seconds} ended the load before every key was in
 * @param reads           gets answered in the read phase
 * @param readMisses      of those, gets that found no value or a wrong one
 * @param readErrors      gets that failed in the read phase
 * @param restartReads    gets answered after the restart
 * @param restartMisses   of those, misses
 * @param restartErrors   gets that failed after the restart
 * @param restartSeconds  from SIGTERM to a leader again
 * @param diskAfterLoad   bytes in all nodes' data directories after the load and read phases
 * @param diskAfterRestart bytes after the restart phase
 */
record MemoryResult(long loaded, double loadSeconds, long retries, boolean loadStopped, long reads, long readMisses,
        long readErrors, long restartReads, long restartMisses, long restartErrors, double restartSeconds,
        long diskAfterLoad, long diskAfterRestart) {

    /** A copy with the restart phase's figures. */
    MemoryResult withRestart(long gets, long misses, long errors, double seconds, long disk) {
        return new MemoryResult(loaded, loadSeconds, retries, loadStopped, reads, readMisses, readErrors, gets, misses,
                errors, seconds, diskAfterLoad, disk);
    }
}
