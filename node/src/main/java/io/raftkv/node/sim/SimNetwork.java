package io.raftkv.node.sim;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The in-memory network of one simulation: every message gets a delivery tick, so random delays
 * reorder messages; while faults are on, messages are also dropped and duplicated. Partitions come
 * from {@link Links}, which are checked at send and again at delivery.
 *
 * <p>All randomness comes from the simulation's one {@link SplittableRandom}, so a seed replays
 * exactly. Not thread-safe.
 *
 * @param <M> the Raft core's message type
 */
final class SimNetwork<M> {

    /** One message in flight. {@code seq} breaks ties so delivery order is total and repeatable. */
    record Envelope<M>(long deliverAt, long seq, int from, int to, M message) {
    }

    private final SplittableRandom random;

    /** The partition state; the simulation's fault schedule changes it. */
    private final Links links;

    /** Messages not yet delivered, earliest delivery tick first. */
    private final PriorityQueue<Envelope<M>> inFlight = new PriorityQueue<>(
            Comparator.<Envelope<M>>comparingLong(Envelope::deliverAt).thenComparingLong(Envelope::seq));

    /** Next envelope sequence number; strictly increasing. */
    private long nextSeq;

    /** Whether drop, duplicate and long delays are active; false in the final healed phase. */
    private boolean faulty;

    /** Probability in [0, 1) that a message is lost while faults are on. */
    private double dropRate;

    /** Probability in [0, 1) that a message is delivered twice while faults are on. */
    private double duplicateRate;

    /** Largest delay in ticks while faults are on, at least 1. */
    private int maxDelay = 1;

    private long sent;
    private long dropped;
    private long duplicated;

    SimNetwork(SplittableRandom random, Links links) {
        this.random = random;
        this.links = links;
    }

    /** The partition state this network obeys. */
    Links links() {
        return links;
    }

    /**
     * Turns message faults on with the given rates, or off.
     *
     * @param dropRate      loss probability in [0, 1)
     * @param duplicateRate duplication probability in [0, 1)
     * @param maxDelay      largest delay in ticks, at least 1
     */
    void setFaults(boolean faulty, double dropRate, double duplicateRate, int maxDelay) {
        if (dropRate < 0 || dropRate >= 1 || duplicateRate < 0 || duplicateRate >= 1 || maxDelay < 1) {
            throw new IllegalArgumentException("bad network faults: drop=" + dropRate
                    + " duplicate=" + duplicateRate + " maxDelay=" + maxDelay);
        }
        this.faulty = faulty;
        this.dropRate = dropRate;
        this.duplicateRate = duplicateRate;
        this.maxDelay = maxDelay;
    }

    /** Sends {@code message} at tick {@code now}; it may be lost, duplicated or delayed. */
    void send(int from, int to, M message, long now) {
        sent++;
        if (links.isCut(from, to)) {
            dropped++;
            return;
        }
        if (!faulty) {
            enqueue(now + 1, from, to, message);
            return;
        }
        if (random.nextDouble() < dropRate) {
            dropped++;
            return;
        }
        enqueue(now + 1 + random.nextInt(maxDelay), from, to, message);
        if (random.nextDouble() < duplicateRate) {
            duplicated++;
            enqueue(now + 1 + random.nextInt(maxDelay), from, to, message);
        }
    }

    /**
     * Removes and returns the next message due at or before {@code now} whose link is still up, or
     * null if none is due. Messages whose link was cut meanwhile are dropped on the way.
     */
    Envelope<M> poll(long now) {
        while (true) {
            Envelope<M> head = inFlight.peek();
            if (head == null || head.deliverAt() > now) {
                return null;
            }
            inFlight.poll();
            if (links.isCut(head.from(), head.to())) {
                dropped++;
                continue;
            }
            return head;
        }
    }

    /** Number of messages in flight. */
    int inFlight() {
        return inFlight.size();
    }

    /** Messages handed to {@link #send} so far. */
    long sent() {
        return sent;
    }

    /** Messages lost to faults or partitions so far. */
    long dropped() {
        return dropped;
    }

    /** Messages delivered twice so far. */
    long duplicated() {
        return duplicated;
    }

    private void enqueue(long at, int from, int to, M message) {
        inFlight.add(new Envelope<>(at, nextSeq++, from, to, message));
    }
}
