package io.raftkv.jdbc;

import static io.raftkv.jdbc.KvDatabase.explain;
import static io.raftkv.jdbc.KvDatabase.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key predicates, order and limits become point gets and bounded scans on the store: each test
 * asserts the EXPLAIN text, then the rows, then what the store was asked for. Data: k00..k49.
 */
class PushdownTest {

    @TempDir
    static Path dir;
    static KvDatabase db;
    static Connection c;

    @BeforeAll
    static void load() throws Exception {
        db = new KvDatabase(dir);
        c = db.connect();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
            for (int i = 0; i < 50; i++) {
                ps.setString(1, key(i));
                ps.setString(2, "v" + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @AfterAll
    static void close() throws Exception {
        c.close();
        db.close();
    }

    @BeforeEach
    void reset() {
        db.store.resetCounters();
    }

    static String key(int i) {
        return String.format("k%02d", i);
    }

    @Test
    void when_key_equals_then_point_get() throws Exception {
        assertThat(explain(c, "SELECT * FROM kv WHERE key = 'k07'")).contains("access=[point], keys=[['k07']]")
                .doesNotContain("Filter").doesNotContain("Calc");
        db.store.resetCounters();
        assertThat(rows(c, "SELECT * FROM kv WHERE key = 'k07'")).containsExactly("k07=v7");
        assertThat(db.store.gets.get()).isEqualTo(1);
        assertThat(db.store.scans.get()).isZero();
    }

    @Test
    void when_range_then_one_bounded_scan_with_bounds_in_explain() throws Exception {
        String sql = "SELECT key FROM kv WHERE key > 'k10' AND key <= 'k13'";
        assertThat(explain(c, sql)).contains("access=[range], range=[('k10'..'k13']]");
        db.store.resetCounters();
        assertThat(rows(c, sql)).containsExactly("k11", "k12", "k13");
        assertThat(db.store.scannedEntries.get()).isEqualTo(3);
        assertThat(rows(c, "SELECT key FROM kv WHERE key >= 'k48'")).containsExactly("k48", "k49");
        assertThat(rows(c, "SELECT key FROM kv WHERE key < 'k02'")).containsExactly("k00", "k01");
    }

    @Test
    void when_order_by_key_desc_limit_then_reverse_scan_reads_only_the_limit() throws Exception {
        String sql = "SELECT key FROM kv ORDER BY key DESC LIMIT 3";
        assertThat(explain(c, sql)).contains("access=[full], order=[DESC], limit=[3]").doesNotContain("Sort");
        db.store.resetCounters();
        assertThat(rows(c, sql)).containsExactly("k49", "k48", "k47");
        assertThat(db.store.scannedEntries.get()).isEqualTo(3);
    }

    @Test
    void when_order_by_key_with_offset_then_limit_is_offset_plus_fetch() throws Exception {
        String sql = "SELECT key FROM kv ORDER BY key LIMIT 2 OFFSET 5";
        assertThat(explain(c, sql)).contains("order=[ASC], limit=[5+2]").doesNotContain("Sort");
        db.store.resetCounters();
        assertThat(rows(c, sql)).containsExactly("k05", "k06");
        assertThat(db.store.scannedEntries.get()).isEqualTo(7);
    }

    @Test
    void when_range_and_desc_limit_then_bounded_reverse_scan() throws Exception {
        String sql = "SELECT key FROM kv WHERE key >= 'k10' AND key < 'k20' ORDER BY key DESC LIMIT 2";
        assertThat(explain(c, sql)).contains("access=[range]").contains("order=[DESC], limit=[2]")
                .doesNotContain("Sort");
        assertThat(rows(c, sql)).containsExactly("k19", "k18");
    }

    @Test
    void when_in_list_has_25_keys_then_point_gets_without_join() throws Exception {
        String list = IntStream.range(0, 25).mapToObj(i -> "'" + key(i * 2) + "'").collect(Collectors.joining(", "));
        String sql = "SELECT key FROM kv WHERE key IN (" + list + ", 'zz')";
        assertThat(explain(c, sql)).contains("access=[point]").doesNotContain("Join").doesNotContain("Values");
        db.store.resetCounters();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add(key(i * 2));
        }
        assertThat(rows(c, sql)).containsExactlyElementsOf(expected);
        assertThat(db.store.gets.get()).isEqualTo(26);
        assertThat(db.store.scans.get()).isZero();
    }

    @Test
    void when_in_list_literals_differ_in_length_then_no_padding_changes_the_keys() throws Exception {
        assertThat(rows(c, "SELECT key FROM kv WHERE key IN ('k01', 'k02xx', 'k3')")).containsExactly("k01");
        assertThat(rows(c, "SELECT key FROM kv WHERE key IN ('k01', 'k02xx') OR key = 'k03'"))
                .containsExactly("k01", "k03");
        assertThat(rows(c, "SELECT key FROM kv WHERE key BETWEEN 'k1' AND 'k10x'")).containsExactly("k10");
    }

    @Test
    void when_prefix_like_then_prefix_scan_and_no_residual_filter() throws Exception {
        String sql = "SELECT key FROM kv WHERE key LIKE 'k1%'";
        assertThat(explain(c, sql)).contains("access=[prefix], prefix=[LIKE 'k1%']").doesNotContain("LIKE(");
        db.store.resetCounters();
        assertThat(rows(c, sql)).hasSize(10).allMatch(k -> k.startsWith("k1"));
        assertThat(db.store.scannedEntries.get()).isEqualTo(10);
    }

    @Test
    void when_like_has_inner_wildcard_then_prefix_scan_keeps_the_like_as_filter() throws Exception {
        String sql = "SELECT key FROM kv WHERE key LIKE 'k1%5'";
        assertThat(explain(c, sql)).contains("access=[prefix]").contains("LIKE(");
        assertThat(rows(c, sql)).containsExactly("k15");
    }

    @Test
    void when_predicate_on_value_then_it_filters_what_the_key_scan_returns() throws Exception {
        String sql = "SELECT key FROM kv WHERE key BETWEEN 'k20' AND 'k29' AND value LIKE '%5'";
        assertThat(explain(c, sql)).contains("access=[range]");
        assertThat(rows(c, sql)).containsExactly("k25");
    }

    @Test
    void when_order_by_key_desc_over_a_value_filter_then_reverse_scan_stops_early_without_sort() throws Exception {
        String sql = "SELECT key FROM kv WHERE key > 'k05' AND value LIKE 'v%' ORDER BY key DESC LIMIT 2";
        assertThat(explain(c, sql)).contains("order=[DESC]").doesNotContain("Sort");
        db.store.resetCounters();
        assertThat(rows(c, sql)).containsExactly("k49", "k48");
        assertThat(rows(c, "SELECT key FROM kv WHERE value LIKE '%7' ORDER BY key DESC"))
                .containsExactly("k47", "k37", "k27", "k17", "k07");
    }

    @Test
    void when_no_key_predicate_then_full_scan_in_pages() throws Exception {
        assertThat(explain(c, "SELECT * FROM kv WHERE value = 'v3'")).contains("access=[full]");
        assertThat(rows(c, "SELECT key FROM kv WHERE value = 'v3'")).containsExactly("k03");
        assertThat(rows(c, "SELECT count(*) FROM kv")).containsExactly("50");
    }

    @Test
    void when_prepared_with_parameters_then_planned_once_and_executed_as_point_or_range() throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM kv WHERE key = ?")) {
            for (int i = 0; i < 3; i++) {
                ps.setString(1, key(i));
                try (var rs = ps.executeQuery()) {
                    assertThat(rows(rs)).containsExactly("v" + i);
                }
            }
            assertThat(db.store.gets.get()).isEqualTo(3);
            assertThat(db.store.scans.get()).isZero();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT key FROM kv WHERE key >= ? AND key < ? ORDER BY key DESC LIMIT ?")) {
            ps.setString(1, "k30");
            ps.setString(2, "k40");
            ps.setInt(3, 2);
            try (var rs = ps.executeQuery()) {
                assertThat(rows(rs)).containsExactly("k39", "k38");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT key FROM kv WHERE key LIKE ?")) {
            ps.setString(1, "k4%");
            try (var rs = ps.executeQuery()) {
                assertThat(rows(rs)).hasSize(10);
            }
        }
    }
}
