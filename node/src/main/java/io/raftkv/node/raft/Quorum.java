package io.raftkv.node.raft;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/** Majority arithmetic over the voters of a membership (§5.2, §5.3). Pure functions. */
final class Quorum {

    private Quorum() {
    }

    /**
     * The highest index stored on a majority of {@code voters}, given each voter's match index
     * (missing = 0). 0 if there are no voters.
     */
    static long committedIndex(Set<String> voters, Map<String, Long> match) {
        if (voters.isEmpty()) {
            return 0;
        }
        long[] m = new long[voters.size()];
        int i = 0;
        for (String v : voters) {
            m[i++] = match.getOrDefault(v, 0L);
        }
        Arrays.sort(m);
        // The quorum-th largest value: ascending index n - quorum.
        return m[m.length - (voters.size() / 2 + 1)];
    }

    /** True if the members of {@code yes} include a majority of {@code voters}. */
    static boolean hasMajority(Set<String> voters, Set<String> yes) {
        if (voters.isEmpty()) {
            return false;
        }
        int n = 0;
        for (String v : voters) {
            if (yes.contains(v)) {
                n++;
            }
        }
        return n >= voters.size() / 2 + 1;
    }

    /** True if {@code no} has so many voters that {@code yes} can no longer win. */
    static boolean lost(Set<String> voters, Set<String> no) {
        int n = 0;
        for (String v : voters) {
            if (no.contains(v)) {
                n++;
            }
        }
        return n > voters.size() - (voters.size() / 2 + 1);
    }
}
