package io.raftkv.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Test fixture: a {@link LocalKvStore} in a temp dir, registered for {@code inProcessStore}, and
 * helpers that go through {@code java.sql} only.
 */
final class KvDatabase implements AutoCloseable {

    final LocalKvStore store;
    final String url;
    private final InProcessStores.Registration registration;

    KvDatabase(Path dir) {
        store = new LocalKvStore(dir);
        String name = "t-" + UUID.randomUUID();
        registration = InProcessStores.register(name, store);
        url = "jdbc:raftkv://127.0.0.1:7001/?inProcessStore=" + name;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** Rows of a query as "key=value" strings, in result order. */
    static List<String> rows(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rows(rs);
        }
    }

    static List<String> rows(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                b.append(i > 1 ? "=" : "").append(rs.getString(i));
            }
            out.add(b.toString());
        }
        return out;
    }

    /** The plan text of {@code EXPLAIN PLAN FOR sql}. */
    static String explain(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
            StringBuilder b = new StringBuilder();
            while (rs.next()) {
                b.append(rs.getString(1));
            }
            return b.toString();
        }
    }

    static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    @Override
    public void close() {
        registration.close();
        store.close();
    }
}
