package io.raftkv.node.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Gauges told apart by one label, read when scraped, e.g. each peer's match index by
 * {@code peer}. The supplier runs on the HTTP thread: cheap, non-blocking, thread-safe.
 */
public final class GaugeFamily implements Metric {

    private final String name;
    private final String help;
    private final String label;
    private final Supplier<Map<String, ? extends Number>> values;

    /** A family reading {@code values}; throws IllegalArgumentException for a bad name or label. */
    public GaugeFamily(String name, String help, String label, Supplier<Map<String, ? extends Number>> values) {
        Metric.checkName(name, help);
        Metric.checkLabel(name, label);
        this.name = name;
        this.help = help;
        this.label = label;
        this.values = Objects.requireNonNull(values, "values");
    }

    /** The label's name. */
    public String label() {
        return label;
    }

    /** Every series' value now, sorted by label value. */
    public Map<String, Double> values() {
        Map<String, Double> out = new TreeMap<>();
        values.get().forEach((k, v) -> out.put(k, v.doubleValue()));
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
