package io.raftkv.node.metrics;

import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * A value read when scraped (Prometheus type {@code gauge}), e.g. the term or the commit index.
 * The supplier runs on the HTTP thread: it must be cheap, non-blocking and thread-safe (read a
 * volatile field, not the Raft core).
 */
public final class Gauge implements Metric {

    private final String name;
    private final String help;
    private final DoubleSupplier value;

    /** A gauge reading {@code value}; throws IllegalArgumentException for a bad name. */
    public Gauge(String name, String help, DoubleSupplier value) {
        Metric.checkName(name, help);
        this.name = name;
        this.help = help;
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The value now. */
    public double value() {
        return value.getAsDouble();
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
