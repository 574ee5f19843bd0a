package io.raftkv.testkit;

import java.time.Duration;

/**
 * Waits until started nodes are ready, by polling a probe the caller gives (a status call through
 * its own client: the kit does not depend on one) and checking before every poll that the
 * processes still run, so a node that died at start fails the wait at once instead of at the
 * deadline.
 */
public final class Readiness {

    private Readiness() {
    }

    /** One readiness question, e.g. "does some node say it leads?". */
    @FunctionalInterface
    public interface Probe {

        /**
         * Whether the nodes are ready. Called on the waiting thread; may block up to its client's
         * timeout.
         *
         * @throws RuntimeException when the nodes cannot answer yet; remembered as the last failure
         * @throws InterruptedException if interrupted while asking; ends the wait
         */
        boolean ready() throws InterruptedException;
    }

    /**
     * Polls {@code probe} every {@code every} until it says ready. Blocks the calling thread.
     *
     * @param limit   how long to wait in all
     * @param every   the pause between polls
     * @param alive   run before every poll; throws (its own exception, e.g. with a node's log tail)
     *                when a process has exited
     * @throws NotReadyException if {@code limit} passes first, with the probe's last failure
     */
    public static void await(Duration limit, Duration every, Runnable alive, Probe probe) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            alive.run();
            try {
                if (probe.ready()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e.toString();
            }
            Thread.sleep(every.toMillis());
        }
        throw new NotReadyException(limit, last);
    }

    /** The nodes were not ready in time; {@link #lastFailure()} says what the probe last saw. */
    public static final class NotReadyException extends RuntimeException {

        /** The probe's last exception as text, or {@code no answer yet}. */
        private final String lastFailure;

        NotReadyException(Duration limit, String lastFailure) {
            super("not ready within " + limit.toSeconds() + " s (last: " + lastFailure + ")");
            this.lastFailure = lastFailure;
        }

        /** The probe's last exception as text, or {@code no answer yet} if it only said not ready. */
        public String lastFailure() {
            return lastFailure;
        }
    }
}
