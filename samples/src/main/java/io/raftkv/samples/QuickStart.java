package io.raftkv.samples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The plain-JDBC quick start: insert a batch, query a range, run a transaction that is retried
 * when another writer gets there first (SQLState 40001).
 *
 * <pre>java -cp raftkv-driver-*-all.jar:samples.jar io.raftkv.samples.QuickStart jdbc:raftkv://127.0.0.1:7001</pre>
 */
public final class QuickStart {

    private QuickStart() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:raftkv://127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003";
        try (Connection c = DriverManager.getConnection(url)) {
            insertBatch(c);
            queryRange(c);
            System.out.println("balance after deposit: " + depositWithRetry(c, "account/alice", 5));
        }
    }

    /** Many rows, one atomic write: executeBatch sends them to the cluster as one command. */
    static void insertBatch(Connection c) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("UPSERT INTO kv VALUES (?, ?)")) {
            for (int i = 1; i <= 5; i++) {
                insert.setString(1, "city/" + i);
                insert.setString(2, "population " + i * 1000);
                insert.addBatch();
            }
            insert.setString(1, "account/alice");
            insert.setString(2, "100");
            insert.addBatch();
            insert.executeBatch();
        }
    }

    /** A key range runs as a range scan on the nodes, here in reverse order. */
    static void queryRange(Connection c) throws SQLException {
        try (PreparedStatement range = c.prepareStatement(
                "SELECT key, value FROM kv WHERE key >= ? AND key < ? ORDER BY key DESC")) {
            range.setString(1, "city/2");
            range.setString(2, "city/5");
            try (ResultSet rs = range.executeQuery()) {
                while (rs.next()) {
                    System.out.println(rs.getString("key") + " = " + rs.getString("value"));
                }
            }
        }
    }

    /**
     * Read, compute, write in one transaction. Commit fails with 40001 if another connection
     * changed the balance since it was read; nothing was written then, so the whole transaction
     * is simply run again.
     */
    static long depositWithRetry(Connection c, String account, long amount) throws SQLException {
        c.setAutoCommit(false);
        try {
            for (int attempt = 1; ; attempt++) {
                try (Statement s = c.createStatement();
                     PreparedStatement read = c.prepareStatement("SELECT value FROM kv WHERE key = ?");
                     PreparedStatement write = c.prepareStatement("UPDATE kv SET value = ? WHERE key = ?")) {
                    read.setString(1, account);
                    long balance;
                    try (ResultSet rs = read.executeQuery()) {
                        if (!rs.next()) {
                            throw new SQLException("no account " + account, "02000");
                        }
                        balance = Long.parseLong(rs.getString(1));
                    }
                    write.setString(1, Long.toString(balance + amount));
                    write.setString(2, account);
                    write.executeUpdate();
                    c.commit();
                    return balance + amount;
                } catch (SQLException e) {
                    c.rollback();
                    if (!"40001".equals(e.getSQLState()) || attempt == 5) {
                        throw e;
                    }
                    System.out.println("conflict, retrying (attempt " + attempt + ")");
                }
            }
        } finally {
            c.setAutoCommit(true);
        }
    }
}
