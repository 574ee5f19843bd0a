package io.raftkv.node.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format 0.0.4 for tests: it throws
 * {@link IllegalArgumentException} naming the line on any deviation (metric and label name
 * syntax, label value escapes, HELP/TYPE before samples, a sample outside its family, a
 * duplicate series, histogram buckets not increasing or without +Inf, +Inf bucket != _count).
 * Public so the server's tests can scrape with it.
 */
public final class PrometheusTextParser {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME.pattern() + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME.pattern() + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern VALUE = Pattern.compile("[+-]?(Inf|NaN|[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?)");

    private PrometheusTextParser() {
    }

    /** One sample: full name, labels in order, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** Parses and validates {@code text}; returns series keys ({@code name} or {@code name{k="v"}}) to values. */
    public static Map<String, Double> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("text must end with a newline");
        }
        Map<String, String> types = new HashMap<>();
        Set<String> helped = new HashSet<>();
        Map<String, Double> series = new LinkedHashMap<>();
        Map<String, List<Sample>> byFamily = new LinkedHashMap<>();
        String family = null;
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                if (!helped.add(m.group(1))) {
                    throw bad(n, line, "second HELP for " + m.group(1));
                }
                checkHelpEscapes(n, line, m.group(2));
                family = m.group(1);
            } else if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null) {
                    throw bad(n, line, "second TYPE for " + m.group(1));
                }
                if (!m.group(1).equals(family)) {
                    throw bad(n, line, "TYPE not right after its HELP");
                }
                byFamily.put(family, new ArrayList<>());
            } else if (line.startsWith("#")) {
                throw bad(n, line, "unknown comment form");
            } else {
                Sample s = sample(n, line);
                if (family == null || !types.containsKey(family) || !belongs(s.name(), family, types.get(family))) {
                    throw bad(n, line, "sample outside its family's HELP/TYPE block (family " + family + ")");
                }
                String key = key(s);
                if (series.put(key, s.value()) != null) {
                    throw bad(n, line, "duplicate series " + key);
                }
                byFamily.get(family).add(s);
            }
        }
        byFamily.forEach((name, samples) -> {
            if ("histogram".equals(types.get(name))) {
                checkHistogram(name, samples);
            }
            if ("counter".equals(types.get(name))) {
                samples.forEach(s -> {
                    if (s.value() < 0) {
                        throw new IllegalArgumentException("counter " + key(s) + " is negative");
                    }
                });
            }
        });
        return series;
    }

    private static boolean belongs(String sample, String family, String type) {
        if (type.equals("histogram")) {
            return sample.equals(family + "_bucket") || sample.equals(family + "_sum")
                    || sample.equals(family + "_count");
        }
        return sample.equals(family);
    }

    private static void checkHistogram(String name, List<Sample> samples) {
        double lastLe = Double.NEGATIVE_INFINITY;
        double lastCount = 0;
        Double inf = null;
        Double count = null;
        boolean sum = false;
        for (Sample s : samples) {
            if (s.name().endsWith("_bucket")) {
                String le = s.labels().get("le");
                if (le == null || s.labels().size() != 1) {
                    throw new IllegalArgumentException(name + ": bucket without exactly one le label");
                }
                if (inf != null) {
                    throw new IllegalArgumentException(name + ": bucket after +Inf");
                }
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                if (bound <= lastLe) {
                    throw new IllegalArgumentException(name + ": le " + le + " not above " + lastLe);
                }
                if (s.value() < lastCount) {
                    throw new IllegalArgumentException(name + ": bucket le=" + le + " count decreases");
                }
                lastLe = bound;
                lastCount = s.value();
                if (bound == Double.POSITIVE_INFINITY) {
                    inf = s.value();
                }
            } else if (s.name().endsWith("_count")) {
                count = s.value();
            } else {
                sum = true;
            }
        }
        if (inf == null || count == null || !sum) {
            throw new IllegalArgumentException(name + ": needs a +Inf bucket, _sum and _count");
        }
        if (!inf.equals(count)) {
            throw new IllegalArgumentException(name + ": +Inf bucket " + inf + " != _count " + count);
        }
    }

    private static Sample sample(int n, String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        if (!NAME.matcher(name).matches()) {
            throw bad(n, line, "bad metric name '" + name + "'");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                int eq = line.indexOf('=', i);
                if (eq < 0) {
                    throw bad(n, line, "label without '='");
                }
                String label = line.substring(i, eq);
                if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                    throw bad(n, line, "bad label name '" + label + "'");
                }
                if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                    throw bad(n, line, "label value not quoted");
                }
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                for (;; j++) {
                    if (j >= line.length()) {
                        throw bad(n, line, "unterminated label value");
                    }
                    char c = line.charAt(j);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        char e = j + 1 < line.length() ? line.charAt(++j) : 0;
                        if (e == 'n') {
                            v.append('\n');
                        } else if (e == '\\' || e == '"') {
                            v.append(e);
                        } else {
                            throw bad(n, line, "bad escape in label value");
                        }
                    } else {
                        v.append(c);
                    }
                }
                if (labels.put(label, v.toString()) != null) {
                    throw bad(n, line, "label " + label + " twice");
                }
                i = j + 1;
                if (i < line.length() && line.charAt(i) == ',') {
                    i++;
                } else if (i < line.length() && line.charAt(i) == '}') {
                    i++;
                    break;
                } else {
                    throw bad(n, line, "expected ',' or '}' after a label");
                }
            }
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw bad(n, line, "expected one space before the value");
        }
        String value = line.substring(i + 1);
        if (!VALUE.matcher(value).matches()) {
            throw bad(n, line, "bad value '" + value + "' (timestamps are not expected)");
        }
        double d = value.endsWith("Inf") ? (value.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                : Double.parseDouble(value);
        return new Sample(name, labels, d);
    }

    private static void checkHelpEscapes(int n, String line, String help) {
        for (int i = 0; i < help.length(); i++) {
            if (help.charAt(i) == '\\') {
                char e = i + 1 < help.length() ? help.charAt(++i) : 0;
                if (e != '\\' && e != 'n') {
                    throw bad(n, line, "bad escape in HELP");
                }
            }
        }
    }

    private static String key(Sample s) {
        if (s.labels().isEmpty()) {
            return s.name();
        }
        StringBuilder b = new StringBuilder(s.name()).append('{');
        s.labels().forEach((k, v) -> b.append(k).append("=\"").append(v).append("\","));
        b.setLength(b.length() - 1);
        return b.append('}').toString();
    }

    private static IllegalArgumentException bad(int n, String line, String why) {
        return new IllegalArgumentException("line " + n + " '" + line + "': " + why);
    }
}
