package io.raftkv.jdbc;

import static io.raftkv.jdbc.KvDatabase.rows;
import static io.raftkv.jdbc.KvDatabase.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Statements the SQL fuzzer found ending in XX000 ("internal error, report it") although the user
 * can fix them: a VARCHAR compared with a number fails at run time on a row that is not numeric
 * (22018, invalid character value for cast), a SET statement is not supported (0A000), and a LIMIT
 * or OFFSET that is not a whole number is an invalid row count (2201W) or offset (2201X).
 */
class RuntimeErrorStatesTest extends OneConnectionTest {

    @Override
    void seed() throws Exception {
        update(c, "INSERT INTO kv VALUES ('a1', 'v1'), ('b2', '')");
    }

    private void failsWithState(String sql, String sqlState) {
        assertThatThrownBy(() -> rows(c, sql)).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).as("SQLState of: %s", e.getMessage()).isEqualTo(sqlState));
    }

    @Test
    void when_a_varchar_value_is_compared_with_a_number_and_a_row_is_not_numeric_then_22018() throws Exception {
        failsWithState("SELECT count(*) FROM kv WHERE value = 1e308", "22018");
        failsWithState("SELECT key FROM kv WHERE key BETWEEN 'a' AND 1", "22018");
        failsWithState("SELECT key FROM kv WHERE value = 42", "22018");
        assertThat(rows(c, "SELECT key FROM kv WHERE key = 'a1'")).containsExactly("a1");
    }

    @Test
    void when_a_set_statement_is_sent_then_0A000() throws Exception {
        assertThatThrownBy(() -> update(c, "SET kv = 'x'")).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).as("SQLState of: %s", e.getMessage()).isEqualTo("0A000"));
        assertThat(rows(c, "SELECT count(*) FROM kv")).containsExactly("2");
    }

    @Test
    void when_limit_or_offset_is_not_a_whole_number_then_2201W_or_2201X() throws Exception {
        // the SQL fuzzer (session 3): LIMIT 1e308 ended in a ClassCastException, XX000
        failsWithState("SELECT key, value FROM kv LIMIT 1e308", "2201W");
        failsWithState("SELECT key, value FROM kv ORDER BY key LIMIT 1.5", "2201W");
        failsWithState("SELECT key, value FROM kv ORDER BY key LIMIT 1 OFFSET 0.5", "2201X");
        assertThat(rows(c, "SELECT key FROM kv ORDER BY key LIMIT 1")).containsExactly("a1");
    }
}
