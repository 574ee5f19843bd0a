package io.raftkv.chaos.nemesis;

/**
 * A fault as it happened, for the report and the timeline.
 *
 * @param kind        what was planned
 * @param description the concrete fault, nodes named
 * @param startNanos  when it was injected, nanoseconds since the run started
 * @param endNanos    when it was healed, at least startNanos
 * @param note        what the nemesis saw while injecting or healing (e.g. "n4 promoted"), may be empty
 */
public record FaultEvent(FaultKind kind, String description, long startNanos, long endNanos, String note) {
}
