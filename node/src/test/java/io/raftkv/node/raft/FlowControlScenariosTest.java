package io.raftkv.node.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Scenario 16 of raft-anchors.md §3: in-flight limits and back-pressure. */
class FlowControlScenariosTest {

    /** Leader n1 with n2 in REPLICATE, nothing delivered to n2 afterwards. */
    private static TestCluster replicatingCluster(int entriesPerMsg, long bytesPerMsg,
            int inflight, long inflightBytes, long uncommitted) {
        TestCluster c = TestCluster.of(3, cfg -> cfg.withFlowControl(entriesPerMsg, bytesPerMsg,
                inflight, inflightBytes, uncommitted));
        c.elect("n1");
        c.propose("n1", "warm");
        c.tickAll(2);
        assertThat(c.node("n1").status().peers().get("n2").state())
                .isEqualTo(ProgressState.REPLICATE);
        c.isolate("n2");
        c.isolate("n3");
        c.takeReady("n1");
        return c;
    }

    private static long appendsWithEntries(Ready r, String to) {
        return r.messages().stream().filter(m -> m instanceof AppendEntries a
                && a.to().equals(to) && !a.entries().isEmpty()).count();
    }

    @Test
    @DisplayName("scenario 16: the AppendEntries stream pauses at the in-flight message limit")
    void pausesAtInflightMessages() {
        TestCluster c = replicatingCluster(1, 1 << 20, 2, 1 << 20, 1 << 20);
        for (int i = 0; i < 5; i++) {
            c.propose("n1", "p" + i);
        }
        Ready r = c.takeReady("n1");
        assertThat(appendsWithEntries(r, "n2")).isEqualTo(2);
        // One acknowledgement frees one slot: exactly one more message goes out.
        long match = c.node("n1").status().peers().get("n2").match();
        c.node("n1").step(new AppendEntriesResponse("n2", "n1", c.term("n1"), true, match + 1, 0, 0));
        assertThat(appendsWithEntries(c.takeReady("n1"), "n2")).isEqualTo(1);
    }

    @Test
    @DisplayName("scenario 16: the AppendEntries stream pauses at the in-flight byte limit")
    void pausesAtInflightBytes() {
        TestCluster c = replicatingCluster(1, 1 << 20, 100, 200, 1 << 20);
        for (int i = 0; i < 6; i++) {
            c.propose("n1", "x".repeat(83)); // 100 bytes each with the entry header
        }
        assertThat(appendsWithEntries(c.takeReady("n1"), "n2")).isEqualTo(2);
    }

    @Test
    @DisplayName("scenario 16: several entries travel in one message, bounded by count and bytes")
    void batchesEntries() {
        TestCluster c = replicatingCluster(3, 1 << 20, 1, 1 << 20, 1 << 20);
        for (int i = 0; i < 3; i++) {
            c.propose("n1", "b" + i);
        }
        // The first proposal went out alone (pipeline of one), the rest wait for its answer.
        Ready r = c.takeReady("n1");
        assertThat(appendsWithEntries(r, "n2")).isEqualTo(1);
        c.heal();
        c.queue.addAll(r.messages());
        c.stabilize();
        long maxEntries = c.delivered.stream().filter(m -> m instanceof AppendEntries)
                .mapToLong(m -> ((AppendEntries) m).entries().size()).max().orElse(0);
        assertThat(maxEntries).isEqualTo(2);
    }

    @Test
    @DisplayName("scenario 16: the leader refuses proposals past its uncommitted limit, and accepts again after commit")
    void uncommittedLimit() {
        TestCluster c = replicatingCluster(64, 1 << 20, 16, 1 << 20, 250);
        c.propose("n1", "x".repeat(83));
        c.propose("n1", "x".repeat(83));
        assertThatThrownBy(() -> c.propose("n1", "x".repeat(83)))
                .isInstanceOf(UncommittedLimitExceededException.class)
                .hasMessageContaining("maxUncommittedBytes");
        c.heal();
        c.tickAll(2);
        c.propose("n1", "x".repeat(83));
    }

    @Test
    @DisplayName("when_a_probe_finds_the_follower_already_caught_up_then_replication_resumes_at_once")
    void caughtUpProbeGoesToReplicate() {
        TestCluster c = TestCluster.of(3);
        c.elect("n1");
        c.tickAll(2);
        RaftNode n1 = c.node("n1");
        long last = n1.status().lastIndex();
        // A rejection above match knocks n2 back to PROBE; a rejection at or below match is
        // stale and changes nothing.
        n1.step(new AppendEntriesResponse("n2", "n1", c.term("n1"), false, last, last, 1));
        assertThat(n1.status().peers().get("n2").state()).isEqualTo(ProgressState.REPLICATE);
        n1.step(new AppendEntriesResponse("n2", "n1", c.term("n1"), false, last + 1, last, 1));
        c.takeReady("n1");
        assertThat(n1.status().peers().get("n2").state()).isEqualTo(ProgressState.PROBE);
        // The probe's answer shows n2 holds everything: no new match, still back to REPLICATE.
        n1.step(new AppendEntriesResponse("n2", "n1", c.term("n1"), true, last, 0, 0));
        assertThat(n1.status().peers().get("n2").state()).isEqualTo(ProgressState.REPLICATE);
    }

    @Test
    @DisplayName("a proposal larger than maxProposalBytes is refused with a typed error")
    void proposalTooLarge() {
        TestCluster c = TestCluster.of(1, cfg -> new RaftConfig(cfg.id(), 10, 1, true, true,
                ReadMode.SAFE, 64, 1 << 20, 16, 1 << 20, 1 << 20, 10, 100, 0, 1 << 20, 0, TestFaults.NONE));
        c.elect("n1");
        assertThatThrownBy(() -> c.propose("n1", "12345678901"))
                .isInstanceOf(ProposalTooLargeException.class).hasMessageContaining("10 bytes");
    }
}
