package io.raftkv.node.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Observations counted into fixed buckets (Prometheus type {@code histogram}), e.g. fsync
 * latency in seconds. {@link #observe} is lock-free: a binary search over the bounds and two
 * atomic adds, cheap enough for the Raft thread.
 */
public final class Histogram implements Metric {

    /** Latency bounds in seconds, 0.5 ms to 5 s: fsyncs, read-index rounds, replication. */
    public static final double[] LATENCY_SECONDS = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5,
        1, 2, 5};

    private final String name;
    private final String help;
    /** Strictly increasing, finite; the +Inf bucket is implicit. */
    private final double[] bounds;
    /** counts[i] = observations in (bounds[i-1], bounds[i]]; counts[bounds.length] = above the last bound. */
    private final AtomicLongArray counts;
    private final DoubleAdder sum = new DoubleAdder();
    private final LongAdder count = new LongAdder();

    /** An empty histogram; throws IllegalArgumentException for a bad name or bounds not strictly increasing. */
    public Histogram(String name, String help, double[] bounds) {
        Metric.checkName(name, help);
        if (bounds.length == 0) {
            throw new IllegalArgumentException(name + " needs at least one bucket bound");
        }
        for (int i = 0; i < bounds.length; i++) {
            if (!Double.isFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
                throw new IllegalArgumentException(name + ": bucket bounds must be finite and strictly increasing");
            }
        }
        this.name = name;
        this.help = help;
        this.bounds = bounds.clone();
        this.counts = new AtomicLongArray(bounds.length + 1);
    }

    /** Records one observation; any thread, lock-free. */
    public void observe(double value) {
        int i = java.util.Arrays.binarySearch(bounds, value);
        int bucket = i >= 0 ? i : -i - 1;
        counts.incrementAndGet(bucket);
        sum.add(value);
        count.increment();
    }

    /** Records a duration given in nanoseconds, in seconds. */
    public void observeNanos(long nanos) {
        observe(nanos / 1e9);
    }

    /** The finite upper bounds (a copy). */
    public double[] bounds() {
        return bounds.clone();
    }

    /**
     * Cumulative counts per bound, the last element being the +Inf bucket (length
     * {@code bounds().length + 1}). Read bucket by bucket, so under concurrent updates the +Inf
     * bucket is taken as the running total and never disagrees with the buckets before it.
     */
    public long[] cumulativeCounts() {
        long[] out = new long[counts.length()];
        long running = 0;
        for (int i = 0; i < out.length; i++) {
            running += counts.get(i);
            out[i] = running;
        }
        return out;
    }

    /** Sum of all observations. */
    public double sum() {
        return sum.sum();
    }

    /** Number of observations (may run ahead of the buckets by the updates in flight). */
    public long count() {
        return count.sum();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String help() {
        return help;
    }
}
