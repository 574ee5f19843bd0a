package io.raftkv.bench.memory;

/**
 * What one phase reached on one node.
 *
 * @param phase       load, read or restart
 * @param node        the node id
 * @param peakRssKib  the largest VmRSS sampled during the phase (1 s samples), KiB
 * @param hwmKib      VmHWM at the phase's end: the largest RSS the process had since it started,
 *                    spikes between samples included, KiB
 * @param peakJeCacheBytes the largest JE cache use reported during the phase, or -1 if none was
 */
record PhasePeak(String phase, String node, long peakRssKib, long hwmKib, long peakJeCacheBytes) {

    /** This peak with a new sample taken into account. */
    PhasePeak with(ProcStatus status, long jeCacheBytes) {
        return new PhasePeak(phase, node, Math.max(peakRssKib, status.rssKib()), status.hwmKib(),
                Math.max(peakJeCacheBytes, jeCacheBytes));
    }
}
