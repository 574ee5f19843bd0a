package io.raftkv.chaos.nemesis;

import java.time.Duration;

/**
 * One step of a schedule: a quiet time, then a fault held for a while.
 *
 * @param quietBefore healthy time before the fault starts, at least 0
 * @param kind        the fault
 * @param length      how long the fault is held, positive
 */
public record ScheduledFault(Duration quietBefore, FaultKind kind, Duration length) {

    /** @throws IllegalArgumentException if quietBefore is negative or length is not positive */
    public ScheduledFault {
        if (quietBefore.isNegative() || length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("need quietBefore >= 0 and length > 0, were " + quietBefore + " and "
                    + length);
        }
    }
}
