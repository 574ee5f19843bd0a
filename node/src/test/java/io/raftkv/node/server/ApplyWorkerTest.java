package io.raftkv.node.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.command.Put;
import io.raftkv.client.command.Session;
import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import io.raftkv.node.raft.HardState;
import io.raftkv.node.storage.JeStorage;
import io.raftkv.node.storage.StorageConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The apply thread with a real JE environment: batching of queued applies. */
class ApplyWorkerTest {

    @TempDir
    Path dir;

    private JeStorage storage;
    private ApplyWorker worker;
    private final List<Throwable> fatal = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        storage = JeStorage.open(dir, StorageConfig.forTests());
        worker = new ApplyWorker("n1", storage, new PendingWrites(), new MemberDirectory(Map.of()), () -> { },
                fatal::add);
        worker.start();
    }

    @AfterEach
    void stop() {
        worker.stop(5_000);
        storage.close();
    }

    @Test
    void when_batches_queue_behind_a_busy_apply_thread_then_the_first_task_applies_them_all() throws Exception {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            entries.add(put(i, "k" + i, "v" + i));
        }
        storage.saveHardStateAndAppend(new HardState(1, null, 4), entries);
        CountDownLatch release = new CountDownLatch(1);
        worker.execute(() -> await(release));
        worker.apply(entries.subList(0, 2));
        AtomicLong appliedWhenServed = new AtomicLong();
        CountDownLatch served = new CountDownLatch(1);
        worker.whenApplied(2, () -> {
            appliedWhenServed.set(storage.appliedIndex());
            served.countDown();
        });
        worker.apply(entries.subList(2, 4));
        release.countDown();

        assertThat(served.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(appliedWhenServed.get()).as("the batch queued later went into the first transaction").isEqualTo(4);
        for (int i = 1; i <= 4; i++) {
            assertThat(new String(storage.get(bytes("k" + i)).orElseThrow().value(), StandardCharsets.UTF_8))
                    .isEqualTo("v" + i);
        }
        assertThat(fatal).isEmpty();
    }

    private static LogEntry put(long index, String key, String value) {
        byte[] payload = CommandCodec.encode(new Command.Single(Session.NONE, Put.of(bytes(key), bytes(value))));
        return new LogEntry(1, index, EntryType.COMMAND, payload);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void await(CountDownLatch latch) {
        await(latch, 10_000);
    }

    private static void await(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
