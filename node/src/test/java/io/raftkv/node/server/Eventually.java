package io.raftkv.node.server;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition by polling with a deadline; tests never sleep a fixed time. */
final class Eventually {

    private Eventually() {
    }

    /** Polls {@code probe} until it returns non-null (exceptions count as "not yet"); fails after {@code limit}. */
    static <T> T await(Duration limit, String what, Callable<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                T v = probe.call();
                if (v != null) {
                    return v;
                }
            } catch (Exception | AssertionError e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out after " + limit + " waiting for " + what
                + (last == null ? "" : "; last error: " + last), last);
    }
}
