package io.raftkv.jdbc;

import static io.raftkv.jdbc.KvDatabase.rows;
import static io.raftkv.jdbc.KvDatabase.update;
import static io.raftkv.jdbc.SqlAssertions.failsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Auto-commit, buffered transactions with optimistic conflict checks, and batches as one command. */
class TransactionTest extends OneConnectionTest {

    Connection other;

    @BeforeEach
    void openOther() throws Exception {
        other = db.connect(); // after OneConnectionTest opened db and c
    }

    @AfterEach
    void closeOther() throws Exception {
        other.close(); // before OneConnectionTest closes c and db
    }

    @Test
    void when_connection_opens_then_auto_commit_is_on_and_commit_rollback_are_harmless() throws Exception {
        assertThat(c.getAutoCommit()).isTrue();
        update(c, "INSERT INTO kv VALUES ('a', '1')");
        assertThat(rows(other, "SELECT * FROM kv")).containsExactly("a=1");
        c.commit();
        c.rollback();
        assertThat(rows(c, "SELECT * FROM kv")).containsExactly("a=1");
    }

    @Test
    void when_auto_commit_off_then_writes_are_buffered_seen_by_own_reads_and_committed_as_one_batch() throws Exception {
        update(c, "INSERT INTO kv VALUES ('a', '1'), ('b', '2')");
        c.setAutoCommit(false);
        assertThat(c.getAutoCommit()).isFalse();
        db.store.resetCounters();
        assertThat(update(c, "INSERT INTO kv VALUES ('c', '3')")).isEqualTo(1);
        assertThat(update(c, "UPDATE kv SET value = 'one' WHERE key = 'a'")).isEqualTo(1);
        assertThat(update(c, "DELETE FROM kv WHERE key = 'b'")).isEqualTo(1);
        assertThat(db.store.commands.get()).as("nothing sent before commit").isZero();
        assertThat(rows(c, "SELECT * FROM kv")).containsExactly("a=one", "c=3");
        assertThat(rows(c, "SELECT * FROM kv WHERE key = 'c'")).containsExactly("c=3");
        assertThat(rows(c, "SELECT * FROM kv ORDER BY key DESC LIMIT 1")).containsExactly("c=3");
        assertThat(rows(other, "SELECT * FROM kv")).containsExactly("a=1", "b=2");
        c.commit();
        assertThat(db.store.commands.get()).isEqualTo(1);
        assertThat(rows(other, "SELECT * FROM kv")).containsExactly("a=one", "c=3");
    }

    @Test
    void when_rollback_then_buffered_writes_are_discarded() throws Exception {
        c.setAutoCommit(false);
        update(c, "INSERT INTO kv VALUES ('a', '1')");
        c.rollback();
        assertThat(rows(c, "SELECT * FROM kv")).isEmpty();
        c.commit();
        assertThat(rows(other, "SELECT * FROM kv")).isEmpty();
    }

    @Test
    void when_a_key_read_in_a_transaction_changes_before_commit_then_40001_and_nothing_written() throws Exception {
        update(c, "INSERT INTO kv VALUES ('x', '10'), ('y', '20')");
        c.setAutoCommit(false);
        assertThat(rows(c, "SELECT value FROM kv WHERE key = 'x'")).containsExactly("10");
        update(c, "UPDATE kv SET value = '11' WHERE key = 'y'");
        update(other, "UPDATE kv SET value = '99' WHERE key = 'x'");
        failsWith(c, "40001", c::commit);
        assertThat(rows(other, "SELECT * FROM kv")).containsExactly("x=99", "y=20");
        // The failed transaction is gone; the next one works.
        update(c, "UPDATE kv SET value = '21' WHERE key = 'y'");
        c.commit();
        assertThat(rows(other, "SELECT value FROM kv WHERE key = 'y'")).containsExactly("21");
    }

    @Test
    void when_a_key_seen_absent_is_created_by_another_connection_then_commit_fails_40001() throws Exception {
        c.setAutoCommit(false);
        assertThat(rows(c, "SELECT * FROM kv WHERE key = 'n'")).isEmpty();
        update(c, "INSERT INTO kv VALUES ('m', '1')");
        update(other, "INSERT INTO kv VALUES ('n', 'theirs')");
        failsWith(c, "40001", c::commit);
        assertThat(rows(other, "SELECT * FROM kv")).containsExactly("n=theirs");
    }

    @Test
    void when_insert_in_transaction_meets_key_created_meanwhile_then_commit_fails_23505() throws Exception {
        c.setAutoCommit(false);
        update(c, "INSERT INTO kv VALUES ('d', 'mine')");
        update(other, "INSERT INTO kv VALUES ('d', 'theirs')");
        failsWith(c, "23505", c::commit);
        assertThat(rows(other, "SELECT * FROM kv")).containsExactly("d=theirs");
    }

    @Test
    void when_switching_auto_commit_back_on_then_pending_writes_commit() throws Exception {
        c.setAutoCommit(false);
        update(c, "INSERT INTO kv VALUES ('a', '1')");
        c.setAutoCommit(true);
        assertThat(rows(other, "SELECT * FROM kv")).containsExactly("a=1");
    }

    @Test
    void when_prepared_batch_executes_then_one_command_for_all_rows() throws Exception {
        db.store.resetCounters();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
            for (int i = 0; i < 20; i++) {
                ps.setString(1, "b" + i);
                ps.setString(2, "v" + i);
                ps.addBatch();
            }
            assertThat(ps.executeBatch()).hasSize(20).containsOnly(1);
        }
        assertThat(db.store.commands.get()).isEqualTo(1);
        assertThat(rows(other, "SELECT count(*) FROM kv")).containsExactly("20");
    }

    @Test
    void when_batch_holds_a_duplicate_then_nothing_of_it_is_written() throws Exception {
        update(c, "INSERT INTO kv VALUES ('b3', 'old')");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
            for (int i = 0; i < 5; i++) {
                ps.setString(1, "b" + i);
                ps.setString(2, "new");
                ps.addBatch();
            }
            assertThatThrownBy(ps::executeBatch).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        }
        assertThat(rows(c, "SELECT * FROM kv")).containsExactly("b3=old");
    }

    @Test
    void when_statement_batch_of_sql_then_one_command() throws Exception {
        db.store.resetCounters();
        try (Statement s = c.createStatement()) {
            s.addBatch("INSERT INTO kv VALUES ('a', '1')");
            s.addBatch("UPSERT INTO kv VALUES ('a', '2')");
            s.addBatch("INSERT INTO kv VALUES ('b', '3')");
            s.executeBatch();
        }
        assertThat(db.store.commands.get()).isEqualTo(1);
        assertThat(rows(other, "SELECT * FROM kv")).containsExactly("a=2", "b=3");
    }

}
