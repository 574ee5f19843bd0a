package io.raftkv.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which messages of a Ready may leave before it is persisted (thesis §10.2.1): only a leader's
 * AppendEntries in a Ready that changes neither term nor vote, and the leader's own entries count
 * towards commit only once the Ready is advanced.
 */
class EarlySendTest {

    private static RaftNode candidate() {
        RaftNode n = new RaftNode(RaftConfig.defaults("n1").withPreVote(false).withCheckQuorum(false),
                PersistedState.bootstrap(Membership.ofVoters("n1", "n2", "n3")), 7);
        while (n.softState().role() != Role.CANDIDATE) {
            n.tick();
        }
        return n;
    }

    @Test
    @DisplayName("§5.2 a candidate's RequestVote waits for its new term and vote to be persisted")
    void when_term_and_vote_change_then_nothing_leaves_early() {
        RaftNode n = candidate();
        Ready r = n.ready();
        assertThat(r.hardState()).isEqualTo(new HardState(1, "n1", 0));
        assertThat(r.messages()).hasSize(2).allMatch(m -> m instanceof RequestVote);
        assertThat(r.earlyMessages()).isZero();
    }

    @Test
    @DisplayName("§10.2.1 a leader's AppendEntries leave early; its entry commits only after its own persist")
    void when_leader_replicates_then_appends_leave_early_and_self_counts_once_persisted() {
        RaftNode n = candidate();
        n.advance(n.ready());
        n.step(new RequestVoteResponse("n2", "n1", 1, true, false));
        assertThat(n.softState().role()).isEqualTo(Role.LEADER);

        Ready r = n.ready();
        assertThat(r.entries()).extracting(e -> e.index()).containsExactly(1L); // the no-op (§8)
        assertThat(r.earlyMessages()).isEqualTo(2);
        List<Message> early = r.messages().subList(0, r.earlyMessages());
        assertThat(early).allMatch(m -> m instanceof AppendEntries a && a.entries().size() == 1);

        // n2 acknowledges before the leader's own write finished: 1 of 3 is not a majority
        n.step(new AppendEntriesResponse("n2", "n1", 1, true, 1, 0, 0));
        assertThat(n.status().commit()).isZero();
        n.advance(r);
        assertThat(n.status().commit()).isEqualTo(1);
    }

    @Test
    @DisplayName("§5 a follower's acknowledgement waits for its persist")
    void when_follower_appends_then_its_response_is_not_early() {
        RaftNode n = new RaftNode(RaftConfig.defaults("n2").withPreVote(false).withCheckQuorum(false),
                PersistedState.bootstrap(Membership.ofVoters("n1", "n2", "n3")), 7);
        n.step(new AppendEntries("n1", "n2", 1, 0, 0, List.of(io.raftkv.client.log.LogEntry.noop(1, 1)), 0));
        Ready r = n.ready();
        assertThat(r.entries()).hasSize(1);
        assertThat(r.messages()).hasSize(1).allMatch(m -> m instanceof AppendEntriesResponse);
        assertThat(r.earlyMessages()).isZero();
    }
}
