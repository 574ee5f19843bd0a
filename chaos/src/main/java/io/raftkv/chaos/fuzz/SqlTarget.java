package io.raftkv.chaos.fuzz;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Generated and mutated SQL ({@link SqlGenerator}) through the JDBC driver against a node. Rules
 * checked on every try: a statement either succeeds or throws an {@link SQLException} with a
 * SQLState (no RuntimeException, AssertionError or StackOverflowError escapes the driver); the
 * connection still answers a query afterwards; and a write statement that failed (other than with
 * 08007, outcome unknown) changed no row. SQLStates seen are counted; {@code XX000} (internal
 * error) is counted but, being a typed SQLException, not a failure.
 */
public final class SqlTarget implements FuzzTarget {

    private final Connection connection;
    /** SQLState (or "ok") to how many statements ended with it. */
    private final Map<String, Long> outcomes = new TreeMap<>();
    /** Up to {@link #EXAMPLES} internal errors (XX000): statement, then message. */
    private final java.util.List<String> internalErrors = new java.util.ArrayList<>();
    private static final int EXAMPLES = 20;

    /**
     * @param url a {@code jdbc:raftkv:} URL of a serving cluster whose {@code kv} rows this
     *            target may overwrite and delete
     * @throws SQLException if the connection cannot be opened
     */
    public SqlTarget(String url) throws SQLException {
        this.connection = DriverManager.getConnection(url);
    }

    @Override
    public String name() {
        return "sql/driver";
    }

    @Override
    public void tryOnce(long seed) throws FuzzFailure {
        Random rnd = new Random(seed);
        String sql = SqlGenerator.statement(rnd);
        boolean write = SqlGenerator.isWrite(sql);
        String before = write ? snapshot(seed, sql) : null;
        try (Statement s = connection.createStatement()) {
            s.setQueryTimeout(10);
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    for (int rows = 0; rs.next() && rows < 10_000; rows++) {
                        rs.getString(1);
                    }
                }
            }
            count("ok");
        } catch (SQLException e) {
            if (e.getSQLState() == null || e.getSQLState().length() != 5) {
                throw new FuzzFailure(name(), seed, sql, "SQLException without a valid SQLState", e);
            }
            count(e.getSQLState());
            if ("XX000".equals(e.getSQLState()) && internalErrors.size() < EXAMPLES) {
                internalErrors.add(FuzzFailure.shorten(sql) + "\n    -> " + e.getMessage());
            }
            if (write && !"08007".equals(e.getSQLState())) {
                String after = snapshot(seed, sql);
                if (!after.equals(before)) {
                    throw new FuzzFailure(name(), seed, sql, "a failed write (SQLState " + e.getSQLState()
                            + ") changed the table", e);
                }
            }
        } catch (Throwable t) {
            throw new FuzzFailure(name(), seed, FuzzFailure.shorten(sql), "not an SQLException", t);
        }
        if (write && rnd.nextInt(20) == 0) {
            trim(seed, sql);
        }
    }

    /** The whole table as text (the generator keeps it to a few hundred short rows). */
    private String snapshot(long seed, String sql) throws FuzzFailure {
        StringBuilder b = new StringBuilder();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT key, value FROM kv ORDER BY key")) {
            while (rs.next()) {
                b.append(rs.getString(1)).append('=').append(rs.getString(2)).append('\n');
            }
            return b.toString();
        } catch (SQLException | RuntimeException e) {
            throw new FuzzFailure(name(), seed, FuzzFailure.shorten(sql), "the connection stopped answering a scan", e);
        }
    }

    private void trim(long seed, String sql) throws FuzzFailure {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM kv");
        } catch (SQLException e) {
            throw new FuzzFailure(name(), seed, FuzzFailure.shorten(sql), "the connection stopped accepting a delete", e);
        }
    }

    private void count(String outcome) {
        outcomes.merge(outcome, 1L, Long::sum);
    }

    /** How many statements ended with each SQLState ("ok" for success). */
    public Map<String, Long> outcomes() {
        return Map.copyOf(outcomes);
    }

    /** The first internal errors (SQLState XX000) seen, each "statement -> message". */
    public java.util.List<String> internalErrors() {
        return java.util.List.copyOf(internalErrors);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing the fuzz connection failed: " + e.getMessage(), e);
        }
    }
}
