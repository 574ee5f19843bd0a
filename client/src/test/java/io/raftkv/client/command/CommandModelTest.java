package io.raftkv.client.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandModelTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void when_a_key_exceeds_4_KiB_then_the_default_limits_name_maxKeyBytes() {
        Command c = Command.of(Put.of(new byte[4097], b("v")));
        assertThatThrownBy(() -> CommandLimits.DEFAULT.check(c))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("maxKeyBytes = 4096")
                .hasMessageContaining("4097 bytes");
        CommandLimits.DEFAULT.check(Command.of(Put.of(new byte[4096], b("v"))));
    }

    @Test
    void when_a_value_exceeds_1_MiB_then_the_default_limits_name_maxValueBytes() {
        Command c = Command.batch(List.of(Delete.of(b("a")), Put.of(b("k"), new byte[1024 * 1024 + 1])));
        assertThatThrownBy(() -> CommandLimits.DEFAULT.check(c))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limitName()).isEqualTo("maxValueBytes");
                    assertThat(e.limit()).isEqualTo(1024 * 1024);
                })
                .hasMessageContaining("op 1");
    }

    @Test
    void when_a_batch_is_empty_then_it_is_rejected() {
        assertThatThrownBy(() -> Command.batch(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void when_a_session_is_half_set_then_it_is_rejected() {
        assertThatThrownBy(() -> new Session(5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Session(5, 1).isNone()).isFalse();
        assertThat(Session.NONE.isNone()).isTrue();
    }

    @Test
    void when_ops_hold_equal_bytes_then_they_are_equal() {
        assertThat(new Put(b("k"), b("v"), new Condition.ValueEquals(b("x"))))
                .isEqualTo(new Put(b("k"), b("v"), new Condition.ValueEquals(b("x"))))
                .hasSameHashCodeAs(new Put(b("k"), b("v"), new Condition.ValueEquals(b("x"))));
        assertThat(Delete.of(b("k"))).isNotEqualTo(Delete.of(b("j")));
    }

    @Test
    void when_a_put_is_encoded_then_the_layout_is_version_kind_session_op() {
        byte[] enc = CommandCodec.encode(Command.of(Put.ifAbsent(b("k"), b("vv"))));
        assertThat(enc).containsExactly(1, 1, 0, 0, 1, 1, 'k', 2, 'v', 'v', 1);
    }

    @Test
    void when_a_batch_failed_then_changed_count_is_zero_and_failed_op_is_named() {
        CommandResult r = new CommandResult(false, 1,
                List.of(new OpResult(false, false, 0), new OpResult(false, true, 7)));
        assertThat(r.changedCount()).isZero();
        assertThatThrownBy(() -> new CommandResult(true, 1, r.ops())).isInstanceOf(IllegalArgumentException.class);
    }
}
