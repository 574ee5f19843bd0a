package io.raftkv.node.sim;

import java.util.Arrays;

/**
 * Which directed links of the simulated network are cut. A message from {@code a} to {@code b} is
 * lost while {@code a -> b} is cut, both when it is sent and when it would be delivered, so a
 * partition also swallows what was already in flight.
 *
 * <p>Node slots are 0..size-1. Not thread-safe.
 */
final class Links {

    /** cut[from][to]: true while messages from {@code from} to {@code to} are lost. */
    private final boolean[][] cut;

    /** A short name of the current partition shape for traces and reports; "none" when healed. */
    private String shape = "none";

    Links(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, was " + size);
        }
        cut = new boolean[size][size];
    }

    /** Whether messages from {@code from} to {@code to} are currently lost. */
    boolean isCut(int from, int to) {
        return cut[from][to];
    }

    /** Whether any link is cut. */
    boolean anyCut() {
        for (boolean[] row : cut) {
            for (boolean c : row) {
                if (c) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The current partition's shape, e.g. "isolate(2)"; "none" when healed. */
    String shape() {
        return shape;
    }

    /** Restores every link. */
    void heal() {
        for (boolean[] row : cut) {
            Arrays.fill(row, false);
        }
        shape = "none";
    }

    /** Cuts every link into and out of {@code node} (symmetric isolation). */
    void isolate(int node) {
        heal();
        for (int other = 0; other < cut.length; other++) {
            if (other != node) {
                cut[node][other] = true;
                cut[other][node] = true;
            }
        }
        shape = "isolate(" + node + ")";
    }

    /**
     * Symmetric split: nodes with {@code side[i]} true can talk only among themselves, the others
     * likewise.
     */
    void split(boolean[] side) {
        heal();
        for (int a = 0; a < cut.length; a++) {
            for (int b = 0; b < cut.length; b++) {
                cut[a][b] = side[a] != side[b];
            }
        }
        shape = "split" + describe(side);
    }

    /** One-way cut: {@code from} can no longer reach {@code to}, the reverse direction still works. */
    void oneWay(int from, int to) {
        heal();
        cut[from][to] = true;
        shape = "oneWay(" + from + "->" + to + ")";
    }

    /**
     * Bridge: the two sides cannot talk to each other, except through {@code bridge}, which talks to
     * everyone (the Jepsen "bridge" nemesis).
     */
    void bridge(boolean[] side, int bridge) {
        split(side);
        for (int other = 0; other < cut.length; other++) {
            cut[bridge][other] = false;
            cut[other][bridge] = false;
        }
        shape = "bridge" + describe(side) + "via" + bridge;
    }

    private static String describe(boolean[] side) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < side.length; i++) {
            if (side[i]) {
                sb.append(i);
            }
        }
        sb.append('|');
        for (int i = 0; i < side.length; i++) {
            if (!side[i]) {
                sb.append(i);
            }
        }
        return sb.append(')').toString();
    }
}
