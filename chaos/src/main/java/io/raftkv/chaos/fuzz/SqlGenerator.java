package io.raftkv.chaos.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * SQL text over {@code kv(key, value)}: valid statements from a small grammar (SELECT with key
 * and value predicates, ORDER BY, LIMIT, aggregates; INSERT, UPSERT, UPDATE, DELETE, MERGE),
 * then, most of the time, mutated at the token level (drops, swaps, duplicates, random
 * keywords). Literals include empty, quoted, unicode outside the BMP, NUL, over-limit and
 * numeric ones; expressions nest up to a few hundred levels. Keys come from a small alphabet so
 * that statements meet existing rows. Deterministic for a given {@link Random}.
 */
final class SqlGenerator {

    private static final String[] KEYWORDS = {
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "NULL", "(", ")", ",", "'", "=", "<", ">", "IN", "LIKE",
        "ORDER", "BY", "LIMIT", "kv", "key", "value", "*", "||", "UNION", "JOIN", "VALUES", "CAST", "AS", ";", "--",
        "/*", "?", "DESC", "GROUP", "HAVING", "EXISTS", "CASE", "WHEN", "THEN", "END",
    };

    private SqlGenerator() {
    }

    /** One statement; mutated with probability 3/5. */
    static String statement(Random rnd) {
        String valid = valid(rnd);
        return rnd.nextInt(5) < 2 ? valid : mutate(rnd, valid);
    }

    /** True if {@code sql} starts like a statement that writes. */
    static boolean isWrite(String sql) {
        String s = sql.stripLeading().toUpperCase(java.util.Locale.ROOT);
        return s.startsWith("INSERT") || s.startsWith("UPSERT") || s.startsWith("UPDATE") || s.startsWith("DELETE")
                || s.startsWith("MERGE");
    }

    static String valid(Random rnd) {
        switch (rnd.nextInt(9)) {
            case 0:
            case 1:
                return "SELECT key, value FROM kv" + where(rnd) + order(rnd) + limit(rnd);
            case 2:
                return "SELECT " + (rnd.nextBoolean() ? "count(*)" : "max(value), min(key)") + " FROM kv" + where(rnd);
            case 3:
                return "SELECT key, " + expr(rnd, 0) + " FROM kv" + where(rnd) + limit(rnd);
            case 4:
                return "INSERT INTO kv VALUES " + rows(rnd);
            case 5:
                return "UPSERT INTO kv VALUES " + rows(rnd);
            case 6:
                return "UPDATE kv SET value = " + expr(rnd, 0) + where(rnd);
            case 7:
                return "DELETE FROM kv" + where(rnd);
            default:
                return "MERGE INTO kv t USING (VALUES (" + key(rnd) + ", " + literal(rnd) + ")) s (k, v) ON t.key = s.k"
                        + " WHEN MATCHED THEN UPDATE SET value = s.v WHEN NOT MATCHED THEN INSERT VALUES (s.k, s.v)";
        }
    }

