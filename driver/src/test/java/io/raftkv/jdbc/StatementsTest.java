package io.raftkv.jdbc;

import static io.raftkv.jdbc.KvDatabase.rows;
import static io.raftkv.jdbc.KvDatabase.update;
import static io.raftkv.jdbc.SqlAssertions.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;

/** Each SQL statement kind against the real JE storage, through java.sql only. */
class StatementsTest extends OneConnectionTest {


    @Test
    void when_select_written_in_any_letter_case_then_it_works() throws Exception {
        update(c, "INSERT INTO kv VALUES ('a', '1')");
        assertThat(rows(c, "SELECT key, value FROM kv")).containsExactly("a=1");
        assertThat(rows(c, "select KEY, Value from KV")).containsExactly("a=1");
        assertThat(rows(c, "SELECT \"key\", \"value\" FROM \"kv\"")).containsExactly("a=1");
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT key, value FROM kv")) {
            assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("key");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("VALUE")).isEqualTo("1");
        }
    }

    @Test
    void when_multi_row_insert_then_one_command_and_count_from_state_machine() throws Exception {
        db.store.resetCounters();
        assertThat(update(c, "INSERT INTO kv VALUES ('a', '1'), ('b', '2'), ('c', '3')")).isEqualTo(3);
        assertThat(db.store.commands.get()).isEqualTo(1);
        assertThat(rows(c, "SELECT * FROM kv")).containsExactly("a=1", "b=2", "c=3");
    }

    @Test
    void when_insert_meets_one_existing_key_then_nothing_is_written_and_23505() throws Exception {
        update(c, "INSERT INTO kv VALUES ('b', 'old')");
        failsWith(c, "23505", () -> update(c, "INSERT INTO kv VALUES ('a', '1'), ('b', '2'), ('c', '3')"));
        assertThat(rows(c, "SELECT * FROM kv")).containsExactly("b=old");
    }

    @Test
    void when_one_insert_repeats_a_key_then_nothing_is_written_and_23505() throws Exception {
        failsWith(c, "23505", () -> update(c, "INSERT INTO kv VALUES ('a', '1'), ('a', '2')"));
        assertThat(rows(c, "SELECT * FROM kv")).isEmpty();
    }

    @Test
    void when_upsert_then_existing_keys_are_overwritten_and_new_ones_created() throws Exception {
        update(c, "INSERT INTO kv VALUES ('a', '1')");
        assertThat(update(c, "UPSERT INTO kv VALUES ('a', '10'), ('b', '20')")).isEqualTo(2);
        assertThat(rows(c, "SELECT * FROM kv")).containsExactly("a=10", "b=20");
    }

    @Test
    void when_update_then_only_existing_keys_change_and_count_says_how_many() throws Exception {
        update(c, "INSERT INTO kv VALUES ('a', '1'), ('b', '2'), ('c', '3')");
        assertThat(update(c, "UPDATE kv SET value = value || '!' WHERE key IN ('a', 'c', 'zz')")).isEqualTo(2);
        assertThat(update(c, "UPDATE kv SET value = 'x' WHERE key = 'nope'")).isZero();
        assertThat(rows(c, "SELECT * FROM kv")).containsExactly("a=1!", "b=2", "c=3!");
        assertThat(update(c, "UPDATE kv SET value = 'all'")).isEqualTo(3);
        assertThat(rows(c, "SELECT value FROM kv")).containsExactly("all", "all", "all");
    }

    @Test
    void when_delete_by_keys_then_no_read_and_count_from_state_machine() throws Exception {
        update(c, "INSERT INTO kv VALUES ('a', '1'), ('b', '2'), ('c', '3')");
        db.store.resetCounters();
        assertThat(update(c, "DELETE FROM kv WHERE key IN ('a', 'b', 'missing')")).isEqualTo(2);
        assertThat(db.store.gets.get() + db.store.scans.get()).as("reads").isZero();
        assertThat(db.store.commands.get()).isEqualTo(1);
        assertThat(rows(c, "SELECT * FROM kv")).containsExactly("c=3");
    }

    @Test
    void when_update_sets_a_constant_by_keys_then_no_read_and_only_existing_keys_change() throws Exception {
        update(c, "INSERT INTO kv VALUES ('a', '1'), ('b', '2')");
        String sql = "UPDATE kv SET value = 'new' WHERE key IN ('a', 'missing')";
        assertThat(KvDatabase.explain(c, sql)).contains("keys=[['a', 'missing']], value=['new']");
        db.store.resetCounters();
        assertThat(update(c, sql)).isEqualTo(1);
        assertThat(db.store.scans.get()).as("scans").isZero();
        assertThat(db.store.gets.get()).as("point reads").isEqualTo(2);
        db.store.resetCounters();
        assertThat(update(c, "UPDATE kv SET value = 'one' WHERE key = 'a'")).isEqualTo(1);
        assertThat(db.store.gets.get() + db.store.scans.get()).as("reads").isZero();
        try (PreparedStatement ps = c.prepareStatement("UPDATE kv SET value = ? WHERE key = ?")) {
            ps.setString(1, "p");
            ps.setString(2, "b");
            assertThat(ps.executeUpdate()).isEqualTo(1);
            ps.setString(2, "nope");
            assertThat(ps.executeUpdate()).isZero();
        }
        assertThat(rows(c, "SELECT * FROM kv")).containsExactly("a=one", "b=p");
    }

    @Test
    void when_delete_by_range_or_value_then_matching_rows_go() throws Exception {
        update(c, "INSERT INTO kv VALUES ('a', '1'), ('b', '2'), ('c', '3'), ('d', 'x')");
        assertThat(update(c, "DELETE FROM kv WHERE key >= 'b' AND key < 'd'")).isEqualTo(2);
        assertThat(update(c, "DELETE FROM kv WHERE value = 'x'")).isEqualTo(1);
        assertThat(rows(c, "SELECT * FROM kv")).containsExactly("a=1");
    }

    @Test
    void when_prepared_statements_run_with_parameters_then_rows_follow_parameters() throws Exception {
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
            for (int i = 0; i < 5; i++) {
                ins.setString(1, "k" + i);
                ins.setString(2, "v" + i);
                assertThat(ins.executeUpdate()).isEqualTo(1);
            }
        }
        try (PreparedStatement sel = c.prepareStatement("SELECT value FROM kv WHERE key = ?")) {
            for (int i = 0; i < 5; i++) {
                sel.setString(1, "k" + i);
                try (var rs = sel.executeQuery()) {
                    assertThat(rows(rs)).containsExactly("v" + i);
                }
            }
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM kv WHERE key = ?")) {
            del.setString(1, "k1");
            assertThat(del.executeUpdate()).isEqualTo(1);
            assertThat(del.executeUpdate()).isZero();
        }
    }

    @Test
    void when_value_is_null_then_23502_and_nothing_written() throws Exception {
        failsWith(c, "23502", () -> update(c, "INSERT INTO kv (key) VALUES ('a')"));
        try (PreparedStatement ps = c.prepareStatement("UPSERT INTO kv VALUES (?, ?)")) {
            ps.setString(1, "a");
            ps.setNull(2, java.sql.Types.VARCHAR);
            failsWith(c, "23502", ps::executeUpdate);
        }
        assertThat(rows(c, "SELECT * FROM kv")).isEmpty();
    }

    @Test
    void when_key_has_supplementary_character_then_22021() throws Exception {
        failsWith(c, "22021", () -> update(c, "INSERT INTO kv VALUES ('a\uD83D\uDE00', '1')"));
        update(c, "INSERT INTO kv VALUES ('键\u00e9', '值')");
        assertThat(rows(c, "SELECT * FROM kv WHERE key = '键\u00e9'")).containsExactly("键\u00e9=值");
    }

    @Test
    void when_value_over_limit_then_22001_naming_the_limit() throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
            ps.setString(1, "big");
            ps.setString(2, "x".repeat(1024 * 1024 + 1));
            failsWith(c, "22001", ps::executeUpdate);
        }
        assertThat(rows(c, "SELECT * FROM kv")).isEmpty();
    }

    @Test
    void when_merge_then_matched_keys_are_updated_and_unmatched_inserted_in_one_batch() throws Exception {
        update(c, "INSERT INTO kv VALUES ('a', '1'), ('z', '26')");
        db.store.resetCounters();
        assertThat(update(c, "MERGE INTO kv t USING (VALUES ('a', '2'), ('b', '3')) s (k, v) ON t.key = s.k"
                + " WHEN MATCHED THEN UPDATE SET value = s.v WHEN NOT MATCHED THEN INSERT VALUES (s.k, s.v)"))
                .isEqualTo(2);
        assertThat(db.store.commands.get()).isEqualTo(1);
        assertThat(update(c, "MERGE INTO kv t USING (VALUES ('z', 'zz'), ('y', 'no')) s (k, v) ON t.key = s.k"
                + " WHEN MATCHED THEN UPDATE SET value = s.v")).isEqualTo(1);
        assertThat(rows(c, "SELECT * FROM kv")).containsExactly("a=2", "b=3", "z=zz");
    }

    @Test
    void when_update_sets_the_key_or_merge_only_inserts_then_0A000() throws Exception {
        update(c, "INSERT INTO kv VALUES ('a', '1')");
        failsWith(c, "0A000", () -> update(c, "UPDATE kv SET key = 'b' WHERE key = 'a'"));
        failsWith(c, "0A000", () -> update(c, "MERGE INTO kv t USING (VALUES ('c', '2')) s (k, v) ON t.key = s.k"
                + " WHEN NOT MATCHED THEN INSERT VALUES (s.k, s.v)"));
        assertThat(rows(c, "SELECT * FROM kv")).containsExactly("a=1");
    }

    @Test
    void when_sql_is_wrong_then_42000_and_connection_still_works() throws Exception {
        failsWith(c, "42000", () -> rows(c, "SELEKT * FROM kv"));
        failsWith(c, "42000", () -> rows(c, "SELECT * FROM nosuchtable"));
        failsWith(c, "42000", () -> rows(c, "SELECT nosuchcolumn FROM kv"));
    }
}
