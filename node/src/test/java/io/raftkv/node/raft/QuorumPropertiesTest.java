package io.raftkv.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class QuorumPropertiesTest {

    @Property
    void committedIndexIsTheLargestIndexOnAMajority(
            @ForAll @Size(min = 1, max = 7) List<@IntRange(min = 0, max = 20) Integer> matches) {
        Set<String> voters = new HashSet<>();
        Map<String, Long> match = new HashMap<>();
        for (int i = 0; i < matches.size(); i++) {
            voters.add("n" + i);
            match.put("n" + i, (long) matches.get(i));
        }
        long brute = 0;
        for (long idx = 0; idx <= 20; idx++) {
            final long x = idx;
            long holders = match.values().stream().filter(m -> m >= x).count();
            if (holders > voters.size() / 2) {
                brute = idx;
            }
        }
        assertThat(Quorum.committedIndex(voters, match)).isEqualTo(brute);
    }

    @Property
    void majoritiesOfOneMembershipIntersect(@ForAll @IntRange(min = 1, max = 9) int n,
            @ForAll long seedA, @ForAll long seedB) {
        Set<String> voters = new HashSet<>();
        for (int i = 0; i < n; i++) {
            voters.add("n" + i);
        }
        Set<String> a = new HashSet<>();
        Set<String> b = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (((seedA >> i) & 1) == 1) {
                a.add("n" + i);
            }
            if (((seedB >> i) & 1) == 1) {
                b.add("n" + i);
            }
        }
        if (Quorum.hasMajority(voters, a) && Quorum.hasMajority(voters, b)) {
            a.retainAll(b);
            assertThat(a).isNotEmpty();
        }
        Set<String> rest = new HashSet<>(voters);
        rest.removeAll(a);
        assertThat(Quorum.hasMajority(voters, a) && Quorum.lost(voters, rest)).isFalse();
    }
}
