package io.raftkv.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Pushed-down reads return exactly what SQL semantics say (Java String order, as Calcite compares
 * VARCHAR), for keys mixing ASCII, two- and three-byte UTF-8 characters and characters at the top
 * of the BMP (where UTF-16 and UTF-8 orders could disagree). The reference is computed in Java
 * over the keys written.
 */
class PushdownPropertiesTest {

    private static final String ALPHABET = "ab\u00e9\u4e2d\ue000\ufffdz";

    private static Path dir;
    private static KvDatabase db;
    private static Connection c;
    private static final TreeSet<String> KEYS = new TreeSet<>();
    private static final java.util.Map<String, PreparedStatement> PREPARED = new java.util.HashMap<>();

    @BeforeContainer
    static void load() throws IOException, SQLException {
        dir = Files.createTempDirectory("raftkv-pushdown");
        db = new KvDatabase(dir);
        c = db.connect();
        Arbitrary<String> keys = keys();
        keys.sampleStream().limit(300).forEach(KEYS::add);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
            for (String k : KEYS) {
                ps.setString(1, k);
                ps.setString(2, "v");
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @AfterContainer
    static void close() throws Exception {
        for (PreparedStatement ps : PREPARED.values()) {
            ps.close();
        }
        c.close();
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }

    private static Arbitrary<String> keys() {
        return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMinLength(1).ofMaxLength(3);
    }

    @Provide
    Arbitrary<String> key() {
        return keys();
    }

    @Property(tries = 60)
    void range_with_order_and_limit_matches_sql_semantics(@ForAll("key") String lo, @ForAll("key") String hi,
                                                          @ForAll boolean desc, @ForAll @IntRange(min = 1, max = 20) int limit)
            throws SQLException {
        String sql = "SELECT key FROM kv WHERE key >= ? AND key < ? ORDER BY key " + (desc ? "DESC" : "ASC") + " LIMIT ?";
        List<String> expected = (desc ? KEYS.descendingSet() : KEYS).stream()
                .filter(k -> k.compareTo(lo) >= 0 && k.compareTo(hi) < 0).limit(limit).collect(Collectors.toList());
        assertThat(query(sql, lo, hi, limit)).containsExactlyElementsOf(expected);
    }

    @Property(tries = 60)
    void prefix_like_matches_starts_with(@ForAll("key") String prefix) throws SQLException {
        List<String> expected = KEYS.stream().filter(k -> k.startsWith(prefix)).collect(Collectors.toList());
        assertThat(query("SELECT key FROM kv WHERE key LIKE ? ORDER BY key", prefix + "%"))
                .containsExactlyElementsOf(expected);
    }

    @Property(tries = 60)
    void in_list_returns_the_existing_keys_in_order(@ForAll("key") String a, @ForAll("key") String b,
                                                    @ForAll("key") String x) throws SQLException {
        List<String> expected = Stream.of(a, b, x).filter(KEYS::contains).distinct().sorted(Comparator.reverseOrder())
                .collect(Collectors.toList());
        assertThat(query("SELECT key FROM kv WHERE key IN (?, ?, ?) ORDER BY key DESC", a, b, x))
                .containsExactlyElementsOf(expected);
    }

    /** Prepared once per SQL text: the properties test execution, not planning. */
    private static List<String> query(String sql, Object... params) throws SQLException {
        PreparedStatement ps = PREPARED.get(sql);
        if (ps == null) {
            ps = c.prepareStatement(sql);
            PREPARED.put(sql, ps);
        }
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        try (var rs = ps.executeQuery()) {
            return KvDatabase.rows(rs);
        }
    }
}
