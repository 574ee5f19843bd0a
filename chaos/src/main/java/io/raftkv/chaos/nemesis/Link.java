package io.raftkv.chaos.nemesis;

/**
 * A directed link between two members: what {@code from} sends to {@code to}.
 *
 * @param from the sender's id
 * @param to   the receiver's id
 */
public record Link(String from, String to) {

    @Override
    public String toString() {
        return from + "->" + to;
    }
}
