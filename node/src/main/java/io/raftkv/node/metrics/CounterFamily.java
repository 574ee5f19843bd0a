package io.raftkv.node.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters told apart by one label, e.g. client requests by {@code type}. A label value appears
 * at its first increment. Label values come from our own code (request types, error codes),
 * never from clients, so the number of series stays small.
 */
public final class CounterFamily implements Metric {

    private final String name;
    private final String help;
    private final String label;
    private final ConcurrentHashMap<String, LongAdder> values = new ConcurrentHashMap<>();

    /** An empty family; throws IllegalArgumentException for a bad name or label. */
    public CounterFamily(String name, String help, String label) {
        Metric.checkName(name, help);
        Metric.checkLabel(name, label);
        this.name = name;
        this.help = help;
        this.label = label;
    }

    /** Adds one to the series {@code labelValue}; any thread, lock-free once the series exists. */
    public void increment(String labelValue) {
        values.computeIfAbsent(labelValue, v -> new LongAdder()).increment();
    }

    /** The label's name. */
    public String label() {
        return label;
    }

    /** Every series' count, sorted by label value. */
    public Map<String, Long> values() {
        Map<String, Long> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, v.sum()));
        return out;
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
