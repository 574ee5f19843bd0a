package io.raftkv.node.raft;

/**
 * The leader's view of one follower's log (§5.3 nextIndex/matchIndex) plus its replication
 * state (probe, replicate, snapshot). Not thread-safe.
 */
final class Progress {

    /** Invariant: 0 <= match < next. Highest index known to be on the follower. */
    long match;

    /** Next index to send. */
    long next;

    ProgressState state = ProgressState.PROBE;

    /** In PROBE: an AppendEntries is out and unanswered; send no more until a response. */
    boolean probeSent;

    /** In SNAPSHOT: index of the snapshot being sent. */
    long pendingSnapshot;

    /** In SNAPSHOT: the leader's tick when it was sent, to retry if its answer is lost. */
    long snapshotSentAt;

    /** Heard from within the current check-quorum window (thesis §6.2). */
    boolean recentActive;

    final Inflights inflights;

    Progress(long next, int maxInflight, long maxInflightBytes) {
        this.next = next;
        this.inflights = new Inflights(maxInflight, maxInflightBytes);
    }

    void becomeProbe() {
        if (state == ProgressState.SNAPSHOT) {
            next = Math.max(match + 1, pendingSnapshot + 1);
        } else {
            next = match + 1;
        }
        state = ProgressState.PROBE;
        probeSent = false;
        pendingSnapshot = 0;
        inflights.reset();
    }

    void becomeReplicate() {
        state = ProgressState.REPLICATE;
        next = match + 1;
        probeSent = false;
        pendingSnapshot = 0;
        inflights.reset();
    }

    void becomeSnapshot(long snapshotIndex, long now) {
        state = ProgressState.SNAPSHOT;
        snapshotSentAt = now;
        pendingSnapshot = snapshotIndex;
        probeSent = false;
        inflights.reset();
    }

    /** Records an acknowledged index; returns whether match moved. */
    boolean maybeUpdate(long index) {
        boolean updated = false;
        if (index > match) {
            match = index;
            updated = true;
            probeSent = false;
        }
        next = Math.max(next, index + 1);
        return updated;
    }

    /**
     * Handles a rejection of an AppendEntries whose prevIndex was {@code rejected}; {@code
     * hintNext} is where the leader's conflict search says to resume. Returns false if the
     * rejection is stale (an older message) and must be ignored.
     */
    boolean maybeDecreaseTo(long rejected, long hintNext) {
        if (state == ProgressState.REPLICATE) {
            if (rejected <= match) {
                return false;
            }
            next = Math.max(match + 1, Math.min(rejected, hintNext));
            return true;
        }
        if (next - 1 != rejected) {
            return false;
        }
        next = Math.max(match + 1, Math.min(rejected, hintNext));
        probeSent = false;
        return true;
    }

    /** Whether the leader must hold further AppendEntries to this follower. */
    boolean paused() {
        return switch (state) {
            case PROBE -> probeSent;
            case REPLICATE -> inflights.full();
            case SNAPSHOT -> true;
        };
    }
}
