package io.raftkv.node.metrics;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The metrics of one node, in registration order. Registration happens at start-up; scrapes
 * iterate without locks.
 *
 * <p>Threads: any; {@link #register} is rare, {@link #metrics} is cheap.
 */
public final class MetricRegistry {

    private final CopyOnWriteArrayList<Metric> metrics = new CopyOnWriteArrayList<>();
    /** Names taken, so two families never render under one name. */
    private final ConcurrentHashMap<String, Boolean> names = new ConcurrentHashMap<>();

    /**
     * Adds {@code metric} and returns it.
     *
     * @throws IllegalArgumentException if a metric of that name is registered already
     */
    public <M extends Metric> M register(M metric) {
        if (names.putIfAbsent(metric.name(), Boolean.TRUE) != null) {
            throw new IllegalArgumentException("a metric named " + metric.name() + " is registered already");
        }
        metrics.add(metric);
        return metric;
    }

    /** Every registered metric, in registration order (a snapshot). */
    public List<Metric> metrics() {
        return List.copyOf(metrics);
    }
}
