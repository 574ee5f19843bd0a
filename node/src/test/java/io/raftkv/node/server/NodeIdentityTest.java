package io.raftkv.node.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {

    @TempDir
    Path dir;

    @Test
    void when_members_are_listed_then_each_id_maps_to_its_address() {
        var m = NodeIdentity.parseMembers("n1=127.0.0.1:7001, n2=localhost:7002,");
        assertThat(m).containsOnlyKeys("n1", "n2");
        assertThat(m.get("n2").getPort()).isEqualTo(7002);
        assertThat(NodeIdentity.format(m.get("n1"))).isEqualTo("127.0.0.1:7001");
    }

    @Test
    void when_a_member_is_malformed_then_the_message_names_it() {
        assertThatThrownBy(() -> NodeIdentity.parseMembers("n1=127.0.0.1")).hasMessageContaining("127.0.0.1");
        assertThatThrownBy(() -> NodeIdentity.parseMembers("127.0.0.1:7001")).hasMessageContaining("id=host:port");
        assertThatThrownBy(() -> NodeIdentity.parseAddress("h:99999")).hasMessageContaining("1..65535");
        // found by the live fuzzer: accepted as a learner's address, the cluster then lost its quorum
        assertThatThrownBy(() -> NodeIdentity.parseAddress("1:7.0.0.1:7047")).hasMessageContaining("no valid host");
        assertThatThrownBy(() -> NodeIdentity.parseAddress("a b:7047")).hasMessageContaining("no valid host");
        assertThat(NodeIdentity.parseAddress("[::1]:7001").getPort()).isEqualTo(7001);
        assertThat(NodeIdentity.parseAddress("node-1.example:7001").getHostString()).isEqualTo("node-1.example");
    }

    @Test
    void when_written_then_read_back_equal_and_a_missing_file_reads_empty() {
        assertThat(NodeIdentity.read(dir)).isEmpty();
        NodeIdentity id = new NodeIdentity("c1", "n2", NodeIdentity.parseMembers("n1=127.0.0.1:1,n2=127.0.0.1:2"));
        id.write(dir);
        NodeIdentity back = NodeIdentity.read(dir).orElseThrow();
        assertThat(back.clusterId()).isEqualTo("c1");
        assertThat(back.nodeId()).isEqualTo("n2");
        assertThat(back.members()).isEqualTo(id.members());
        assertThat(Map.copyOf(back.members())).hasSize(2);
    }
}
