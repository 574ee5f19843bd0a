package io.raftkv.node.storage;

import static io.raftkv.node.storage.StorageFixtures.appendCommitApply;
import static io.raftkv.node.storage.StorageFixtures.b;
import static io.raftkv.node.storage.StorageFixtures.command;
import static io.raftkv.node.storage.StorageFixtures.noops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.command.Put;
import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import io.raftkv.node.raft.HardState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageSnapshotTest {

    @TempDir
    Path dir;

    private JeStorage open(String name) {
        return JeStorage.open(dir.resolve(name), StorageConfig.forTests().withCompactionChunk(7));
    }

    private static List<LogEntry> puts(long term, long from, long to) {
        List<LogEntry> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(command(term, i, Put.of(b("key-" + (i % 50)), b("value-" + i))));
        }
        return out;
    }

    @Test
    @DisplayName("§7 compaction drops the applied prefix in chunks and keeps the term of the last dropped entry")
    void when_compacted_then_the_prefix_is_gone_and_its_last_term_known() {
        try (JeStorage s = open("a")) {
            appendCommitApply(s, puts(2, 1, 40));
            s.append(noops(3, 41, 45));
            assertThatThrownBy(() -> s.compact(41)).isInstanceOf(IllegalArgumentException.class);
            s.compact(30);
            assertThat(s.firstIndex()).isEqualTo(31);
            assertThat(s.term(30)).isEqualTo(2);
            assertThatThrownBy(() -> s.term(29)).isInstanceOfSatisfying(LogIndexUnavailableException.class,
                    e -> assertThat(e.compacted()).isTrue());
            assertThat(s.entries(31, 46, Long.MAX_VALUE)).hasSize(15);
        }
        try (JeStorage s = open("a")) {
            assertThat(s.firstIndex()).isEqualTo(31);
            assertThat(s.term(30)).isEqualTo(2);
            assertThat(s.lastIndex()).isEqualTo(45);
        }
    }

    @Test
    @DisplayName("§7 a snapshot written while appends go on restores the same data, membership and applied index")
    void when_a_snapshot_is_written_during_appends_then_restore_reproduces_the_state() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<KeyValue> expected;
        try (JeStorage src = open("src")) {
            appendCommitApply(src, puts(1, 1, 300));
            appendCommitApply(src, List.of(new LogEntry(1, 301, EntryType.CONFIG, new byte[] {1, 2, 3})));
            expected = src.scan(ScanRequest.all().withLimit(10_000)).items();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch underWay = new CountDownLatch(10);
            CompletableFuture<Long> appender = CompletableFuture.supplyAsync(() -> {
                long next = 302;
                while (!stop.get() || next < 352) {
                    src.append(puts(1, next, next));
                    underWay.countDown();
                    next++;
                }
                return next - 1;
            });
            // snapshot once appends are under way; they continue while it is written
            assertThat(underWay.await(30, TimeUnit.SECONDS)).isTrue();
            SnapshotInfo info = src.writeSnapshot(out);
            stop.set(true);
            long last = appender.get();
            assertThat(info.index()).isEqualTo(301);
            assertThat(info.records()).isEqualTo(51);
            assertThat(info.bytes()).isEqualTo(out.size());
            assertThat(src.lastIndex()).isEqualTo(last);
        }
        try (JeStorage dst = open("dst")) {
            dst.append(noops(1, 1, 5));
            SnapshotInfo info = dst.restore(new ByteArrayInputStream(out.toByteArray()));
            assertThat(info.index()).isEqualTo(301);
            assertThat(dst.appliedIndex()).isEqualTo(301);
            assertThat(dst.firstIndex()).isEqualTo(302);
            assertThat(dst.lastIndex()).isEqualTo(301);
            assertThat(dst.term(301)).isEqualTo(1);
            assertThat(dst.hardState().commit()).isEqualTo(301);
            assertThat(dst.membership().orElseThrow().bytes()).containsExactly(1, 2, 3);
            assertThat(dst.scan(ScanRequest.all().withLimit(10_000)).items()).isEqualTo(expected);
            dst.append(noops(2, 302, 303));
        }
        try (JeStorage dst = open("dst")) {
            assertThat(dst.appliedIndex()).isEqualTo(301);
            assertThat(dst.lastIndex()).isEqualTo(303);
            assertThat(dst.get(b("key-7")).orElseThrow().modIndex()).isEqualTo(257);
        }
    }

    @Test
    @DisplayName("§7 restore keeps the log after the snapshot index when the entry there has the snapshot's term")
    void when_the_log_agrees_with_the_snapshot_then_its_suffix_is_kept() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JeStorage src = open("src")) {
            appendCommitApply(src, puts(1, 1, 10));
            src.writeSnapshot(out);
        }
        try (JeStorage dst = open("dst")) {
            dst.append(puts(1, 1, 14));
            dst.restore(new ByteArrayInputStream(out.toByteArray()));
            assertThat(dst.firstIndex()).isEqualTo(11);
            assertThat(dst.lastIndex()).isEqualTo(14);
            assertThat(dst.entries(11, 15, Long.MAX_VALUE)).extracting(LogEntry::index).containsExactly(11L, 12L, 13L, 14L);
            dst.saveHardState(new HardState(1, null, 14));
            assertThat(dst.apply(14)).hasSize(4);
        }
    }

    @Test
    @DisplayName("§7 a snapshot at the applied index keeps the acknowledged entries after it")
    void when_the_snapshot_is_at_the_applied_index_then_the_unstable_suffix_is_kept() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JeStorage src = open("src")) {
            appendCommitApply(src, puts(1, 1, 10));
            src.writeSnapshot(out);
        }
        try (JeStorage dst = open("dst")) {
            appendCommitApply(dst, puts(1, 1, 10));
            dst.append(puts(1, 11, 12));
            dst.restore(new ByteArrayInputStream(out.toByteArray()));
            assertThat(dst.firstIndex()).isEqualTo(11);
            assertThat(dst.lastIndex()).isEqualTo(12);
            assertThat(dst.term(10)).isEqualTo(1);
        }
    }

    @Test
    void when_a_snapshot_stream_is_damaged_then_restore_fails_and_nothing_changes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JeStorage src = open("src")) {
            appendCommitApply(src, puts(1, 1, 20));
            src.writeSnapshot(out);
        }
        byte[] good = out.toByteArray();
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        byte[] cut = Arrays.copyOf(good, good.length - 9);
        try (JeStorage dst = open("dst")) {
            appendCommitApply(dst, List.of(command(1, 1, Put.of(b("mine"), b("x")))));
            for (byte[] bad : new byte[][] {flipped, cut}) {
                assertThatThrownBy(() -> dst.restore(new ByteArrayInputStream(bad)))
                        .isInstanceOf(StorageException.class);
                assertThat(dst.get(b("mine"))).isPresent();
                assertThat(dst.appliedIndex()).isEqualTo(1);
                assertThat(dst.scan(ScanRequest.all()).items()).hasSize(1);
            }
        }
    }
}
