package io.raftkv.jdbc;

import static io.raftkv.jdbc.KvDatabase.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.jdbc.RaftKvMeta;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What tools read from DatabaseMetaData, and connection-level calls pools rely on. */
class MetadataTest extends OneConnectionTest {


    @Test
    void when_tool_asks_product_and_capabilities_then_raftkv_answers() throws Exception {
        DatabaseMetaData md = c.getMetaData();
        assertThat(md.getDatabaseProductName()).isEqualTo("raftkv");
        assertThat(md.getDatabaseProductVersion()).isEqualTo("0.1.0");
        assertThat(md.getDriverName()).isEqualTo("raftkv JDBC driver");
        assertThat(md.supportsTransactions()).isTrue();
        assertThat(md.supportsBatchUpdates()).isTrue();
        assertThat(md.getDefaultTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
        assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
        assertThat(md.getConnection()).isSameAs(c);
    }

    @Test
    void when_tool_lists_tables_columns_and_primary_key_then_kv_is_described() throws Exception {
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(null, "raftkv", "%", null)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TABLE_NAME")).isEqualTo("kv");
            assertThat(rs.next()).isFalse();
        }
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, "raftkv", "kv", "%")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE") + ":" + rs.getInt("NULLABLE"));
            }
        }
        assertThat(columns).containsExactly("key:" + Types.VARCHAR + ":" + DatabaseMetaData.columnNoNulls,
                "value:" + Types.VARCHAR + ":" + DatabaseMetaData.columnNoNulls);
        try (ResultSet rs = md.getPrimaryKeys(null, "raftkv", "kv")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TABLE_NAME")).isEqualTo("kv");
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("key");
            assertThat(rs.getShort("KEY_SEQ")).isEqualTo((short) 1);
            assertThat(rs.next()).isFalse();
        }
        try (ResultSet rs = md.getPrimaryKeys(null, null, "other")) {
            assertThat(rs.next()).isFalse();
        }
        try (ResultSet rs = md.getTypeInfo()) {
            List<String> types = new ArrayList<>();
            while (rs.next()) {
                types.add(rs.getString("TYPE_NAME"));
            }
            assertThat(types).contains("VARCHAR");
        }
    }

    @Test
    void when_pool_checks_validity_then_the_store_is_asked_and_closed_is_invalid() throws Exception {
        assertThat(c.isValid(1)).isTrue();
        Connection second = db.connect();
        second.close();
        assertThat(second.isValid(1)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(second::createStatement)
                .isInstanceOfSatisfying(java.sql.SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("08003"));
    }

    @Test
    void when_same_sql_runs_again_on_a_statement_then_the_plan_cache_answers() throws Exception {
        AvaticaConnection avatica = c.unwrap(AvaticaConnection.class);
        long before = RaftKvMeta.planCacheHits(avatica);
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < 5; i++) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM kv WHERE key = 'a'")) {
                    assertThat(rows(rs)).isEmpty();
                }
            }
        }
        assertThat(RaftKvMeta.planCacheHits(avatica) - before).isEqualTo(4);
    }

    @Test
    void when_store_does_not_answer_within_query_timeout_then_HYT00_and_connection_usable() throws Exception {
        db.store.stallScans = new java.util.concurrent.CountDownLatch(1);
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeQuery("SELECT * FROM kv").next())
                    .isInstanceOfSatisfying(java.sql.SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("HYT00"));
        } finally {
            db.store.stallScans = null;
        }
        assertThat(rows(c, "SELECT count(*) FROM kv")).containsExactly("0");
    }

    @Test
    void when_statement_is_cancelled_during_a_read_then_57014() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        db.store.stallScans = release;
        try (Statement s = c.createStatement()) {
            var result = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (ResultSet rs = s.executeQuery("SELECT * FROM kv")) {
                    return rs.next() ? "row" : "none";
                } catch (java.sql.SQLException e) {
                    return e.getSQLState();
                }
            });
            db.store.scanEntered.acquire();
            s.cancel();
            release.countDown();
            assertThat(result.get()).isEqualTo("57014");
        } finally {
            db.store.stallScans = null;
        }
        assertThat(rows(c, "SELECT count(*) FROM kv")).containsExactly("0");
    }

    @Test
    void when_query_timeout_is_set_then_statements_still_run_within_it() throws Exception {
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            assertThat(s.getQueryTimeout()).isEqualTo(5);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM kv")) {
                assertThat(rows(rs)).containsExactly("0");
            }
        }
    }

    @Test
    @DisplayName("a connection reads its configuration and time zone once (Calcite re-read them per statement under a JDK-wide lock)")
    void when_statements_run_then_the_connection_config_is_read_once() throws Exception {
        org.apache.calcite.jdbc.CalciteConnection calcite = c.unwrap(org.apache.calcite.jdbc.CalciteConnection.class);
        assertThat(calcite.config()).isSameAs(calcite.config());
        java.util.TimeZone first = ((org.apache.calcite.avatica.AvaticaConnection) calcite).getTimeZone();
        java.util.TimeZone second = ((org.apache.calcite.avatica.AvaticaConnection) calcite).getTimeZone();
        assertThat(second).isEqualTo(first).isNotSameAs(first);
        assertThat(first.getID()).isEqualTo(calcite.config().timeZone());
        try (java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO kv VALUES ('tz', 'ok')");
            try (ResultSet rs = st.executeQuery("SELECT value FROM kv WHERE key = 'tz'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("ok");
            }
        }
    }
}
