package io.raftkv.node.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing per (client host, user): each failure within the window doubles
 * the delay before the refusal is sent (from {@link AuthConfig#firstDelay()} up to
 * {@link AuthConfig#maxDelay()}), and once {@link AuthConfig#maxFailures()} attempts failed (or
 * are being checked) within {@link AuthConfig#failureWindow()}, further attempts are refused at
 * once without checking the password. A successful login clears the record.
 *
 * <p>Thread-safe; never blocks. Memory: one small record per (host, user) with a recent failure;
 * expired records are purged when more than {@value #PURGE_ABOVE} are held.
 */
final class LoginThrottle {

    static final int PURGE_ABOVE = 10_000;

    /**
     * Failures and checks in progress of one (host, user).
     *
     * @param windowStartNanos when the first failure of the current window happened
     * @param failures         failed attempts in the window, 0..maxFailures
     * @param inFlight         attempts admitted and not yet decided, counted against the limit so
     *                         parallel guesses cannot overrun it
     */
    private record Attempts(long windowStartNanos, int failures, int inFlight) {
    }

    private final AuthConfig config;
    private final LongSupplier nanoClock;
    private final Map<String, Attempts> byKey = new ConcurrentHashMap<>();

    LoginThrottle(AuthConfig config, LongSupplier nanoClock) {
        this.config = config;
        this.nanoClock = nanoClock;
    }

    /** The key of one host and user. */
    static String key(String host, String user) {
        return host + "\0" + user;
    }

    /**
     * Admits one attempt to be checked, or refuses it because the limit is reached.
     *
     * @return true if the password should be checked; then exactly one of {@link #failed} or
     *         {@link #succeeded} must follow
     */
    boolean tryBegin(String key) {
        long now = nanoClock.getAsLong();
        if (byKey.size() > PURGE_ABOVE) {
            purge(now);
        }
        boolean[] admitted = new boolean[1];
        byKey.compute(key, (k, a) -> {
            Attempts current = a == null || expired(a, now) ? new Attempts(now, 0, a == null ? 0 : a.inFlight) : a;
            if (current.failures + current.inFlight >= config.maxFailures()) {
                return current;
            }
            admitted[0] = true;
            return new Attempts(current.windowStartNanos, current.failures, current.inFlight + 1);
        });
        return admitted[0];
    }

    /** Records a failed attempt admitted by {@link #tryBegin}; returns how long to wait before refusing it. */
    Duration failed(String key) {
        long now = nanoClock.getAsLong();
        Attempts after = byKey.compute(key, (k, a) -> {
            Attempts current = a == null ? new Attempts(now, 0, 1) : a;
            long start = current.failures == 0 || expired(current, now) ? now : current.windowStartNanos;
            int failures = expired(current, now) ? 1 : current.failures + 1;
            return new Attempts(start, failures, Math.max(0, current.inFlight - 1));
        });
        long delayNanos = config.firstDelay().toNanos() << Math.min(30, after.failures - 1);
        return Duration.ofNanos(Math.min(delayNanos, config.maxDelay().toNanos()));
    }

    /** Forgets an attempt admitted by {@link #tryBegin} that could not be checked; counts nothing. */
    void abandoned(String key) {
        byKey.computeIfPresent(key, (k, a) -> a.inFlight <= 1 && a.failures == 0 ? null
                : new Attempts(a.windowStartNanos, a.failures, Math.max(0, a.inFlight - 1)));
    }

    /** Records a successful attempt admitted by {@link #tryBegin}: the failures are forgotten. */
    void succeeded(String key) {
        byKey.computeIfPresent(key, (k, a) -> a.inFlight > 1 ? new Attempts(nanoClock.getAsLong(), 0, a.inFlight - 1)
                : null);
    }

    /** Failures recorded for a key in the current window, for tests and logs. */
    int failures(String key) {
        Attempts a = byKey.get(key);
        return a == null || expired(a, nanoClock.getAsLong()) ? 0 : a.failures;
    }

    private boolean expired(Attempts a, long now) {
        return a.failures > 0 && now - a.windowStartNanos > config.failureWindow().toNanos();
    }

    private void purge(long now) {
        byKey.entrySet().removeIf(e -> e.getValue().inFlight == 0 && (e.getValue().failures == 0
                || expired(e.getValue(), now)));
    }
}