    private static String rows(Random rnd) {
        List<String> rows = new ArrayList<>();
        for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
            rows.add("(" + key(rnd) + ", " + literal(rnd) + ")");
        }
        return String.join(", ", rows);
    }

    private static String where(Random rnd) {
        return rnd.nextInt(4) == 0 ? "" : " WHERE " + predicate(rnd, 0);
    }

    private static String order(Random rnd) {
        return rnd.nextBoolean() ? "" : " ORDER BY key" + (rnd.nextBoolean() ? " DESC" : "");
    }

    private static String limit(Random rnd) {
        return rnd.nextBoolean() ? "" : " LIMIT " + (rnd.nextInt(8) == 0 ? "-1" : String.valueOf(rnd.nextInt(20)));
    }

    private static String predicate(Random rnd, int depth) {
        int pick = depth > 4 ? rnd.nextInt(6) : rnd.nextInt(10);
        switch (pick) {
            case 0:
                return "key = " + key(rnd);
            case 1:
                return "key IN (" + key(rnd) + ", " + key(rnd) + ", " + key(rnd) + ")";
            case 2:
                return "key BETWEEN " + key(rnd) + " AND " + key(rnd);
            case 3:
                return "key LIKE '" + (char) ('a' + rnd.nextInt(4)) + (rnd.nextBoolean() ? "%'" : "_'");
            case 4:
                return "key " + (rnd.nextBoolean() ? ">= " : "< ") + key(rnd);
            case 5:
                return "value = " + literal(rnd);
            case 6:
                return "NOT (" + predicate(rnd, depth + 1) + ")";
            case 7:
                return "(" + predicate(rnd, depth + 1) + (rnd.nextBoolean() ? " AND " : " OR ")
                        + predicate(rnd, depth + 1) + ")";
            case 8:
                return "value IS " + (rnd.nextBoolean() ? "" : "NOT ") + "NULL";
            default:
                return "CHAR_LENGTH(" + expr(rnd, depth + 1) + ") > " + rnd.nextInt(5);
        }
    }

    private static String expr(Random rnd, int depth) {
        if (rnd.nextInt(50) == 0) {
            int n = 1 + rnd.nextInt(400);
            return "(".repeat(n) + "value" + ")".repeat(n);
        }
        int pick = depth > 3 ? rnd.nextInt(2) : rnd.nextInt(6);
        switch (pick) {
            case 0:
                return "value";
            case 1:
                return literal(rnd);
            case 2:
                return expr(rnd, depth + 1) + " || " + expr(rnd, depth + 1);
            case 3:
                return "UPPER(" + expr(rnd, depth + 1) + ")";
            case 4:
                return "SUBSTRING(" + expr(rnd, depth + 1) + " FROM " + (rnd.nextInt(4) - 1) + " FOR " + rnd.nextInt(4)
                        + ")";
            default:
                return "CAST(" + expr(rnd, depth + 1) + " AS VARCHAR(" + rnd.nextInt(10) + "))";
        }
    }

    private static String key(Random rnd) {
        if (rnd.nextInt(10) == 0) {
            return literal(rnd);
        }
        return "'" + (char) ('a' + rnd.nextInt(4)) + rnd.nextInt(10) + "'";
    }

    private static String literal(Random rnd) {
        switch (rnd.nextInt(12)) {
            case 0:
                return "''";
            case 1:
                return "'it''s'";
            case 2:
                return "'\u00fc\u20ac\ud83d\ude00'";
            case 3:
                return "'a\u0000b'";
            case 4:
                return "'" + "x".repeat(4096 + rnd.nextInt(2)) + "'";
            case 5:
                return "NULL";
            case 6:
                return String.valueOf(rnd.nextInt() - 1000);
            case 7:
                return "1e308";
            case 8:
                return "'\\' || '\"'";
            case 9:
                return "'" + "y".repeat(rnd.nextInt(200)) + "'";
            default:
                return "'v" + rnd.nextInt(100) + "'";
        }
    }

    /** Token-level damage: one to three drops, swaps, duplicates or inserted keywords. */
    static String mutate(Random rnd, String sql) {
        List<String> tokens = new ArrayList<>(List.of(sql.split(" ")));
        for (int i = 0, n = 1 + rnd.nextInt(3); i < n && !tokens.isEmpty(); i++) {
            int at = rnd.nextInt(tokens.size());
            switch (rnd.nextInt(5)) {
                case 0:
                    tokens.remove(at);
                    break;
                case 1: {
                    int other = rnd.nextInt(tokens.size());
                    String t = tokens.get(at);
                    tokens.set(at, tokens.get(other));
                    tokens.set(other, t);
                    break;
                }
                case 2:
                    tokens.add(at, tokens.get(at));
                    break;
                case 3:
                    tokens.add(at, KEYWORDS[rnd.nextInt(KEYWORDS.length)]);
                    break;
                default: {
                    String t = tokens.get(at);
                    tokens.set(at, t.isEmpty() ? t : t.substring(0, rnd.nextInt(t.length())));
                }
            }
        }
        return String.join(" ", tokens);
    }
}
