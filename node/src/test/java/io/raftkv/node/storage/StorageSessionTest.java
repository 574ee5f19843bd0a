package io.raftkv.node.storage;

import static io.raftkv.node.storage.StorageFixtures.appendCommitApply;
import static io.raftkv.node.storage.StorageFixtures.b;
import static io.raftkv.node.storage.StorageFixtures.noops;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.command.Delete;
import io.raftkv.client.command.Op;
import io.raftkv.client.command.Put;
import io.raftkv.client.command.Session;
import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageSessionTest {

    @TempDir
    Path dir;

    private static LogEntry withSession(long index, long client, long seq, Op op) {
        return new LogEntry(1, index, EntryType.COMMAND,
                CommandCodec.encode(new Command.Single(new Session(client, seq), op)));
    }

    @Test
    @DisplayName("§6.3 a retried command of a session is answered from its first result, not applied again")
    void when_a_session_sequence_is_committed_twice_then_it_is_applied_once() {
        try (JeStorage s = JeStorage.open(dir, StorageConfig.forTests())) {
            List<AppliedEntry> r = appendCommitApply(s, List.of(
                    withSession(1, 7, 1, Put.ifAbsent(b("k"), b("first"))),
                    withSession(2, 8, 1, Delete.of(b("k"))),
                    withSession(3, 7, 1, Put.ifAbsent(b("k"), b("first")))));
            assertThat(r.get(0).result().applied()).isTrue();
            assertThat(r.get(2).duplicate()).isTrue();
            assertThat(r.get(2).result()).isEqualTo(r.get(0).result());
            assertThat(s.get(b("k"))).as("the retry did not re-create the deleted key").isEmpty();
        }
    }

    @Test
    void when_a_sequence_is_older_than_the_remembered_window_then_it_is_refused() {
        try (JeStorage s = JeStorage.open(dir, StorageConfig.forTests())) {
            List<LogEntry> entries = new ArrayList<>();
            for (int seq = 1; seq <= 70; seq++) {
                entries.add(withSession(seq, 5, seq, Put.of(b("k" + seq), b("v"))));
            }
            entries.add(withSession(71, 5, 6, Put.of(b("k6"), b("again"))));
            entries.add(withSession(72, 5, 10, Put.of(b("k10"), b("again"))));
            entries.add(withSession(73, 5, 69, Put.of(b("k69"), b("again"))));
            List<AppliedEntry> r = appendCommitApply(s, entries);
            assertThat(r.get(70).rejection()).contains("older than the last 64");
            assertThat(r.get(71).duplicate()).isTrue();
            assertThat(r.get(72).duplicate()).isTrue();
            assertThat(s.get(b("k6")).orElseThrow().modIndex()).isEqualTo(6);
            assertThat(s.get(b("k69")).orElseThrow().modIndex()).isEqualTo(69);
        }
    }

    @Test
    void when_sessions_cross_a_restart_or_a_snapshot_then_retries_are_still_recognised() {
        ByteArrayOutputStream snap = new ByteArrayOutputStream();
        try (JeStorage s = JeStorage.open(dir.resolve("a"), StorageConfig.forTests())) {
            appendCommitApply(s, List.of(withSession(1, 9, 1, Put.of(b("k"), b("v")))));
        }
        try (JeStorage s = JeStorage.open(dir.resolve("a"), StorageConfig.forTests())) {
            assertThat(appendCommitApply(s, List.of(withSession(2, 9, 1, Put.of(b("k"), b("v"))))).get(0).duplicate())
                    .isTrue();
            s.writeSnapshot(snap);
        }
        try (JeStorage s = JeStorage.open(dir.resolve("b"), StorageConfig.forTests())) {
            s.restore(new ByteArrayInputStream(snap.toByteArray()));
            assertThat(appendCommitApply(s, List.of(withSession(3, 9, 1, Put.of(b("k"), b("v"))))).get(0).duplicate())
                    .isTrue();
        }
    }

    @Test
    void when_a_session_is_unused_for_the_window_then_it_is_forgotten() {
        StorageConfig config = StorageConfig.forTests().withSessionWindowEntries(100);
        try (JeStorage s = JeStorage.open(dir, config)) {
            appendCommitApply(s, List.of(withSession(1, 3, 1, Put.of(b("k"), b("v")))));
            appendCommitApply(s, noops(1, 2, SessionTable.EXPIRY_EVERY));
            AppliedEntry retry = appendCommitApply(s, List.of(
                    withSession(SessionTable.EXPIRY_EVERY + 1, 3, 1, Put.of(b("k"), b("v"))))).get(0);
            assertThat(retry.duplicate()).as("forgotten, so applied as new").isFalse();
            assertThat(s.get(b("k")).orElseThrow().modIndex()).isEqualTo(SessionTable.EXPIRY_EVERY + 1);
        }
    }

    @Test
    @DisplayName("§6.3 sequences applied out of order in the window are each applied once; retries get their results")
    void when_sequences_apply_out_of_order_then_each_is_applied_once() {
        try (JeStorage s = JeStorage.open(dir, StorageConfig.forTests())) {
            List<AppliedEntry> r = appendCommitApply(s, List.of(
                    withSession(1, 4, 5, Put.ifAbsent(b("k5"), b("v"))),
                    withSession(2, 4, 3, Put.ifAbsent(b("k3"), b("v"))),
                    withSession(3, 4, 4, Put.ifAbsent(b("k4"), b("v"))),
                    withSession(4, 4, 3, Put.ifAbsent(b("k3"), b("v"))),
                    withSession(5, 4, 5, Put.ifAbsent(b("k5"), b("v")))));
            assertThat(r).extracting(AppliedEntry::duplicate).containsExactly(false, false, false, true, true);
            assertThat(r.get(3).result()).isEqualTo(r.get(1).result());
            assertThat(r.get(4).result()).isEqualTo(r.get(0).result());
            assertThat(s.get(b("k3")).orElseThrow().modIndex()).isEqualTo(2);
        }
    }

    @Test
    void when_one_transaction_applies_many_sequences_then_the_window_survives_a_restart() {
        List<LogEntry> entries = new ArrayList<>();
        for (int seq = 1; seq <= 100; seq++) {
            entries.add(withSession(seq, 6, seq, Put.of(b("k" + seq), b("v"))));
        }
        try (JeStorage s = JeStorage.open(dir, StorageConfig.forTests())) {
            appendCommitApply(s, entries); // one apply transaction for all 100
        }
        try (JeStorage s = JeStorage.open(dir, StorageConfig.forTests())) {
            List<AppliedEntry> r = appendCommitApply(s, List.of(
                    withSession(101, 6, 100, Put.of(b("k100"), b("again"))),
                    withSession(102, 6, 37, Put.of(b("k37"), b("again"))),
                    withSession(103, 6, 36, Put.of(b("k36"), b("again"))),
                    withSession(104, 6, 101, Put.of(b("k101"), b("v")))));
            assertThat(r.get(0).duplicate()).isTrue();
            assertThat(r.get(1).duplicate()).isTrue();
            assertThat(r.get(2).rejection()).contains("older than the last 64");
            assertThat(r.get(3).duplicate()).isFalse();
            assertThat(s.get(b("k100")).orElseThrow().value()).isEqualTo(b("v"));
            assertThat(s.get(b("k101")).orElseThrow().modIndex()).isEqualTo(104);
        }
    }

    @Test
    void when_expiry_runs_in_the_transaction_that_used_a_session_then_the_session_is_kept() {
        StorageConfig config = StorageConfig.forTests().withSessionWindowEntries(100);
        long expiry = SessionTable.EXPIRY_EVERY;
        try (JeStorage s = JeStorage.open(dir, config)) {
            appendCommitApply(s, List.of(withSession(1, 3, 1, Put.of(b("k"), b("v")))));
            // one transaction: the session is used at expiry-1 (its stored head still says index 1),
            // then expiry runs at the next index
            List<LogEntry> entries = new ArrayList<>(noops(1, 2, expiry - 2));
            entries.add(withSession(expiry - 1, 3, 2, Put.of(b("k2"), b("v"))));
            entries.addAll(noops(1, expiry, expiry));
            appendCommitApply(s, entries);
            AppliedEntry retry = appendCommitApply(s, List.of(
                    withSession(expiry + 1, 3, 2, Put.of(b("k2"), b("v"))))).get(0);
            assertThat(retry.duplicate()).as("used inside the window, so still remembered").isTrue();
            assertThat(s.get(b("k2")).orElseThrow().modIndex()).isEqualTo(expiry - 1);
        }
    }

    private static LogEntry group(long index, byte[]... members) {
        return new LogEntry(1, index, EntryType.COMMAND, CommandCodec.encodeGroup(List.of(members)));
    }

    private static byte[] command(long client, long seq, Op op) {
        return CommandCodec.encode(new Command.Single(new Session(client, seq), op));
    }

    @Test
    @DisplayName("a group entry applies each command on its own: own session, own result, a failed condition stays local")
    void when_a_group_entry_is_applied_then_each_command_gets_its_own_result() {
        try (JeStorage s = JeStorage.open(dir, StorageConfig.forTests())) {
            appendCommitApply(s, List.of(withSession(1, 1, 1, Put.of(b("taken"), b("old")))));
            List<AppliedEntry> r = appendCommitApply(s, List.of(group(2,
                    command(2, 1, Put.of(b("a"), b("1"))),
                    command(3, 1, Put.ifAbsent(b("taken"), b("new"))),
                    new byte[] {1, 9, 9},
                    command(2, 2, Delete.of(b("x"))),
                    command(1, 1, Put.of(b("taken"), b("retry"))))));
            assertThat(r).extracting(AppliedEntry::index).containsOnly(2L);
            assertThat(r).extracting(AppliedEntry::position).containsExactly(0, 1, 2, 3, 4);
            assertThat(r.get(0).result().applied()).isTrue();
            assertThat(r.get(1).result().applied()).as("PutIfAbsent on an existing key fails alone").isFalse();
            assertThat(r.get(2).rejection()).startsWith("malformed command");
            assertThat(r.get(3).result().applied()).isTrue();
            assertThat(r.get(4).duplicate()).as("a retry inside a group is still recognised").isTrue();
            assertThat(s.get(b("a")).orElseThrow().modIndex()).isEqualTo(2);
            assertThat(s.get(b("taken")).orElseThrow().value()).isEqualTo(b("old"));
            // the sessions of group members are remembered like any other
            List<AppliedEntry> again = appendCommitApply(s, List.of(withSession(3, 2, 1, Put.of(b("a"), b("2")))));
            assertThat(again.get(0).duplicate()).isTrue();
        }
    }

    @Test
    void when_a_group_entry_does_not_decode_then_it_is_consumed_with_one_rejection() {
        try (JeStorage s = JeStorage.open(dir, StorageConfig.forTests())) {
            List<AppliedEntry> r = appendCommitApply(s, List.of(new LogEntry(1, 1, EntryType.COMMAND,
                    new byte[] {1, 3, 5, 0})));
            assertThat(r).hasSize(1);
            assertThat(r.get(0).rejection()).startsWith("malformed command group");
            assertThat(s.appliedIndex()).isEqualTo(1);
        }
    }

    @Test
    void when_a_result_is_too_large_for_the_head_then_it_is_kept_apart_and_still_answers_retries() {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ops.add(Put.of(b("big" + i), b("v")));
        }
        LogEntry batch = new LogEntry(1, 1, EntryType.COMMAND,
                CommandCodec.encode(new Command.Batch(new Session(11, 1), ops)));
        AppliedEntry first;
        try (JeStorage s = JeStorage.open(dir, StorageConfig.forTests())) {
            first = appendCommitApply(s, List.of(batch, withSession(2, 11, 2, Put.of(b("small"), b("v"))))).get(0);
            assertThat(CommandCodec.encodeResult(first.result()).length)
                    .isGreaterThan(SessionTable.INLINE_RESULT_BYTES);
        }
        try (JeStorage s = JeStorage.open(dir, StorageConfig.forTests())) {
            List<AppliedEntry> r = appendCommitApply(s, List.of(
                    new LogEntry(1, 3, EntryType.COMMAND, batch.payload()),
                    withSession(4, 11, 2, Put.of(b("small"), b("again")))));
            assertThat(r.get(0).duplicate()).isTrue();
            assertThat(r.get(0).result()).isEqualTo(first.result());
            assertThat(r.get(1).duplicate()).isTrue();
            assertThat(s.get(b("small")).orElseThrow().value()).isEqualTo(b("v"));
        }
    }
}
