package io.raftkv.node.raft;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The leader's linearizable reads waiting for confirmation (thesis §6.4). Every heartbeat
 * broadcast is a numbered round; a read joins the round whose heartbeats have not been handed to
 * the server yet (so they leave after the read arrived). When a majority acknowledges round r,
 * leadership is confirmed for the reads of every round up to r. Not thread-safe.
 */
final class ReadIndexQueue {

    /** A read waiting at the leader; {@code from} is null for a local client. */
    record PendingRead(String from, long requestId, long readIndex) {
    }

    /** What a majority acknowledgement released: reads and the send tick of the round. */
    record Confirmed(long sentAt, List<PendingRead> reads) {
    }

    private static final class Round {
        final long sentAt;
        final Set<String> acks = new HashSet<>();
        final List<PendingRead> reads = new ArrayList<>();

        Round(long sentAt) {
            this.sentAt = sentAt;
        }
    }

    /** Rounds by number, increasing; a confirmed round removes itself and all earlier ones. */
    private final TreeMap<Long, Round> rounds = new TreeMap<>();

    /** Last round number given out; round numbers start at 1 (0 means "no round"). */
    private long lastRound;

    /** The round created since the last Ready, whose heartbeats are not sent yet; 0 if none. */
    private long openRound;

    /** Reads held until the leader commits an entry of its own term (thesis §6.4 step 1). */
    private final List<PendingRead> waitingForTermCommit = new ArrayList<>();

    /** Starts a round at tick {@code now} acknowledged by {@code self}; returns its number. */
    long newRound(long now, String self) {
        long r = ++lastRound;
        Round round = new Round(now);
        round.acks.add(self);
        rounds.put(r, round);
        openRound = r;
        return r;
    }

    /** The round reads can still join, or 0. */
    long openRound() {
        return openRound;
    }

    /** The open round's heartbeats were handed out: later reads need a new round. */
    void seal() {
        openRound = 0;
    }

    void addToOpenRound(PendingRead read) {
        rounds.get(openRound).reads.add(read);
    }

    void holdUntilTermCommit(PendingRead read) {
        waitingForTermCommit.add(read);
    }

    List<PendingRead> releaseHeld() {
        List<PendingRead> out = List.copyOf(waitingForTermCommit);
        waitingForTermCommit.clear();
        return out;
    }

    /**
     * Records that {@code from} acknowledged round {@code round}. Returns what got confirmed, or
     * null if the round is unknown or still short of a majority of {@code voters}.
     */
    Confirmed ack(long round, String from, Set<String> voters) {
        Round r = rounds.get(round);
        if (r == null) {
            return null;
        }
        r.acks.add(from);
        if (!Quorum.hasMajority(voters, r.acks)) {
            return null;
        }
        List<PendingRead> released = new ArrayList<>();
        Iterator<Map.Entry<Long, Round>> it = rounds.headMap(round, true).entrySet().iterator();
        while (it.hasNext()) {
            released.addAll(it.next().getValue().reads);
            it.remove();
        }
        if (openRound <= round) {
            openRound = 0;
        }
        return new Confirmed(r.sentAt, released);
    }

    /** Drops read-less rounds sent before {@code before} (they can no longer matter). */
    void pruneEmpty(long before) {
        rounds.entrySet().removeIf(e -> e.getKey() != openRound
                && e.getValue().sentAt < before && e.getValue().reads.isEmpty());
    }

    /** Removes and returns every pending read (leadership lost). */
    List<PendingRead> drainAll() {
        List<PendingRead> out = new ArrayList<>(waitingForTermCommit);
        waitingForTermCommit.clear();
        for (Round r : rounds.values()) {
            out.addAll(r.reads);
        }
        rounds.clear();
        openRound = 0;
        return out;
    }
}
