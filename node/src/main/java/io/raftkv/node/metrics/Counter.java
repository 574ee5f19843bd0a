package io.raftkv.node.metrics;

import java.util.concurrent.atomic.LongAdder;

/** A count that only goes up (Prometheus type {@code counter}); names should end in {@code _total}. */
public final class Counter implements Metric {

    private final String name;
    private final String help;
    /** Never decreases; contended updates from several threads stay cheap. */
    private final LongAdder value = new LongAdder();

    /** A counter at zero; throws IllegalArgumentException for a bad name. */
    public Counter(String name, String help) {
        Metric.checkName(name, help);
        this.name = name;
        this.help = help;
    }

    /** Adds one; any thread, lock-free. */
    public void increment() {
        value.increment();
    }

    /** Adds {@code n} (at least 0); any thread, lock-free. */
    public void add(long n) {
        if (n < 0) {
            throw new IllegalArgumentException(name + " is a counter; it cannot go down by " + n);
        }
        value.add(n);
    }

    /** The current count. */
    public long value() {
        return value.sum();
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
