package io.raftkv.node.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * How a node authenticates clients, validated once.
 *
 * @param enabled           false only when configured off ({@code --auth off}): every client is accepted
 * @param iterations        PBKDF2 iterations for passwords hashed by this node (users added through it),
 *                          {@link PasswordHash#MIN_ITERATIONS}..{@link PasswordHash#MAX_ITERATIONS};
 *                          stored hashes keep their own count
 * @param bootstrap         the first user, proposed by the leader when no user exists; null for none
 * @param maxFailures       failed logins per (client address, user) within {@code failureWindow} after
 *                          which attempts are refused at once as too many, 1..1000
 * @param failureWindow     how long failures are remembered, positive
 * @param firstDelay        delay before the first refusal's reply; each further failure doubles it
 * @param maxDelay          the cap of that delay, at least {@code firstDelay}, below the node's idle timeout
 *                          so the client sees the refusal rather than a closed connection
 */
public record AuthConfig(boolean enabled, int iterations, BootstrapUser bootstrap, int maxFailures,
        Duration failureWindow, Duration firstDelay, Duration maxDelay) {

    public static final int DEFAULT_MAX_FAILURES = 5;
    public static final Duration DEFAULT_FAILURE_WINDOW = Duration.ofMinutes(5);
    public static final Duration DEFAULT_FIRST_DELAY = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(1600);

    /** @throws IllegalArgumentException naming the field if a value is out of range */
    public AuthConfig {
        if (iterations < PasswordHash.MIN_ITERATIONS || iterations > PasswordHash.MAX_ITERATIONS) {
            throw new IllegalArgumentException("auth iterations must be in " + PasswordHash.MIN_ITERATIONS + ".."
                    + PasswordHash.MAX_ITERATIONS + ", was " + iterations);
        }
        if (maxFailures < 1 || maxFailures > 1000) {
            throw new IllegalArgumentException("auth maxFailures must be in 1..1000, was " + maxFailures);
        }
        Objects.requireNonNull(failureWindow, "failureWindow");
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (failureWindow.isNegative() || failureWindow.isZero()) {
            throw new IllegalArgumentException("auth failureWindow must be positive, was " + failureWindow);
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("auth delays need 0 <= firstDelay <= maxDelay, were " + firstDelay
                    + " and " + maxDelay);
        }
    }

    /** Authentication on, defaults, no bootstrap user. */
    public static AuthConfig required() {
        return new AuthConfig(true, PasswordHash.DEFAULT_ITERATIONS, null, DEFAULT_MAX_FAILURES,
                DEFAULT_FAILURE_WINDOW, DEFAULT_FIRST_DELAY, DEFAULT_MAX_DELAY);
    }

    /** Authentication off: every client is accepted without credentials. */
    public static AuthConfig off() {
        return new AuthConfig(false, PasswordHash.DEFAULT_ITERATIONS, null, DEFAULT_MAX_FAILURES,
                DEFAULT_FAILURE_WINDOW, DEFAULT_FIRST_DELAY, DEFAULT_MAX_DELAY);
    }

    /** A copy proposing {@code value} as the first user when none exists (null: none). */
    public AuthConfig withBootstrap(BootstrapUser value) {
        return new AuthConfig(enabled, iterations, value, maxFailures, failureWindow, firstDelay, maxDelay);
    }

    /** A copy hashing new passwords with {@code value} iterations (tests use few). */
    public AuthConfig withIterations(int value) {
        return new AuthConfig(enabled, value, bootstrap, maxFailures, failureWindow, firstDelay, maxDelay);
    }

    /** A copy with another rate limit. */
    public AuthConfig withRateLimit(int failures, Duration window, Duration first, Duration max) {
        return new AuthConfig(enabled, iterations, bootstrap, failures, window, first, max);
    }
}
