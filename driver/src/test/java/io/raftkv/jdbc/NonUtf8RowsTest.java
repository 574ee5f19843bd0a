package io.raftkv.jdbc;

import static io.raftkv.jdbc.KvDatabase.rows;
import static io.raftkv.jdbc.KvDatabase.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.calcite.CallOptions;
import io.raftkv.calcite.ReadConsistency;
import io.raftkv.client.command.Command;
import io.raftkv.client.command.Put;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Found by the SQL fuzzer: a value written by the Java client that is not valid UTF-8 reads back
 * in SQL with U+FFFD, so an UPDATE or DELETE that guards on the value read can never match. It
 * used to fail with 40001 ("retry") every time; it must fail with 22021 saying why, write nothing,
 * and leave the connection usable.
 */
class NonUtf8RowsTest extends OneConnectionTest {

    @Override
    void seed() throws Exception {
        byte[] notUtf8 = {(byte) 0xFF, 'a', (byte) 0xC3};
        db.store.execute(Command.of(Put.of("bin".getBytes(StandardCharsets.UTF_8), notUtf8)),
                CallOptions.within(ReadConsistency.LINEARIZABLE, 5_000, new AtomicBoolean()));
        update(c, "INSERT INTO kv VALUES ('text', 't')");
    }

    @Test
    void when_delete_meets_a_value_that_is_not_utf8_then_22021_naming_the_key_not_40001() throws Exception {
        assertThatThrownBy(() -> update(c, "DELETE FROM kv")).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).as("SQLState of: %s", e.getMessage()).isEqualTo("22021");
            assertThat(e.getMessage()).contains("'bin'").contains("UTF-8");
        });
        assertThat(rows(c, "SELECT key FROM kv")).containsExactly("bin", "text");
    }

    @Test
    void when_update_meets_a_value_that_is_not_utf8_then_22021_and_nothing_written() throws Exception {
        assertThatThrownBy(() -> update(c, "UPDATE kv SET value = 'x' WHERE key >= 'a'"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22021"));
        assertThat(rows(c, "SELECT value FROM kv WHERE key = 'text'")).containsExactly("t");
        update(c, "DELETE FROM kv WHERE key = 'text'");
        assertThat(rows(c, "SELECT key FROM kv")).containsExactly("bin");
    }
}
