package io.raftkv.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    @DisplayName("when_a_probe_is_out_then_the_follower_is_paused_until_an_answer")
    void probePauses() {
        Progress p = new Progress(5, 4, 1000);
        assertThat(p.paused()).isFalse();
        p.probeSent = true;
        assertThat(p.paused()).isTrue();
        assertThat(p.maybeUpdate(4)).isTrue();
        assertThat(p.paused()).isFalse();
        assertThat(p.next).isEqualTo(5);
    }

    @Test
    @DisplayName("when_a_rejection_is_stale_then_it_is_ignored")
    void staleRejection() {
        Progress p = new Progress(10, 4, 1000);
        assertThat(p.maybeDecreaseTo(7, 3)).isFalse(); // probe was for 9, not 7
        assertThat(p.maybeDecreaseTo(9, 4)).isTrue();
        assertThat(p.next).isEqualTo(4);
        p.maybeUpdate(6);
        p.becomeReplicate();
        assertThat(p.maybeDecreaseTo(5, 1)).isFalse(); // at or below match
    }

    @Test
    @DisplayName("when_in_flight_limits_are_hit_then_replication_pauses_and_acks_free_it")
    void inflights() {
        Inflights f = new Inflights(3, 250);
        f.add(1, 100);
        f.add(2, 100);
        assertThat(f.full()).isFalse();
        f.add(3, 100);
        assertThat(f.full()).isTrue();
        f.freeLE(2);
        assertThat(f.count()).isEqualTo(1);
        assertThat(f.bytes()).isEqualTo(100);
        assertThat(f.full()).isFalse();
        f.freeFirstOne();
        assertThat(f.count()).isZero();
    }

    @Test
    @DisplayName("when_a_snapshot_is_acknowledged_then_probing_resumes_after_it")
    void snapshotToProbe() {
        Progress p = new Progress(3, 4, 1000);
        p.becomeSnapshot(50, 0);
        assertThat(p.paused()).isTrue();
        p.becomeProbe();
        assertThat(p.next).isEqualTo(51);
        assertThat(p.state).isEqualTo(ProgressState.PROBE);
    }
}
