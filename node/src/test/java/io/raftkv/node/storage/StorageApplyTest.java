package io.raftkv.node.storage;

import static io.raftkv.node.storage.StorageFixtures.appendCommitApply;
import static io.raftkv.node.storage.StorageFixtures.b;
import static io.raftkv.node.storage.StorageFixtures.command;
import static io.raftkv.node.storage.StorageFixtures.noops;
import static io.raftkv.node.storage.StorageFixtures.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.command.CommandResult;
import io.raftkv.client.command.Condition;
import io.raftkv.client.command.Delete;
import io.raftkv.client.command.OpResult;
import io.raftkv.client.command.Put;
import io.raftkv.client.command.Session;
import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import io.raftkv.node.raft.HardState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageApplyTest {

    @TempDir
    Path dir;

    private JeStorage open() {
        return JeStorage.open(dir, StorageConfig.forTests());
    }

    @Test
    void when_a_put_is_applied_then_get_returns_the_value_with_create_and_mod_index() {
        try (JeStorage s = open()) {
            appendCommitApply(s, List.of(command(1, 1, Put.of(b("k"), b("v1"))), command(1, 2, Put.of(b("k"), b("v2")))));
            KeyValue kv = s.get(b("k")).orElseThrow();
            assertThat(s(kv.value())).isEqualTo("v2");
            assertThat(kv.createIndex()).isEqualTo(1);
            assertThat(kv.modIndex()).isEqualTo(2);
            assertThat(s.appliedIndex()).isEqualTo(2);
            assertThat(s.appliedTerm()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("watched Puts are reported once applied, from plain and group entries, not when a condition failed")
    void when_a_watched_key_is_put_then_the_applied_put_is_reported_after_commit() {
        try (JeStorage s = open()) {
            List<String> seen = new ArrayList<>();
            s.watchPuts(key -> key[0] == '!', put -> {
                assertThat(s.appliedIndex()).as("reported once the apply transaction committed").isEqualTo(5);
                seen.add(s(put.key()) + "=" + s(put.value()));
            });
            byte[] group = CommandCodec.encodeGroup(List.of(
                    CommandCodec.encode(new Command.Single(Session.NONE, Put.of(b("plain"), b("x")))),
                    CommandCodec.encode(new Command.Single(Session.NONE, Put.of(b("!b"), b("2"))))));
            appendCommitApply(s, List.of(
                    command(1, 1, Put.of(b("!a"), b("1"))),
                    command(1, 2, Put.of(b("other"), b("1"))),
                    new LogEntry(1, 3, EntryType.COMMAND, group),
                    command(1, 4, Put.ifAbsent(b("!a"), b("refused"))),
                    command(1, 5, Delete.of(b("!b")))));
            assertThat(seen).containsExactly("!a=1", "!b=2");
        }
    }

    @Test
    void when_conditions_hold_or_fail_then_results_say_so() {
        try (JeStorage s = open()) {
            List<AppliedEntry> r = appendCommitApply(s, List.of(
                    command(1, 1, Put.ifAbsent(b("a"), b("1"))),
                    command(1, 2, Put.ifAbsent(b("a"), b("2"))),
                    command(1, 3, new Put(b("a"), b("3"), new Condition.ValueEquals(b("1")))),
                    command(1, 4, new Put(b("a"), b("4"), new Condition.ModIndexEquals(1))),
                    command(1, 5, new Put(b("a"), b("5"), new Condition.ModIndexEquals(3))),
                    command(1, 6, new Put(b("z"), b("6"), Condition.EXISTS)),
                    command(1, 7, new Put(b("z"), b("7"), new Condition.ModIndexEquals(0))),
                    command(1, 8, new Delete(b("a"), Condition.EXISTS)),
                    command(1, 9, Delete.of(b("a")))));
            assertThat(r).extracting(e -> e.result().applied())
                    .containsExactly(true, false, true, false, true, false, true, true, true);
            assertThat(r.get(1).result().ops().get(0)).isEqualTo(new OpResult(false, true, 1));
            assertThat(r.get(4).result().ops().get(0)).isEqualTo(new OpResult(true, true, 5));
            assertThat(r.get(7).result().ops().get(0)).isEqualTo(new OpResult(true, true, 0));
            assertThat(r.get(8).result().ops().get(0)).isEqualTo(new OpResult(true, false, 0));
            assertThat(s.get(b("a"))).isEmpty();
            assertThat(s(s.get(b("z")).orElseThrow().value())).isEqualTo("7");
        }
    }

    @Test
    @DisplayName("a batch whose condition fails applies nothing and names the failed op")
    void when_one_condition_of_a_batch_fails_then_nothing_is_applied() {
        try (JeStorage s = open()) {
            appendCommitApply(s, List.of(command(1, 1, Put.of(b("x"), b("old")))));
            CommandResult r = appendCommitApply(s, List.of(command(1, 2,
                    Put.of(b("y"), b("new")), Put.ifAbsent(b("x"), b("clash")), Delete.of(b("x"))))).get(0).result();
            assertThat(r.applied()).isFalse();
            assertThat(r.failedOp()).isEqualTo(1);
            assertThat(r.ops()).extracting(OpResult::applied).containsOnly(false);
            assertThat(s.get(b("y"))).isEmpty();
            assertThat(s(s.get(b("x")).orElseThrow().value())).isEqualTo("old");
        }
    }

    @Test
    void when_a_batch_succeeds_then_later_ops_see_earlier_ones() {
        try (JeStorage s = open()) {
            CommandResult r = appendCommitApply(s, List.of(command(1, 1,
                    Put.ifAbsent(b("k"), b("1")), new Put(b("k"), b("2"), new Condition.ModIndexEquals(1)),
                    Put.ifAbsent(b("j"), b("3"))))).get(0).result();
            assertThat(r.applied()).isTrue();
            assertThat(r.changedCount()).isEqualTo(3);
            assertThat(s(s.get(b("k")).orElseThrow().value())).isEqualTo("2");
        }
    }

    @Test
    @DisplayName("apply is one transaction: entries move from unstable to committed with the applied index")
    void when_entries_are_applied_then_they_survive_restart_exactly_once() {
        try (JeStorage s = open()) {
            s.saveHardStateAndAppend(new HardState(1, null, 2), List.of(
                    command(1, 1, Put.ifAbsent(b("k"), b("first"))),
                    command(1, 2, Delete.of(b("k"))),
                    command(1, 3, Put.ifAbsent(b("k"), b("third")))));
            s.apply(2);
            assertThat(s.apply(2)).isEmpty();
        }
        try (JeStorage s = open()) {
            assertThat(s.appliedIndex()).isEqualTo(2);
            assertThat(s.get(b("k"))).isEmpty();
            assertThat(s.lastIndex()).isEqualTo(3);
            s.saveHardState(new HardState(1, null, 3));
            assertThat(s.apply(3)).extracting(AppliedEntry::index).containsExactly(3L);
            assertThat(s(s.get(b("k")).orElseThrow().value())).isEqualTo("third");
        }
    }

    @Test
    void when_applying_past_the_commit_index_then_it_is_refused() {
        try (JeStorage s = open()) {
            s.saveHardStateAndAppend(new HardState(1, null, 1), noops(1, 1, 3));
            assertThatThrownBy(() -> s.apply(2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("commit index 1");
        }
    }

    @Test
    void when_a_command_payload_is_malformed_then_the_entry_is_consumed_with_a_rejection() {
        try (JeStorage s = open()) {
            List<AppliedEntry> r = appendCommitApply(s, List.of(
                    new LogEntry(1, 1, EntryType.COMMAND, new byte[] {9, 9}),
                    new LogEntry(1, 2, EntryType.CONFIG, new byte[] {7, 7}),
                    LogEntry.noop(1, 3)));
            assertThat(r.get(0).rejection()).contains("unknown command encoding version 9");
            assertThat(r.get(1).result()).isNull();
            assertThat(s.appliedIndex()).isEqualTo(3);
            assertThat(s.membership().orElseThrow().index()).isEqualTo(2);
            assertThat(s.membership().orElseThrow().bytes()).containsExactly(7, 7);
        }
    }
}
