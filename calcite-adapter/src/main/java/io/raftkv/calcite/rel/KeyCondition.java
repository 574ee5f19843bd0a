package io.raftkv.calcite.rel;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Which keys a scan reads, chosen from the key predicates, with its access type as EXPLAIN shows
 * it: {@code point} (gets of listed keys), {@code range} (one bounded scan), {@code prefix}
 * (a range scan over the keys starting with a LIKE pattern's literal prefix) or {@code full}.
 * Immutable.
 */
public sealed interface KeyCondition
        permits KeyCondition.Points, KeyCondition.Range, KeyCondition.Prefix, KeyCondition.Full {

    /** A full scan. */
    KeyCondition FULL = new Full();

    /** The access type: point, range, prefix or full. */
    String access();

    /** Fraction of the table this access is expected to read, in (0, 1]; for costing. */
    double selectivity(double tableRows);

    /**
     * Reads of the listed keys ({@code key = x}, {@code key IN (...)}). Duplicates and NULLs are
     * dropped at execution.
     *
     * @param keys at least one key
     */
    record Points(List<Operand> keys) implements KeyCondition {
        public Points {
            keys = List.copyOf(keys);
        }

        @Override
        public String access() {
            return "point";
        }

        @Override
        public double selectivity(double tableRows) {
            return Math.min(1.0, keys.size() / Math.max(1.0, tableRows));
        }

        @Override
        public String toString() {
            return keys.stream().map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /**
     * One scan between two bounds; a null bound is open.
     *
     * @param lower          lower bound or null
     * @param lowerInclusive whether the lower bound itself matches
     * @param upper          upper bound or null
     * @param upperInclusive whether the upper bound itself matches
     */
    record Range(Operand lower, boolean lowerInclusive, Operand upper, boolean upperInclusive)
            implements KeyCondition {
        @Override
        public String access() {
            return "range";
        }

        @Override
        public double selectivity(double tableRows) {
            return lower != null && upper != null ? 0.05 : 0.3;
        }

        @Override
        public String toString() {
            return (lower == null ? "(-inf" : (lowerInclusive ? "[" : "(") + lower) + ".."
                    + (upper == null ? "+inf)" : upper + (upperInclusive ? "]" : ")"));
        }
    }

    /**
     * The keys starting with the literal prefix of a LIKE pattern (the characters before its
     * first {@code %} or {@code _}).
     *
     * @param pattern the LIKE pattern
     */
    record Prefix(Operand pattern) implements KeyCondition {
        @Override
        public String access() {
            return "prefix";
        }

        @Override
        public double selectivity(double tableRows) {
            return 0.05;
        }

        @Override
        public String toString() {
            return "LIKE " + pattern;
        }

        /** The literal prefix of a LIKE pattern without ESCAPE: everything before the first wildcard. */
        public static String literalPrefix(String pattern) {
            int end = 0;
            while (end < pattern.length() && pattern.charAt(end) != '%' && pattern.charAt(end) != '_') {
                end++;
            }
            return pattern.substring(0, end);
        }

        /** True if the pattern is exactly "prefix%": matching it is the same as the prefix scan. */
        public static boolean isPurePrefix(String pattern) {
            String prefix = literalPrefix(pattern);
            return pattern.length() == prefix.length() + 1 && pattern.endsWith("%");
        }
    }

    /** Every key. */
    record Full() implements KeyCondition {
        @Override
        public String access() {
            return "full";
        }

        @Override
        public double selectivity(double tableRows) {
            return 1.0;
        }

        @Override
        public String toString() {
            return "all";
        }
    }
}
