package io.raftkv.chaos.net;

/**
 * What a {@link LinkProxy} does to the bytes it carries. Immutable.
 *
 * @param blackhole   nothing passes: connections open at the change are closed, new ones are
 *                    accepted and their bytes discarded (as a partition looks to TCP: silence)
 * @param delayMillis every chunk is held this long before it is forwarded, order kept; at least 0
 * @param jitterMillis a further uniformly random 0..jitterMillis per chunk; at least 0
 * @param dropChance  chance in 0..1 that a chunk is lost; a lost chunk closes its connection,
 *                    since a byte stream with a hole in it is garbage to the framing above
 */
public record LinkFault(boolean blackhole, long delayMillis, long jitterMillis, double dropChance) {

    /** A healthy link. */
    public static final LinkFault NONE = new LinkFault(false, 0, 0, 0);

    /** A cut link. */
    public static final LinkFault CUT = new LinkFault(true, 0, 0, 0);

    /** @throws IllegalArgumentException if a delay is negative or the chance is outside 0..1 */
    public LinkFault {
        if (delayMillis < 0 || jitterMillis < 0) {
            throw new IllegalArgumentException("delays must be at least 0, were " + delayMillis + " and " + jitterMillis);
        }
        if (!(dropChance >= 0 && dropChance <= 1)) {
            throw new IllegalArgumentException("dropChance must be in 0..1, was " + dropChance);
        }
    }

    /** A link that delays every chunk by {@code delayMillis} plus up to {@code jitterMillis}. */
    public static LinkFault delay(long delayMillis, long jitterMillis) {
        return new LinkFault(false, delayMillis, jitterMillis, 0);
    }

    /** A link that loses each chunk with chance {@code dropChance}. */
    public static LinkFault drop(double dropChance) {
        return new LinkFault(false, 0, 0, dropChance);
    }
}
