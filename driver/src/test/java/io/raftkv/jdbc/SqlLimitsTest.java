package io.raftkv.jdbc;

import static io.raftkv.jdbc.KvDatabase.rows;
import static io.raftkv.jdbc.KvDatabase.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.command.CommandLimits;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.StringJoiner;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Each write limit seen through JDBC: the SQLState fits the limit (22001 for a key or value,
 * 54000 for a statement's batch), the message names it, nothing is written and the connection
 * keeps working.
 */
class SqlLimitsTest extends OneConnectionTest {


    private void failsNaming(String sqlState, String limitName, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).as("SQLState of: %s", e.getMessage()).isEqualTo(sqlState);
            assertThat(e.getMessage()).contains(limitName);
        });
    }

    private void assertStillUsable() throws SQLException {
        update(c, "UPSERT INTO kv VALUES ('usable', 'yes')");
        assertThat(rows(c, "SELECT value FROM kv WHERE key = 'usable'")).containsExactly("yes");
    }

    @Test
    void when_a_key_is_over_maxKeyBytes_then_22001_naming_the_limit() throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO kv VALUES (?, 'v'), ('small', 'v')")) {
            ps.setString(1, "k".repeat(CommandLimits.DEFAULT_MAX_KEY_BYTES + 1));
            failsNaming("22001", "maxKeyBytes", ps::executeUpdate);
        }
        assertThat(rows(c, "SELECT count(*) FROM kv")).containsExactly("0");
        assertStillUsable();
    }

    @Test
    void when_a_statement_writes_more_than_maxOpsPerBatch_rows_then_54000_and_nothing_written() throws Exception {
        StringJoiner values = new StringJoiner(", ");
        for (int i = 0; i < 101; i++) {
            values.add("('" + i + "', 'v')");
        }
        update(c, "INSERT INTO kv VALUES " + values);
        // 101 * 101 = 10,201 rows, just over the default of 10,000
        failsNaming("54000", "maxOpsPerBatch",
                () -> update(c, "INSERT INTO kv SELECT a.key || '-' || b.key, 'w' FROM kv a, kv b"));
        assertThat(rows(c, "SELECT count(*) FROM kv")).containsExactly("101");
        assertStillUsable();
    }

    @Test
    void when_a_statement_batch_is_over_maxBatchBytes_then_54000_and_nothing_written() throws Exception {
        int rowsNeeded = CommandLimits.DEFAULT_MAX_BATCH_BYTES / CommandLimits.DEFAULT_MAX_VALUE_BYTES + 1;
        StringJoiner sql = new StringJoiner(", ", "UPSERT INTO kv VALUES ", "");
        for (int i = 0; i < rowsNeeded; i++) {
            sql.add("(?, ?)");
        }
        String value = "x".repeat(CommandLimits.DEFAULT_MAX_VALUE_BYTES - 16);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < rowsNeeded; i++) {
                ps.setString(2 * i + 1, "big" + i);
                ps.setString(2 * i + 2, value);
            }
            failsNaming("54000", "maxBatchBytes", ps::executeUpdate);
        }
        assertThat(rows(c, "SELECT count(*) FROM kv")).containsExactly("0");
        assertStillUsable();
    }

    @Test
    void when_a_transaction_commit_is_over_maxBatchBytes_then_54000_and_nothing_written() throws Exception {
        c.setAutoCommit(false);
        int rowsNeeded = CommandLimits.DEFAULT_MAX_BATCH_BYTES / CommandLimits.DEFAULT_MAX_VALUE_BYTES + 1;
        String value = "x".repeat(CommandLimits.DEFAULT_MAX_VALUE_BYTES - 16);
        try (PreparedStatement ps = c.prepareStatement("UPSERT INTO kv VALUES (?, ?)")) {
            for (int i = 0; i < rowsNeeded; i++) {
                ps.setString(1, "tx" + i);
                ps.setString(2, value);
                ps.executeUpdate();
            }
        }
        failsNaming("54000", "maxBatchBytes", c::commit);
        c.setAutoCommit(true);
        assertThat(rows(c, "SELECT count(*) FROM kv")).containsExactly("0");
        assertStillUsable();
    }
}
