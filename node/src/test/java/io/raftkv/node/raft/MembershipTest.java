package io.raftkv.node.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MembershipTest {

    @Property
    void encodingRoundTrips(@ForAll @Size(max = 6) Set<@StringLength(min = 1, max = 12) String> v,
            @ForAll @Size(max = 3) Set<@StringLength(min = 1, max = 12) String> l) {
        Set<String> learners = new java.util.HashSet<>(l);
        learners.removeAll(v);
        Membership m = new Membership(v, learners);
        assertThat(Membership.fromBytes(m.toBytes())).isEqualTo(m);
    }

    @Test
    @DisplayName("thesis §4.1 changes apply one server at a time with actionable refusals")
    void changes() {
        Membership m = Membership.ofVoters("n1", "n2", "n3");
        Membership added = m.apply(new MembershipChange.AddLearner("n4"));
        assertThat(added.learners()).containsExactly("n4");
        assertThat(added.apply(new MembershipChange.PromoteLearner("n4")).voters()).hasSize(4);
        assertThatThrownBy(() -> m.apply(new MembershipChange.PromoteLearner("n9")))
                .isInstanceOf(MembershipChangeRejectedException.class)
                .hasMessageContaining("add it as a learner first");
        assertThatThrownBy(() -> Membership.ofVoters("n1")
                .apply(new MembershipChange.RemoveMember("n1")))
                .hasMessageContaining("last voter");
        assertThatThrownBy(() -> new Membership(Set.of("a"), Set.of("a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Membership.fromBytes(new byte[] {9}))
                .hasMessageContaining("unknown membership format version 9");
    }

    @Test
    @DisplayName("when_a_config_is_invalid_then_construction_names_the_setting")
    void configValidation() {
        RaftConfig d = RaftConfig.defaults("n1");
        assertThatThrownBy(() -> d.withTicks(1, 1)).hasMessageContaining("electionTicks");
        assertThatThrownBy(() -> d.withCheckQuorum(false).withReadMode(ReadMode.LEASE))
                .hasMessageContaining("LEASE needs checkQuorum");
        assertThatThrownBy(() -> d.withFlowControl(0, 1, 1, 1, 1))
                .hasMessageContaining("maxEntriesPerMessage");
    }
}
