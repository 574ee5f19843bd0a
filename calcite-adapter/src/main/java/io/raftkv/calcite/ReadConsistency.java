package io.raftkv.calcite;

import java.util.Locale;

/**
 * How fresh a read must be. Chosen per connection ({@code readConsistency} URL option) and passed
 * with every read call.
 */
public enum ReadConsistency {
    /** The leader confirms its leadership with a quorum before answering (ReadIndex, Raft thesis §6.4). */
    LINEARIZABLE,
    /** The leader answers while its lease holds; linearizable unless clocks drift past the lease margin. */
    LEASE,
    /** Any replica answers from its applied state; may miss recent writes. */
    STALE;

    /**
     * Parses the URL spelling ({@code linearizable}, {@code lease}, {@code stale}), any letter case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ReadConsistency parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("readConsistency must be linearizable, lease or stale, was '"
                    + text + "'", e);
        }
    }
}
