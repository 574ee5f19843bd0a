package io.raftkv.node.metrics;

import java.util.regex.Pattern;

/**
 * One metric family as Prometheus sees it: a name, a help line and a type. Instances are
 * registered once in a {@link MetricRegistry} and rendered by {@link PrometheusText}.
 *
 * <p>Threads: every implementation is safe to update from any thread without locks (the Raft
 * thread updates some on its hot path) and to read from the HTTP thread at the same time; a
 * scrape sees each value at some moment during the scrape, not one atomic snapshot of all.
 */
public sealed interface Metric permits Counter, Gauge, Histogram, CounterFamily, GaugeFamily {

    /** Prometheus metric and label names: {@code [a-zA-Z_:][a-zA-Z0-9_:]*} (labels without ':'). */
    Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** The family's name, matching {@link #NAME}; unique in its registry. */
    String name();

    /** One line of help text (no newline). */
    String help();

    /** Checks a name and help text once, at construction; throws IllegalArgumentException naming the fault. */
    static void checkName(String name, String help) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name '" + name + "' must match " + NAME.pattern());
        }
        if (help == null || help.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("help of " + name + " must be one line");
        }
    }

    /** Checks a label name; throws IllegalArgumentException naming the fault. */
    static void checkLabel(String metric, String label) {
        if (label == null || !LABEL.matcher(label).matches() || label.startsWith("__") || label.equals("le")) {
            throw new IllegalArgumentException("label '" + label + "' of " + metric + " must match "
                    + LABEL.pattern() + ", not start with __ and not be 'le'");
        }
    }
}
