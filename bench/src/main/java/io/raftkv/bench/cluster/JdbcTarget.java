package io.raftkv.bench.cluster;

import io.raftkv.bench.load.BenchmarkException;
import io.raftkv.bench.load.KvSession;
import io.raftkv.bench.load.KvTarget;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * raftkv through its JDBC driver, one connection per benchmark client, prepared statements only:
 * {@code INSERT} for new keys (PutIfAbsent), {@code UPSERT} for overwrites, point {@code SELECT}
 * and an ordered {@code LIMIT} range select. Stale reads use a second connection with
 * {@code readConsistency=stale}.
 */
final class JdbcTarget implements KvTarget {

    private final String url;

    /** @param hostList {@code h:p,h:p,...} of the cluster */
    JdbcTarget(String hostList) {
        this.url = "jdbc:raftkv://" + hostList;
    }

    @Override
    public String name() {
        return "jdbc";
    }

    /** @throws SQLException as the driver reports it when it cannot connect */
    @Override
    public KvSession openSession(int clientIndex) throws SQLException {
        return new Session(DriverManager.getConnection(url), url);
    }

    @Override
    public void close() {
        // Every connection belongs to a session.
    }

    /** One connection and its prepared statements. */
    private static final class Session implements KvSession {
        private final Connection connection;
        private final String url;
        private final PreparedStatement insert;
        private final PreparedStatement upsert;
        private final PreparedStatement select;
        private final PreparedStatement range;
        /** Opened on the first stale read; null before. */
        private Connection staleConnection;
        private PreparedStatement staleSelect;

        Session(Connection connection, String url) throws SQLException {
            this.connection = connection;
            this.url = url;
            insert = connection.prepareStatement("INSERT INTO kv (key, value) VALUES (?, ?)");
            upsert = connection.prepareStatement("UPSERT INTO kv (key, value) VALUES (?, ?)");
            select = connection.prepareStatement("SELECT value FROM kv WHERE key = ?");
            range = connection.prepareStatement("SELECT key, value FROM kv WHERE key >= ? ORDER BY key LIMIT ?");
        }

        @Override
        public void insert(byte[] key, byte[] value) throws SQLException {
            write(insert, key, value);
        }

        @Override
        public void put(byte[] key, byte[] value) throws SQLException {
            write(upsert, key, value);
        }

        private static void write(PreparedStatement statement, byte[] key, byte[] value) throws SQLException {
            statement.setString(1, text(key));
            statement.setString(2, text(value));
            int count = statement.executeUpdate();
            if (count != 1) {
                throw new BenchmarkException("jdbc: write of " + text(key) + " updated " + count + " rows, expected 1");
            }
        }

        @Override
        public void get(byte[] key, boolean linearizable) throws SQLException {
            PreparedStatement statement = linearizable ? select : staleSelect();
            statement.setString(1, text(key));
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new BenchmarkException("jdbc: key " + text(key) + " not found; was the key space preloaded?");
                }
                rs.getString(1);
            }
        }

        private PreparedStatement staleSelect() throws SQLException {
            if (staleSelect == null) {
                staleConnection = DriverManager.getConnection(url + "?readConsistency=stale");
                staleSelect = staleConnection.prepareStatement("SELECT value FROM kv WHERE key = ?");
            }
            return staleSelect;
        }

        @Override
        public int scan(byte[] from, int limit) throws SQLException {
            range.setString(1, text(from));
            range.setInt(2, limit);
            int rows = 0;
            try (ResultSet rs = range.executeQuery()) {
                while (rs.next()) {
                    rs.getString(2);
                    rows++;
                }
            }
            return rows;
        }

        private static String text(byte[] bytes) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws SQLException {
            try {
                connection.close();
            } finally {
                if (staleConnection != null) {
                    staleConnection.close();
                }
            }
        }
    }
}
