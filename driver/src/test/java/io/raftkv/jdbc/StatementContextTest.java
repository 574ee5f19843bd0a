package io.raftkv.jdbc;

import static io.raftkv.jdbc.KvDatabase.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;

/**
 * What a statement reads besides its parameters (CURRENT_TIMESTAMP, USER) still comes from
 * Calcite's own context, built only when asked for, next to bound parameters.
 */
class StatementContextTest extends OneConnectionTest {

    @Test
    void when_a_prepared_query_reads_current_timestamp_and_user_then_calcite_answers_next_to_the_parameter()
            throws Exception {
        update(c, "INSERT INTO kv VALUES ('a', '1'), ('b', '2')");
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT key, value, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, USER FROM kv WHERE key = ?")) {
            Timestamp previous = null;
            for (String key : new String[] {"a", "b"}) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(key);
                    assertThat(rs.getString(2)).isEqualTo(key.equals("a") ? "1" : "2");
                    Timestamp first = rs.getTimestamp(3);
                    assertThat(rs.getTimestamp(4)).as("constant within the statement").isEqualTo(first);
                    assertThat(rs.getString(5)).isEqualTo("sa"); // Calcite's USER
                    if (previous != null) {
                        assertThat(first).as("a later execution reads a later or equal time").isAfterOrEqualTo(previous);
                    }
                    previous = first;
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }
}
