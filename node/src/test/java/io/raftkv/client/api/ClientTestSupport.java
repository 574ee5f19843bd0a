package io.raftkv.client.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Helpers shared by the client tests: config, bytes, and waiting for a condition (never a fixed sleep). */
final class ClientTestSupport {

    private ClientTestSupport() {
    }

    static ClientConfig.Builder config(FakeNode... seeds) {
        List<NodeAddress> addresses = java.util.Arrays.stream(seeds).map(n -> n.address).toList();
        return ClientConfig.builder(FakeNode.CLUSTER, addresses)
                .requestTimeout(Duration.ofSeconds(5))
                .attemptTimeout(Duration.ofSeconds(2))
                .backoff(Duration.ofMillis(10), Duration.ofMillis(200));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 10 s waiting for: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }

    /** Live threads the client started (their names start with raftkv-client). */
    static List<Thread> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(ClientCore.THREAD_PREFIX))
                .toList();
    }
}
