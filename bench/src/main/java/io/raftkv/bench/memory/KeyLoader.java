package io.raftkv.bench.memory;

import io.raftkv.bench.load.BenchmarkException;
import io.raftkv.client.api.RaftKvClient;
import io.raftkv.client.command.Op;
import io.raftkv.client.command.Put;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads keys {@code 0..keys-1} as unique 16-byte keys with fixed-size values through the Java
 * client, {@code batch} puts per Batch command and up to {@code inFlight} commands in flight.
 * A failed command is resent (puts are idempotent) up to {@link #MAX_TRIES} times. One loading
 * thread, started by {@link #start}; {@link #loaded} may be read from any thread.
 */
final class KeyLoader {

    /** Key length: every key is {@code k} and 15 decimal digits. */
    static final int KEY_BYTES = 16;
    /** Tries per batch before the load fails. */
    static final int MAX_TRIES = 5;

    private final RaftKvClient client;
    private final long keys;
    private final int batch;
    private final int valueBytes;
    private final Semaphore inFlight;
    private final int permits;
    /** Keys acknowledged so far; only grows. */
    private final AtomicLong loaded = new AtomicLong();
    /** Commands resent after a failure. */
    private final AtomicLong retries = new AtomicLong();
    /** The first batch that failed MAX_TRIES times; once set, loading stops. */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Set by {@link #stop}: no new batch is sent. */
    private volatile boolean stopping;
    private Thread thread;
    /** Key and value bytes between two calls of {@link #pause}; 0 for none. */
    private long pauseEveryBytes;
    private Pause pause;

    /** Work done while no batch is in flight, such as taking a snapshot. */
    @FunctionalInterface
    interface Pause {
        /** Runs on the loading thread; a thrown exception ends the load as failed. */
        void run(long keysLoaded) throws InterruptedException;
    }

    KeyLoader(RaftKvClient client, long keys, int batch, int inFlight, int valueBytes) {
        if (keys < 1 || keys > 999_999_999_999_999L || batch < 1 || inFlight < 1 || valueBytes < 8) {
            throw new IllegalArgumentException("need keys in 1..10^15-1, batch >= 1, inFlight >= 1, valueBytes >= 8;"
                    + " were " + keys + ", " + batch + ", " + inFlight + ", " + valueBytes);
        }
        this.client = client;
        this.keys = keys;
        this.batch = batch;
        this.valueBytes = valueBytes;
        this.permits = inFlight;
        this.inFlight = new Semaphore(inFlight);
    }

    /** The key of index {@code i}: {@code k} and {@code i} in 15 zero-padded digits, 16 ASCII bytes. */
    static byte[] key(long i) {
        return String.format("k%015d", i).getBytes(StandardCharsets.US_ASCII);
    }

    /** The value of index {@code i}: {@code i} big-endian in the first 8 bytes, then a fixed filler. */
    static byte[] value(long i, int valueBytes) {
        ByteBuffer b = ByteBuffer.allocate(valueBytes);
        b.putLong(i);
        while (b.hasRemaining()) {
            b.put((byte) ('a' + b.position() % 26));
        }
        return b.array();
    }

    /**
     * Runs {@code action} each time another {@code everyBytes} of keys and values were sent, after
     * every batch in flight has been acknowledged; loading resumes when it returns. Call before
     * {@link #start}.
     */
    void pauseEvery(long everyBytes, Pause action) {
        if (everyBytes < 1) {
            throw new IllegalArgumentException("everyBytes must be at least 1, was " + everyBytes);
        }
        this.pauseEveryBytes = everyBytes;
        this.pause = action;
    }

    /** Starts the loading thread. Once only. */
    void start() {
        thread = new Thread(this::run, "memory-bench-loader");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long sincePause = 0;
        try {
            for (long first = 0; first < keys && !stopping && failure.get() == null; first += batch) {
                if (pause != null && sincePause >= pauseEveryBytes) {
                    inFlight.acquire(permits);
                    try {
                        if (failure.get() == null) {
                            pause.run(loaded.get());
                        }
                    } finally {
                        inFlight.release(permits);
                    }
                    sincePause = 0;
                }
                inFlight.acquire();
                List<Op> ops = new ArrayList<>(batch);
                long end = Math.min(keys, first + batch);
                for (long i = first; i < end; i++) {
                    ops.add(Put.of(key(i), value(i, valueBytes)));
                }
                send(ops, 1);
                sincePause += (end - first) * (KEY_BYTES + valueBytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private void send(List<Op> ops, int attempt) {
        CompletableFuture<?> write;
        try {
            write = client.writeAsync(ops);
        } catch (RuntimeException e) {
            write = CompletableFuture.failedFuture(e);
        }
        write.whenComplete((result, error) -> {
            if (error == null) {
                loaded.addAndGet(ops.size());
                inFlight.release();
            } else if (attempt < MAX_TRIES && !stopping) {
                retries.incrementAndGet();
                send(ops, attempt + 1);
            } else {
                failure.compareAndSet(null, error);
                inFlight.release();
            }
        });
    }

    /** Keys acknowledged so far. Any thread. */
    long loaded() {
        return loaded.get();
    }

    /** Commands resent after a failed try. Any thread. */
    long retries() {
        return retries.get();
    }

    /** Whether every key is acknowledged, or loading failed or was stopped and nothing is in flight. */
    boolean finished() {
        return loaded.get() >= keys || ((failure.get() != null || stopping) && !thread.isAlive()
                && inFlight.availablePermits() == permits);
    }

    /** Sends no further batch; those in flight complete. Any thread. */
    void stop() {
        stopping = true;
    }

    /**
     * Throws if a batch failed {@link #MAX_TRIES} times.
     *
     * @throws BenchmarkException naming the failure, with the number of keys loaded before it
     */
    void checkFailure() {
        Throwable t = failure.get();
        if (t != null) {
            throw new BenchmarkException("loading failed after " + loaded.get() + " keys: " + t, t);
        }
    }
}
