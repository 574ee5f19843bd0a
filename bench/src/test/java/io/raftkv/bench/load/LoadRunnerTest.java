package io.raftkv.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The runner against a plain sorted map: a real, if trivial, store, so counts and keys can be
 * checked exactly.
 */
class LoadRunnerTest {

    /** A KvTarget over a ConcurrentSkipListMap with unsigned byte order, like the real stores. */
    static final class MapTarget implements KvTarget {
        final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
        final AtomicInteger inserts = new AtomicInteger();
        final AtomicInteger openSessions = new AtomicInteger();
        /** Runs the asynchronous forms; null: the sessions have none. */
        final ExecutorService io;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        MapTarget() {
            this(null);
        }

        MapTarget(ExecutorService io) {
            this.io = io;
        }

        /** Runs {@code op} on {@link #io}, counting the operations outstanding. */
        <T> CompletionStage<T> later(Supplier<T> op) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return op.get();
                } finally {
                    inFlight.decrementAndGet();
                }
            }, io);
        }

        @Override
        public String name() {
            return "map";
        }

        @Override
        public KvSession openSession(int clientIndex) {
            openSessions.incrementAndGet();
            KvSession blocking = new KvSession() {
                @Override
                public void put(byte[] key, byte[] value) {
                    map.put(key, value);
                }

                @Override
                public void insert(byte[] key, byte[] value) {
                    if (map.putIfAbsent(key, value) != null) {
                        throw new IllegalStateException("duplicate key " + new String(key, StandardCharsets.US_ASCII));
                    }
                    inserts.incrementAndGet();
                }

                @Override
                public void get(byte[] key, boolean linearizable) {
                    if (!map.containsKey(key)) {
                        throw new IllegalStateException("absent");
                    }
                }

                @Override
                public int scan(byte[] from, int limit) {
                    return (int) map.tailMap(from, true).keySet().stream().limit(limit).count();
                }

                @Override
                public void close() {
                    openSessions.decrementAndGet();
                }
            };
            return io == null ? blocking : new AsyncSession(blocking, this);
        }

        @Override
        public void close() {
        }
    }

    /** A session whose asynchronous forms run the blocking ones on the target's executor. */
    private record AsyncSession(KvSession blocking, MapTarget target) implements KvSession {
        @Override
        public void put(byte[] key, byte[] value) throws Exception {
            blocking.put(key, value);
        }

        @Override
        public void get(byte[] key, boolean linearizable) throws Exception {
            blocking.get(key, linearizable);
        }

        @Override
        public int scan(byte[] from, int limit) throws Exception {
            return blocking.scan(from, limit);
        }

        @Override
        public void close() throws Exception {
            blocking.close();
        }

        @Override
        public Async async() {
            return new Async() {
                @Override
                public CompletionStage<?> insert(byte[] key, byte[] value) {
                    return target.later(() -> {
                        try {
                            blocking.insert(key, value);
                        } catch (Exception e) {
                            throw new CompletionException(e);
                        }
                        return null;
                    });
                }

                @Override
                public CompletionStage<?> put(byte[] key, byte[] value) {
                    return target.later(() -> target.map.put(key, value));
                }

                @Override
                public CompletionStage<?> get(byte[] key, boolean linearizable) {
                    // fails on the calling thread, before anything is queued: the runner must not recurse deeply
                    return target.map.containsKey(key) ? target.later(() -> key)
                            : CompletableFuture.failedFuture(new IllegalStateException("absent"));
                }

                @Override
                public CompletionStage<Integer> scan(byte[] from, int limit) {
                    return target.later(() -> (int) target.map.tailMap(from, true).keySet().stream().limit(limit)
                            .count());
                }
            };
        }
    }

    private static LoadOptions options(Workload w, int clients, long preload) {
        return new LoadOptions(w, clients, Duration.ofMillis(100), Duration.ofMillis(400), 0, new KeySpace(16, 32),
                preload, 10);
    }

    private final ByteArrayOutputStream progressBytes = new ByteArrayOutputStream();
    private final PrintStream progress = new PrintStream(progressBytes, true, StandardCharsets.UTF_8);

    @Test
    void when_clients_put_then_every_key_is_new_and_every_success_is_counted_once() throws Exception {
        MapTarget target = new MapTarget();
        PointResult r = new LoadRunner(target, progress, 100).run(options(Workload.PUT, 3, 1), PhaseListener.NONE);
        assertThat(r.errors()).isZero();
        assertThat(r.ops()).isPositive().isEqualTo(r.latencyMicros().getTotalCount());
        // Operations completing in warm-up or after the window are done but not counted.
        assertThat((long) target.inserts.get()).isGreaterThanOrEqualTo(r.ops());
        assertThat(target.map.firstKey()).isEqualTo(new KeySpace(16, 32).key(100));
        assertThat(target.openSessions.get()).isZero();
        assertThat(progressBytes.toString(StandardCharsets.UTF_8)).contains("[map put c=3]");
    }

    @Test
    void when_reads_find_no_preloaded_keys_then_they_are_errors_with_the_first_reason() throws Exception {
        PointResult r = new LoadRunner(new MapTarget(), progress, 100).run(options(Workload.GET, 2, 50),
                PhaseListener.NONE);
        assertThat(r.ops()).isZero();
        assertThat(r.errors()).isPositive();
        assertThat(r.firstError()).contains("absent");
    }

    @Test
    void after_preload_reads_scans_and_the_mix_succeed_and_the_listener_brackets_the_window() throws Exception {
        MapTarget target = new MapTarget();
        LoadRunner runner = new LoadRunner(target, progress, 1000);
        runner.preload(options(Workload.GET, 1, 1000));
        assertThat(target.map).hasSize(1000);
        for (Workload w : new Workload[] {Workload.GET, Workload.STALE_GET, Workload.MIX, Workload.SCAN}) {
            StringBuilder events = new StringBuilder();
            PointResult r = runner.run(options(w, 2, 1000), new PhaseListener() {
                @Override
                public void measureStarted() {
                    events.append("start ");
                }

                @Override
                public void measureEnded() {
                    events.append("end");
                }
            });
            assertThat(r.errors()).as(w.cliName()).isZero();
            assertThat(r.ops()).as(w.cliName()).isPositive();
            assertThat(events).hasToString("start end");
        }
        assertThat(target.map).hasSize(1000);
    }

    @Test
    void at_a_fixed_rate_the_count_follows_the_rate_not_the_store_speed() throws Exception {
        LoadOptions o = new LoadOptions(Workload.PUT, 2, Duration.ofMillis(100), Duration.ofSeconds(1), 200,
                new KeySpace(16, 32), 1, 10);
        PointResult r = new LoadRunner(new MapTarget(), progress, 0).run(o, PhaseListener.NONE);
        assertThat(r.ops()).isBetween(150L, 250L);
    }

    @Test
    void with_the_async_driver_each_client_has_one_operation_outstanding_and_every_key_is_new() throws Exception {
        ExecutorService io = Executors.newFixedThreadPool(2);
        try {
            MapTarget target = new MapTarget(io);
            PointResult r = new LoadRunner(target, progress, 100, LoadRunner.Driver.ASYNC)
                    .run(options(Workload.PUT, 5, 1), PhaseListener.NONE);
            assertThat(r.errors()).isZero();
            assertThat(r.ops()).isPositive().isEqualTo(r.latencyMicros().getTotalCount());
            assertThat((long) target.inserts.get()).isGreaterThanOrEqualTo(r.ops());
            assertThat(target.maxInFlight.get()).as("closed loop: at most one per client").isBetween(1, 5);
            assertThat(target.inFlight.get()).as("all finished when the point returns").isZero();
            assertThat(target.openSessions.get()).isZero();
        } finally {
            io.shutdownNow();
        }
    }

    @Test
    void with_the_async_driver_reads_scans_and_the_mix_succeed_after_preload() throws Exception {
        ExecutorService io = Executors.newFixedThreadPool(2);
        try {
            MapTarget target = new MapTarget(io);
            LoadRunner runner = new LoadRunner(target, progress, 1000, LoadRunner.Driver.ASYNC);
            runner.preload(options(Workload.GET, 1, 1000));
            for (Workload w : new Workload[] {Workload.GET, Workload.STALE_GET, Workload.MIX, Workload.SCAN}) {
                PointResult r = runner.run(options(w, 3, 1000), PhaseListener.NONE);
                assertThat(r.errors()).as(w.cliName()).isZero();
                assertThat(r.ops()).as(w.cliName()).isPositive();
            }
        } finally {
            io.shutdownNow();
        }
    }

    @Test
    void with_the_async_driver_operations_failing_at_once_are_counted_without_overflowing_the_stack()
            throws Exception {
        ExecutorService io = Executors.newFixedThreadPool(1);
        try {
            PointResult r = new LoadRunner(new MapTarget(io), progress, 100, LoadRunner.Driver.ASYNC)
                    .run(options(Workload.GET, 2, 50), PhaseListener.NONE);
            assertThat(r.ops()).isZero();
            assertThat(r.errors()).isGreaterThan(1000);
            assertThat(r.firstError()).contains("absent");
        } finally {
            io.shutdownNow();
        }
    }

    @Test
    void a_driver_is_named_threads_or_async_and_anything_else_is_refused() {
        assertThat(LoadRunner.Driver.parse("ASYNC")).isEqualTo(LoadRunner.Driver.ASYNC);
        assertThat(LoadRunner.Driver.parse("threads")).isEqualTo(LoadRunner.Driver.THREADS);
        assertThatThrownBy(() -> LoadRunner.Driver.parse("fibers")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use threads or async");
    }
}
