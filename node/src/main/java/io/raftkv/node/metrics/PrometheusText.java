package io.raftkv.node.metrics;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Renders a {@link MetricRegistry} in the Prometheus text exposition format 0.0.4: for each
 * family a {@code # HELP} and a {@code # TYPE} line, then its samples; histograms as cumulative
 * {@code _bucket{le="..."}} series ending in {@code le="+Inf"}, then {@code _sum} and
 * {@code _count} (equal to the +Inf bucket).
 */
public final class PrometheusText {

    /** The Content-Type of the rendered text. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    /** The whole registry as text; any thread, runs the gauges' suppliers. */
    public static String render(MetricRegistry registry) {
        StringBuilder out = new StringBuilder(4096);
        for (Metric m : registry.metrics()) {
            out.append("# HELP ").append(m.name()).append(' ').append(escapeHelp(m.help())).append('\n');
            out.append("# TYPE ").append(m.name()).append(' ').append(type(m)).append('\n');
            if (m instanceof Counter c) {
                sample(out, m.name(), null, null, c.value());
            } else if (m instanceof Gauge g) {
                sample(out, m.name(), null, null, g.value());
            } else if (m instanceof CounterFamily f) {
                for (Map.Entry<String, Long> e : f.values().entrySet()) {
                    sample(out, m.name(), f.label(), e.getKey(), e.getValue());
                }
            } else if (m instanceof GaugeFamily f) {
                for (Map.Entry<String, Double> e : f.values().entrySet()) {
                    sample(out, m.name(), f.label(), e.getKey(), e.getValue());
                }
            } else if (m instanceof Histogram h) {
                histogram(out, h);
            } else {
                throw new IllegalStateException("no rendering for " + m.getClass().getName());
            }
        }
        return out.toString();
    }

    private static String type(Metric m) {
        if (m instanceof Counter || m instanceof CounterFamily) {
            return "counter";
        } else if (m instanceof Gauge || m instanceof GaugeFamily) {
            return "gauge";
        } else if (m instanceof Histogram) {
            return "histogram";
        }
        throw new IllegalStateException("no type for " + m.getClass().getName());
    }

    private static void histogram(StringBuilder out, Histogram h) {
        double[] bounds = h.bounds();
        long[] cumulative = h.cumulativeCounts();
        for (int i = 0; i < bounds.length; i++) {
            sample(out, h.name() + "_bucket", "le", number(bounds[i]), cumulative[i]);
        }
        long total = cumulative[bounds.length];
        sample(out, h.name() + "_bucket", "le", "+Inf", total);
        sample(out, h.name() + "_sum", null, null, h.sum());
        sample(out, h.name() + "_count", null, null, total);
    }

    private static void sample(StringBuilder out, String name, String label, String labelValue, double value) {
        out.append(name);
        if (label != null) {
            out.append('{').append(label).append("=\"").append(escapeLabel(labelValue)).append("\"}");
        }
        out.append(' ').append(number(value)).append('\n');
    }

    /** Integers without a fraction, others in plain decimal; NaN and infinities as Prometheus spells them. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String escapeHelp(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String escapeLabel(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
