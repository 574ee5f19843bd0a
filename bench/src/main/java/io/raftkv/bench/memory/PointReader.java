package io.raftkv.bench.memory;

import io.raftkv.client.api.RaftKvClient;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Random point gets (the client's default, linearizable) of loaded keys: {@code lanes} chains of
 * asynchronous gets, each sending its next get when the previous answers, until {@link #stop}.
 * A get that finds no value, or another key's value, is a miss. Thread-safe.
 */
final class PointReader {

    private final RaftKvClient client;
    private final long keys;
    private final int lanes;
    /** Gets answered, misses included. */
    private final AtomicLong done = new AtomicLong();
    /** Gets that found nothing or a wrong value. */
    private final AtomicLong misses = new AtomicLong();
    /** Gets that failed with an exception. */
    private final AtomicLong errors = new AtomicLong();
    /** Lanes still running; 0 after stop once the last get has answered. */
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;

    /** @param keys gets pick among keys 0..keys-1, at least 1; @param lanes gets in flight, at least 1 */
    PointReader(RaftKvClient client, long keys, int lanes) {
        if (keys < 1 || lanes < 1) {
            throw new IllegalArgumentException("keys and lanes must be at least 1, were " + keys + " and " + lanes);
        }
        this.client = client;
        this.keys = keys;
        this.lanes = lanes;
    }

    /** Starts every lane. Once only; returns at once. */
    void start() {
        running.set(lanes);
        for (int i = 0; i < lanes; i++) {
            next();
        }
    }

    private void next() {
        if (stopping) {
            running.decrementAndGet();
            return;
        }
        long i = ThreadLocalRandom.current().nextLong(keys);
        client.getAsync(KeyLoader.key(i)).whenComplete((result, error) -> {
            if (error != null) {
                errors.incrementAndGet();
            } else if (result.value() == null || result.value().length < 8 || java.nio.ByteBuffer.wrap(result.value())
                    .getLong() != i) {
                misses.incrementAndGet();
            }
            done.incrementAndGet();
            next();
        });
    }

    /** Stops the lanes and waits (up to 30 s) for the gets in flight. Blocking. */
    void stop() throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (running.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    long done() {
        return done.get();
    }

    long misses() {
        return misses.get();
    }

    long errors() {
        return errors.get();
    }
}
