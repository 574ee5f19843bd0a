package io.raftkv.chaos.workload;

import io.raftkv.client.api.NodeAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * {@link KvClient} over the raftkv JDBC driver ({@code jdbc:raftkv://...}), one connection per
 * instance, statements as an application would write them:
 * <ul>
 *   <li>read: {@code SELECT value FROM kv WHERE key = ?}</li>
 *   <li>write: {@code UPSERT INTO kv VALUES (?, ?)}</li>
 *   <li>compare-and-set: {@code UPDATE kv SET value = ? WHERE key = ? AND value = ?} (update count
 *       1: it held; 0 or SQLState 40001: it did not)</li>
 *   <li>delete: {@code DELETE FROM kv WHERE key = ?} (update count: existed)</li>
 *   <li>insert: {@code INSERT INTO kv VALUES (?, ?)} (SQLState 23505: the key existed)</li>
 *   <li>group write / delete: one multi-row UPSERT / {@code DELETE ... WHERE key IN (...)}, one
 *       atomic batch each; group transaction: auto-commit off, read the keys, update them,
 *       commit (40001: a key changed meanwhile)</li>
 *   <li>group read: {@code SELECT key, value FROM kv WHERE key LIKE 'prefix%'}, one range scan</li>
 * </ul>
 * Failures (docs/sql.md): for a write, 08006 (no node answered, nothing written), 53300 (every
 * node tried refused the connection, nothing sent) and syntax or data errors are definite; everything else, 08007 and HYT00 included, is unknown. Any failed
 * read is definite. Not thread-safe: one worker thread.
 */
public final class JdbcKvClient implements KvClient {

    private final Connection connection;
    private final PreparedStatement get;
    private final PreparedStatement upsert;
    private final PreparedStatement cas;
    private final PreparedStatement delete;
    private final PreparedStatement insert;

    private JdbcKvClient(Connection connection) throws SQLException {
        this.connection = connection;
        this.get = connection.prepareStatement("SELECT value FROM kv WHERE key = ?");
        this.upsert = connection.prepareStatement("UPSERT INTO kv VALUES (?, ?)");
        this.cas = connection.prepareStatement("UPDATE kv SET value = ? WHERE key = ? AND value = ?");
        this.delete = connection.prepareStatement("DELETE FROM kv WHERE key = ?");
        this.insert = connection.prepareStatement("INSERT INTO kv VALUES (?, ?)");
    }

    /**
     * Connects to the cluster at {@code nodes}.
     *
     * @param timeoutMs the statement deadline ({@code timeoutMs} URL option)
     * @throws SQLException if the driver cannot connect (08001)
     */
    public static JdbcKvClient open(List<NodeAddress> nodes, long timeoutMs) throws SQLException {
        return new JdbcKvClient(DriverManager.getConnection(url(nodes, timeoutMs)));
    }

    /** The JDBC URL of a cluster. */
    public static String url(List<NodeAddress> nodes, long timeoutMs) {
        StringJoiner hosts = new StringJoiner(",");
        nodes.forEach(n -> hosts.add(n.host() + ":" + n.port()));
        return "jdbc:raftkv://" + hosts + "?timeoutMs=" + timeoutMs;
    }

    @Override
    public String get(String key) throws OpFailedException {
        try {
            get.setString(1, key);
            try (ResultSet rs = get.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new OpFailedException(true, "SELECT " + key + " failed: " + describe(e), e);
        }
    }

    @Override
    public void put(String key, String value) throws OpFailedException {
        try {
            upsert.setString(1, key);
            upsert.setString(2, value);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw writeFailure("UPSERT " + key, e);
        }
    }

    @Override
    public boolean cas(String key, String expected, String value) throws OpFailedException {
        try {
            cas.setString(1, value);
            cas.setString(2, key);
            cas.setString(3, expected);
            return cas.executeUpdate() == 1;
        } catch (SQLException e) {
            if ("40001".equals(e.getSQLState())) {
                return false;
            }
            throw writeFailure("UPDATE " + key, e);
        }
    }

    @Override
    public boolean delete(String key) throws OpFailedException {
        try {
            delete.setString(1, key);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw writeFailure("DELETE " + key, e);
        }
    }

    @Override
    public boolean insert(String key, String value) throws OpFailedException {
        try {
            insert.setString(1, key);
            insert.setString(2, value);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw writeFailure("INSERT " + key, e);
        }
    }

    @Override
    public void putAll(Map<String, String> entries) throws OpFailedException {
        StringJoiner rows = new StringJoiner(", ");
        entries.forEach((k, v) -> rows.add("(" + literal(k) + ", " + literal(v) + ")"));
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("UPSERT INTO kv VALUES " + rows);
        } catch (SQLException e) {
            throw writeFailure("UPSERT of " + entries.keySet(), e);
        }
    }

    @Override
    public boolean casAll(List<String> keys, String expected, String value) throws OpFailedException {
        try {
            connection.setAutoCommit(false);
            try {
                for (String k : keys) {
                    if (!expected.equals(readIn(k))) {
                        connection.rollback();
                        return false;
                    }
                }
                try (Statement s = connection.createStatement()) {
                    s.executeUpdate("UPDATE kv SET value = " + literal(value) + " WHERE key IN (" + list(keys) + ")");
                }
                connection.commit();
                return true;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if ("40001".equals(e.getSQLState())) {
                return false;
            }
            throw writeFailure("transaction on " + keys, e);
        }
    }

    private String readIn(String key) throws SQLException {
        get.setString(1, key);
        try (ResultSet rs = get.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Override
    public void deleteAll(List<String> keys) throws OpFailedException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM kv WHERE key IN (" + list(keys) + ")");
        } catch (SQLException e) {
            throw writeFailure("DELETE of " + keys, e);
        }
    }

    @Override
    public SortedMap<String, String> scan(String prefix, int limit, boolean onePage) throws OpFailedException {
        SortedMap<String, String> out = new TreeMap<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT key, value FROM kv WHERE key LIKE " + literal(prefix + "%")
                        + " ORDER BY key LIMIT " + limit)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        } catch (SQLException e) {
            throw new OpFailedException(true, "SELECT " + prefix + "% failed: " + describe(e), e);
        }
    }

    private static String list(List<String> keys) {
        StringJoiner j = new StringJoiner(", ");
        keys.forEach(k -> j.add(literal(k)));
        return j.toString();
    }

    /** A SQL string literal; the workload's keys and values never hold quotes, but escape anyway. */
    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static OpFailedException writeFailure(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean definite = state.equals("08006") || state.equals("53300") || state.startsWith("42")
                || state.startsWith("22") || state.equals("0A000");
        return new OpFailedException(definite, what + " failed: " + describe(e), e);
    }

    private static String describe(SQLException e) {
        return e.getSQLState() + " " + e.getMessage();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing a JDBC connection failed: " + describe(e), e);
        }
    }
}
