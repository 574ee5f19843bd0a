package io.raftkv.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Scenario 9 of raft-anchors.md §3 and thesis §6.4: ReadIndex, follower reads, lease reads. */
class ReadScenariosTest {

    @Test
    @DisplayName("scenario 9: a new leader serves reads only after its term's NOOP commits")
    void readOnlyAfterNoopCommits() {
        TestCluster c = TestCluster.of(3);
        c.dropIf(m -> m.from().equals("n1") && m instanceof AppendEntries);
        c.elect("n1");
        c.node("n1").readIndex(7);
        c.tickAll(3);
        assertThat(c.peer("n1").readStates).isEmpty();
        c.heal();
        c.tickAll(3);
        long noop = 1;
        assertThat(c.peer("n1").readStates).hasSize(1);
        assertThat(c.peer("n1").readStates.get(0).requestId()).isEqualTo(7);
        assertThat(c.peer("n1").readStates.get(0).readIndex()).isGreaterThanOrEqualTo(noop);
    }

    @Test
    @DisplayName("scenario 9: reads waiting together share one heartbeat round")
    void readsShareOneRound() {
        TestCluster c = TestCluster.of(3);
        c.elect("n1");
        c.tickAll(1);
        c.node("n1").readIndex(1);
        c.node("n1").readIndex(2);
        c.node("n1").readIndex(3);
        Ready r = c.takeReady("n1");
        assertThat(r.messages()).filteredOn(m -> m instanceof Heartbeat).hasSize(2);
        c.queue.addAll(r.messages());
        c.stabilize();
        assertThat(c.peer("n1").readStates).extracting(ReadState::requestId)
                .containsExactly(1L, 2L, 3L);
        long commit = c.node("n1").status().commit();
        assertThat(c.peer("n1").readStates).allMatch(s -> s.readIndex() == commit);
    }

    @Test
    @DisplayName("scenario 9: a duplicated read request id gets one answer per request")
    void duplicateReadRequests() {
        TestCluster c = TestCluster.of(3);
        c.elect("n1");
        c.tickAll(1);
        c.node("n1").readIndex(5);
        c.stabilize();
        c.node("n1").readIndex(5);
        c.stabilize();
        assertThat(c.peer("n1").readStates).extracting(ReadState::requestId)
                .containsExactly(5L, 5L);
    }

    @Test
    @DisplayName("scenario 9: a read is not confirmed without a majority, and fails when the leader steps down")
    void pendingReadFailsOnStepDown() {
        TestCluster c = TestCluster.of(3);
        c.elect("n1");
        c.tickAll(1);
        c.isolate("n1");
        c.node("n1").readIndex(9);
        c.tickAll(5);
        assertThat(c.peer("n1").readStates).isEmpty();
        assertThat(c.peer("n1").failedReads).isEmpty();
        c.tickAll(20); // check-quorum demotes n1
        assertThat(c.node("n1").softState().role()).isNotEqualTo(Role.LEADER);
        assertThat(c.peer("n1").failedReads).containsExactly(9L);
        assertThat(c.peer("n1").readStates).isEmpty();
    }

    @Test
    @DisplayName("scenario 9: a read pending at a leader that removes itself fails")
    void pendingReadFailsOnRemoval() {
        TestCluster c = TestCluster.of(3);
        c.elect("n1");
        c.tickAll(1);
        c.dropIf(m -> m instanceof HeartbeatResponse); // the read can never be confirmed
        c.node("n1").readIndex(4);
        c.node("n1").proposeMembershipChange(new MembershipChange.RemoveMember("n1"));
        c.stabilize();
        c.tickAll(2);
        assertThat(c.node("n1").softState().role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.peer("n1").failedReads).containsExactly(4L);
    }

    @Test
    @DisplayName("thesis §6.4: a follower read gets the leader's commit index as its read index")
    void followerReadThroughLeader() {
        TestCluster c = TestCluster.of(3);
        c.elect("n1");
        c.propose("n1", "a");
        c.tickAll(2);
        c.node("n2").readIndex(11);
        c.stabilize();
        assertThat(c.peer("n2").readStates)
                .containsExactly(new ReadState(11, c.node("n1").status().commit()));
        // Without a known leader the read fails at once so the client retries elsewhere.
        TestCluster fresh = TestCluster.of(3);
        fresh.node("n2").readIndex(12);
        fresh.stabilize();
        assertThat(fresh.peer("n2").failedReads).containsExactly(12L);
    }

    @Test
    @DisplayName("thesis §6.4: a follower's forwarded read fails if the leader cannot confirm it in time")
    void forwardedReadExpires() {
        TestCluster c = TestCluster.of(3);
        c.elect("n1");
        c.tickAll(1);
        c.dropIf(m -> m instanceof ReadIndexRequest);
        c.node("n2").readIndex(13);
        c.tickAll(25);
        assertThat(c.peer("n2").failedReads).containsExactly(13L);
    }

    @Test
    @DisplayName("thesis §6.4.1: in lease mode a leader with a fresh majority ack serves a read at once, not after its lease")
    void leaseRead() {
        TestCluster c = TestCluster.of(3, cfg -> cfg.withReadMode(ReadMode.LEASE));
        c.elect("n1");
        c.tickAll(2);
        c.node("n1").readIndex(1);
        Ready r = c.takeReady("n1");
        assertThat(r.readStates()).extracting(ReadState::requestId).containsExactly(1L);
        assertThat(r.messages()).noneMatch(m -> m instanceof Heartbeat);
        c.queue.addAll(r.messages());
        // Cut off, the lease runs out before any follower could vote for someone else.
        c.isolate("n1");
        for (int i = 0; i < 10; i++) {
            c.node("n1").tick();
        }
        c.node("n1").readIndex(2);
        Ready later = c.takeReady("n1");
        assertThat(later.readStates()).isEmpty();
        assertThat(later.messages()).anyMatch(m -> m instanceof Heartbeat);
    }
}
