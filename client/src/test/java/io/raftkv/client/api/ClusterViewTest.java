package io.raftkv.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.rpc.ClusterStatus;
import io.raftkv.client.rpc.MemberInfo;
import io.raftkv.client.rpc.MemberRole;
import io.raftkv.client.rpc.NodeRole;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterViewTest {

    private static final NodeAddress A = NodeAddress.parse("127.0.0.1:7001");
    private static final NodeAddress B = NodeAddress.parse("127.0.0.1:7002");
    private static final NodeAddress C = NodeAddress.parse("127.0.0.1:7003");

    private static ClusterStatus followerOfC() {
        return new ClusterStatus("a", NodeRole.FOLLOWER, 3, 10, 10, "c", "", List.of(
                new MemberInfo("a", A.toString(), MemberRole.VOTER),
                new MemberInfo("b", B.toString(), MemberRole.VOTER),
                new MemberInfo("c", C.toString(), MemberRole.LEARNER)), new byte[0]);
    }

    @Test
    void when_a_follower_reports_status_then_members_are_learned_and_the_leader_is_found_by_id() {
        ClusterView view = new ClusterView(List.of(A));

        view.learn(A, followerOfC());

        assertThat(view.knownNodes()).containsExactly(A, B, C);
        assertThat(view.leader()).isEqualTo(C);
    }

    @Test
    void when_a_redirect_names_only_an_id_then_the_address_comes_from_known_members() {
        ClusterView view = new ClusterView(List.of(A));
        view.learn(A, followerOfC());

        assertThat(view.redirected(C, "b", "")).isEqualTo(B);
    }

    @Test
    void when_a_node_redirects_to_itself_or_to_nobody_then_no_leader_is_believed() {
        ClusterView view = new ClusterView(List.of(A, B));

        assertThat(view.redirected(A, "", A.toString())).isNull();
        assertThat(view.redirected(A, "x", "")).isNull();
        assertThat(view.leader()).isNull();
    }

    @Test
    void when_the_believed_leader_fails_then_it_is_forgotten_and_nodes_are_tried_in_turn() {
        ClusterView view = new ClusterView(List.of(A, B));
        view.redirected(A, "b", B.toString());

        view.suspect(B);

        assertThat(view.leader()).isNull();
        assertThat(List.of(view.nextNode(), view.nextNode(), view.nextNode())).containsExactly(A, B, A);
    }
}
