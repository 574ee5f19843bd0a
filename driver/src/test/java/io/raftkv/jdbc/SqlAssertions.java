package io.raftkv.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import org.assertj.core.api.ThrowableAssert;

/** Assertions on SQL errors: the SQLState, and that the connection still works afterwards. */
final class SqlAssertions {

    private SqlAssertions() {
    }

    /** Asserts {@code call} fails with an SQLException of {@code sqlState} and {@code c} still answers. */
    static void failsWith(Connection c, String sqlState, ThrowableAssert.ThrowingCallable call) throws SQLException {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                        .as("SQLState of: %s", e.getMessage()).isEqualTo(sqlState));
        assertThat(KvDatabase.rows(c, "SELECT count(*) FROM kv")).hasSize(1);
    }
}
