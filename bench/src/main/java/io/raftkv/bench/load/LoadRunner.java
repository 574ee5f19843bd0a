package io.raftkv.bench.load;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Runs benchmark points against one {@link KvTarget}: a warm-up, then a measured window;
 * operations that complete inside the window are counted. Each client has one operation
 * outstanding at a time; it is either a thread making blocking calls or, with
 * {@link Driver#ASYNC} and a target that has an asynchronous API, a chain of callbacks.
 * Prints a progress line every second. Not thread-safe: run one point at a time.
 */
public final class LoadRunner {

    /** How clients are driven. */
    public enum Driver {
        /** One thread per client making blocking calls (an application thread per client). */
        THREADS,
        /**
         * Closed-loop points on targets with {@link KvSession#async()}: each client issues its next
         * operation from the completion of the last, on the target's I/O threads, so the load
         * generator costs no thread wake-up per operation (as etcd's own benchmark tool, whose
         * clients are goroutines). Fixed-rate points and targets without one use threads.
         */
        ASYNC;

        /**
         * The driver named {@code text} ({@code threads} or {@code async}, any case).
         *
         * @throws IllegalArgumentException naming the accepted values otherwise
         */
        public static Driver parse(String text) {
            for (Driver d : values()) {
                if (d.name().equalsIgnoreCase(text)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown driver '" + text + "'; use threads or async");
        }
    }

    /** Threads used to write the preloaded keys. */
    static final int PRELOAD_CLIENTS = 8;
    /** Keys per {@link KvSession#putAll} call while preloading; etcd allows 128 ops per transaction. */
    public static final int PRELOAD_BATCH = 100;
    /** Tries per preload batch before the preload fails. */
    static final int PRELOAD_ATTEMPTS = 5;
    /** How long client threads get to finish their last operation after the window closes. */
    private static final long STOP_GRACE_NANOS = 15_000_000_000L;

    private final KvTarget target;
    private final PrintStream progress;
    private final Driver driver;
    /** Next key number a PUT writes; starts past the preloaded keys so put keys are unique. */
    private final AtomicLong nextUniqueKey;

    /**
     * @param target          what to run against; the runner does not close it
     * @param progress        where progress lines go (usually System.err)
     * @param firstUniqueKey  key number of the first PUT, past any preloaded key
     */
    public LoadRunner(KvTarget target, PrintStream progress, long firstUniqueKey) {
        this(target, progress, firstUniqueKey, Driver.THREADS);
    }

    /**
     * @param target          what to run against; the runner does not close it
     * @param progress        where progress lines go (usually System.err)
     * @param firstUniqueKey  key number of the first PUT, past any preloaded key
     * @param driver          how clients are driven
     */
    public LoadRunner(KvTarget target, PrintStream progress, long firstUniqueKey, Driver driver) {
        this.target = target;
        this.progress = progress;
        this.driver = driver;
        this.nextUniqueKey = new AtomicLong(firstUniqueKey);
    }

    /**
     * Writes keys {@code 0 .. options.preloadKeys()-1} with up to {@link #PRELOAD_CLIENTS} sessions,
     * {@link #PRELOAD_BATCH} keys per {@link KvSession#putAll} call.
     * Blocking.
     *
     * @throws BenchmarkException if any write fails, naming the key
     */
    public void preload(LoadOptions options) throws Exception {
        KeySpace keys = options.keys();
        long total = options.preloadKeys();
        AtomicLong next = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        List<KvSession> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < (int) Math.min(PRELOAD_CLIENTS, (total + PRELOAD_BATCH - 1) / PRELOAD_BATCH); i++) {
                KvSession session = target.openSession(i);
                sessions.add(session);
                Thread t = new Thread(() -> {
                    long first;
                    while (failure.get() == null && (first = next.getAndAdd(PRELOAD_BATCH)) < total) {
                        long end = Math.min(total, first + PRELOAD_BATCH);
                        List<byte[]> batchKeys = new ArrayList<>();
                        List<byte[]> batchValues = new ArrayList<>();
                        for (long n = first; n < end; n++) {
                            batchKeys.add(keys.key(n));
                            batchValues.add(keys.value(n));
                        }
                        // Overwriting with the same values is idempotent, so a failed batch is simply retried.
                        for (int attempt = 1; ; attempt++) {
                            try {
                                session.putAll(batchKeys, batchValues);
                                break;
                            } catch (Exception e) {
                                if (attempt == PRELOAD_ATTEMPTS) {
                                    failure.compareAndSet(null, new BenchmarkException(target.name() + ": preloading keys "
                                            + keys.keyText(first) + ".." + keys.keyText(end - 1) + " failed "
                                            + attempt + " times, last: " + e, e));
                                    break;
                                }
                                progress.println(target.name() + ": preload batch failed, retrying: " + e);
                            }
                        }
                    }
                }, "preload-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            long started = System.nanoTime();
            for (Thread t : threads) {
                while (t.isAlive()) {
                    t.join(1000);
                    progress.printf(Locale.ROOT, "[%s preload] %,d/%,d keys, %.0f s%n", target.name(),
                            Math.min(next.get(), total), total, (System.nanoTime() - started) / 1e9);
                }
            }
        } finally {
            closeAll(sessions);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** At most this many clients in {@link #warmUpJit}. */
    public static final int JIT_WARMUP_MAX_CLIENTS = 64;

    /**
     * Runs each of {@code workloads} in turn (last first), an equal share of {@code duration} each, with
     * {@code clients} clients (at most {@link #JIT_WARMUP_MAX_CLIENTS}), and discards the results,
     * so the JIT has compiled the paths the measured points take, in client and servers, before
     * anything is measured (a warm-up on other operations leaves the compiler busy, and
     * deoptimizing, in the first measured seconds). Needs the key space preloaded. Blocking.
     */
    public void warmUpJit(LoadOptions template, List<Workload> workloads, int clients, Duration duration)
            throws Exception {
        int c = Math.max(1, Math.min(JIT_WARMUP_MAX_CLIENTS, clients));
        Duration each = duration.dividedBy(Math.max(1, workloads.size()));
        // the first measured workload is warmed last, so nothing else runs between its warm-up and it
        for (int i = workloads.size() - 1; i >= 0; i--) {
            Workload w = workloads.get(i);
            progress.printf(Locale.ROOT, "[%s] JIT warm-up: %s, %d clients, %d s (not measured)%n", target.name(),
                    w, c, each.toSeconds());
            run(template.withWorkload(w).withClients(c).withTimes(Duration.ZERO, each), PhaseListener.NONE);
        }
    }

    /**
     * Runs one point: opens {@code options.clients()} sessions, runs the warm-up and the measured
     * window, closes the sessions. Blocking for about warm-up + duration.
     *
     * @param listener told when the window opens and closes
     * @return what was measured; failures of single operations are counted, not thrown
     * @throws Exception if a session cannot be opened
     */
    public PointResult run(LoadOptions options, PhaseListener listener) throws Exception {
        int clients = options.clients();
        List<KvSession> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                sessions.add(target.openSession(i));
            }
            return runOpen(options, listener, sessions);
        } finally {
            closeAll(sessions);
        }
    }

    private PointResult runOpen(LoadOptions options, PhaseListener listener, List<KvSession> sessions)
            throws InterruptedException {
        int clients = options.clients();
        long start = System.nanoTime() + 50_000_000L;
        long measureStart = start + options.warmup().toNanos();
        long measureEnd = measureStart + options.duration().toNanos();
        Window window = new Window(measureStart, measureEnd);
        List<ClientLoop> loops = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        boolean async = driver == Driver.ASYNC && options.closedLoop() && sessions.get(0).async() != null;
        CountDownLatch asyncIdle = new CountDownLatch(async ? clients : 0);
        for (int i = 0; i < clients; i++) {
            ClientLoop loop = new ClientLoop(i, sessions.get(i), options, window, start, nextUniqueKey);
            loops.add(loop);
            if (!async) {
                Thread t = new Thread(loop, target.name() + "-client-" + i);
                t.setDaemon(true);
                threads.add(t);
            }
        }
        threads.forEach(Thread::start);
        if (async) {
            loops.forEach(loop -> loop.startAsync(asyncIdle));
        }
        String label = String.format(Locale.ROOT, "[%s %s c=%d%s]", target.name(), options.workload().cliName(),
                clients, options.closedLoop() ? "" : String.format(Locale.ROOT, " rate=%.0f", options.rate()));
        while (System.nanoTime() < measureStart) {
            long left = measureStart - System.nanoTime();
            LockSupport.parkNanos(Math.min(left, 1_000_000_000L));
            if (System.nanoTime() < measureStart) {
                progress.printf(Locale.ROOT, "%s warm-up, %.0f s left, %,d ops%n", label,
                        (measureStart - System.nanoTime()) / 1e9, window.warmupOps.sum());
            }
        }
        long cpuStart = processCpuNanos();
        listener.measureStarted();
        long lastOps = 0;
        long lastTime = System.nanoTime();
        // At least one line per point, even when this thread is starved past the window's end.
        long now;
        do {
            LockSupport.parkNanos(Math.max(0, Math.min(measureEnd - System.nanoTime(), 1_000_000_000L)));
            now = System.nanoTime();
            long ops = window.ops.sum();
            progress.printf(Locale.ROOT, "%s %.0f/%.0f s, %,d ops, %,.0f ops/s now, %,d errors%n", label,
                    Math.min(now - measureStart, measureEnd - measureStart) / 1e9,
                    (measureEnd - measureStart) / 1e9, ops, (ops - lastOps) * 1e9 / Math.max(1, now - lastTime),
                    window.errors.sum());
            lastOps = ops;
            lastTime = now;
        } while (now < measureEnd);
        listener.measureEnded();
        long cpuEnd = processCpuNanos();
        window.stopped = true;
        long deadline = System.nanoTime() + STOP_GRACE_NANOS;
        asyncIdle.await(STOP_GRACE_NANOS, TimeUnit.NANOSECONDS);
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, left / 1_000_000));
            }
            t.interrupt();
        }
        Histogram merged = new Histogram(3);
        for (ClientLoop loop : loops) {
            synchronized (loop) {
                merged.add(loop.histogram);
            }
        }
        long cpu = cpuStart < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpuStart;
        return new PointResult(target.name(), options.workload(), clients, options.rate(), measureEnd - measureStart,
                window.ops.sum(), window.errors.sum(), merged, cpu, -1, window.firstError.get() == null ? ""
                        : window.firstError.get());
    }

    /** CPU time of this JVM so far, or -1 where the platform does not say. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static void closeAll(List<KvSession> sessions) {
        for (KvSession s : sessions) {
            try {
                s.close();
            } catch (Exception e) {
                throw new BenchmarkException("closing a benchmark session failed: " + e, e);
            }
        }
    }

    /** The measured window and what the clients counted in it; shared by all client threads. */
    static final class Window {
        final long start;
        final long end;
        final LongAdder ops = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder warmupOps = new LongAdder();
        final AtomicReference<String> firstError = new AtomicReference<>();
        volatile boolean stopped;

        Window(long start, long end) {
            this.start = start;
            this.end = end;
        }
    }

    /** One client: issues operations back to back (closed loop) or on its own schedule (fixed rate). */
    static final class ClientLoop implements Runnable {
        private final int index;
        private final KvSession session;
        private final LoadOptions options;
        private final Window window;
        private final long start;
        private final AtomicLong nextUniqueKey;
        /** Latencies of successful operations completed inside the window; guarded by this. */
        final Histogram histogram = new Histogram(3);

        ClientLoop(int index, KvSession session, LoadOptions options, Window window, long start,
                AtomicLong nextUniqueKey) {
            this.index = index;
            this.session = session;
            this.options = options;
            this.window = window;
            this.start = start;
            this.nextUniqueKey = nextUniqueKey;
        }

        @Override
        public void run() {
            long interval = options.closedLoop() ? 0 : (long) (1e9 * options.clients() / options.rate());
            long intended = start + (interval == 0 ? 0 : interval * index / options.clients());
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!window.stopped && !Thread.currentThread().isInterrupted()) {
                long begin;
                if (interval > 0) {
                    long wait = intended - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                        continue;
                    }
                    begin = intended;
                    intended += interval;
                } else {
                    begin = System.nanoTime();
                }
                String error = null;
                try {
                    execute(random);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    error = e.toString();
                }
                record(begin, error);
            }
        }

        /** Counts one finished operation that began at {@code begin}; error null if it succeeded. */
        private void record(long begin, String error) {
            long end = System.nanoTime();
            if (end < window.start) {
                window.warmupOps.increment();
            } else if (end <= window.end) {
                if (error == null) {
                    synchronized (this) {
                        histogram.recordValue(Math.max(1, (end - begin) / 1000));
                    }
                    window.ops.increment();
                } else {
                    window.errors.increment();
                    window.firstError.compareAndSet(null, error);
                }
            }
        }

        /**
         * The {@link Driver#ASYNC} client: issues an operation, and from its completion the next,
         * until the window stops; then counts {@code idle} down. Closed loop only.
         */
        void startAsync(CountDownLatch idle) {
            issue(session.async(), idle, 0);
        }

        private void issue(KvSession.Async async, CountDownLatch idle, int depth) {
            if (window.stopped) {
                idle.countDown();
                return;
            }
            long begin = System.nanoTime();
            CompletionStage<?> op;
            try {
                op = start(async, ThreadLocalRandom.current());
            } catch (RuntimeException e) {
                op = CompletableFuture.failedFuture(e);
            }
            Thread issuer = Thread.currentThread();
            op.whenComplete((r, e) -> {
                record(begin, e == null ? null : unwrap(e).toString());
                boolean inline = Thread.currentThread() == issuer;
                if (inline && depth >= 64) {
                    // completed on the issuing stack again and again (e.g. failing at once): unwind it
                    ForkJoinPool.commonPool().execute(() -> issue(async, idle, 0));
                } else {
                    issue(async, idle, inline ? depth + 1 : 0);
                }
            });
        }

        private static Throwable unwrap(Throwable e) {
            return (e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null
                    ? e.getCause() : e;
        }

        /** What one operation does: the workload's choice, made once for either driver. */
        private enum Kind { INSERT, PUT, GET, SCAN }

        private record Step(Kind kind, byte[] key, byte[] value, boolean linearizable) {
        }

        /** The next operation of this client's workload. */
        private Step next(ThreadLocalRandom random) {
            KeySpace keys = options.keys();
            return switch (options.workload()) {
                case PUT -> {
                    long n = nextUniqueKey.getAndIncrement();
                    yield new Step(Kind.INSERT, keys.key(n), keys.value(n), true);
                }
                case GET -> new Step(Kind.GET, keys.key(random.nextLong(options.preloadKeys())), null, true);
                case STALE_GET -> new Step(Kind.GET, keys.key(random.nextLong(options.preloadKeys())), null, false);
                case MIX -> {
                    long n = random.nextLong(options.preloadKeys());
                    yield random.nextInt(10) == 0 ? new Step(Kind.PUT, keys.key(n), keys.value(random.nextLong()), true)
                            : new Step(Kind.GET, keys.key(n), null, true);
                }
                case SCAN -> {
                    long last = Math.max(1, options.preloadKeys() - options.scanLength());
                    yield new Step(Kind.SCAN, keys.key(random.nextLong(last)), null, true);
                }
            };
        }

        private void execute(ThreadLocalRandom random) throws Exception {
            Step step = next(random);
            switch (step.kind()) {
                case INSERT -> session.insert(step.key(), step.value());
                case PUT -> session.put(step.key(), step.value());
                case GET -> session.get(step.key(), step.linearizable());
                case SCAN -> checkScan(session.scan(step.key(), options.scanLength()));
            }
        }

        /** The asynchronous form of {@link #execute}: the same step, started without blocking. */
        private CompletionStage<?> start(KvSession.Async async, ThreadLocalRandom random) {
            Step step = next(random);
            return switch (step.kind()) {
                case INSERT -> async.insert(step.key(), step.value());
                case PUT -> async.put(step.key(), step.value());
                case GET -> async.get(step.key(), step.linearizable());
                case SCAN -> async.scan(step.key(), options.scanLength()).thenApply(this::checkScan);
            };
        }

        /** A scan must return every key it asked for: the range starts low enough to hold them. */
        private int checkScan(int read) {
            long expected = Math.min(options.scanLength(), options.preloadKeys());
            if (read < expected) {
                throw new BenchmarkException("scan returned " + read + " entries, expected " + expected);
            }
            return read;
        }
    }
}
