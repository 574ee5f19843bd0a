package io.raftkv.bench.load;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What one benchmark point measured. Latencies are in microseconds; for fixed-rate runs each one
 * is counted from the operation's intended start.
 *
 * @param target          the target's name
 * @param workload        what ran
 * @param clients         concurrent clients
 * @param rate            0 for closed loop, else the requested operations per second
 * @param measuredNanos   length of the measured window
 * @param ops             operations completed without error in the window
 * @param errors          operations that failed in the window
 * @param latencyMicros   latency of the successful operations; not shared, callers must not modify it
 * @param clientCpuNanos  CPU the load-generating process spent in the window, -1 if unknown
 * @param serverCpuNanos  CPU all server processes spent in the window, -1 if unknown
 * @param firstError      the first failure's description, or empty
 */
public record PointResult(String target, Workload workload, int clients, double rate, long measuredNanos,
        long ops, long errors, Histogram latencyMicros, long clientCpuNanos, long serverCpuNanos,
        String firstError) {

    public PointResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(latencyMicros, "latencyMicros");
        Objects.requireNonNull(firstError, "firstError");
        if (measuredNanos <= 0) {
            throw new IllegalArgumentException("measured window must be positive, was " + measuredNanos + " ns");
        }
    }

    /** Successful operations per second over the measured window. */
    public double throughput() {
        return ops * 1e9 / measuredNanos;
    }

    /**
     * The latency at {@code percentile} in milliseconds, or NaN when nothing succeeded.
     *
     * @param percentile 0..100
     */
    public double latencyMillis(double percentile) {
        if (latencyMicros.getTotalCount() == 0) {
            return Double.NaN;
        }
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Server CPU as a share of one core over the window (1.0 = one core busy), NaN if unknown. */
    public double serverCores() {
        return serverCpuNanos < 0 ? Double.NaN : (double) serverCpuNanos / measuredNanos;
    }

    /** Client-process CPU as a share of one core over the window, NaN if unknown. */
    public double clientCores() {
        return clientCpuNanos < 0 ? Double.NaN : (double) clientCpuNanos / measuredNanos;
    }

    /** Server CPU microseconds per successful operation, NaN if unknown or nothing succeeded. */
    public double serverCpuMicrosPerOp() {
        return serverCpuNanos < 0 || ops == 0 ? Double.NaN : serverCpuNanos / 1000.0 / ops;
    }

    /** The same result with the servers' CPU filled in. */
    public PointResult withServerCpu(long nanos) {
        return new PointResult(target, workload, clients, rate, measuredNanos, ops, errors, latencyMicros,
                clientCpuNanos, nanos, firstError);
    }
}
