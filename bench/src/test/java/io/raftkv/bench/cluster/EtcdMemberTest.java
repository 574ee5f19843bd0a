package io.raftkv.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.testkit.FreePorts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtcdMemberTest {

    @Test
    void a_member_command_starts_a_new_loopback_cluster_naming_every_peer() {
        List<EtcdMember> all = List.of(new EtcdMember("etcd-1", 4001, 5001), new EtcdMember("etcd-2", 4002, 5002),
                new EtcdMember("etcd-3", 4003, 5003));
        List<String> c = all.get(1).command("/usr/bin/etcd", Path.of("/tmp/d2"), all, "tok");
        assertThat(c.get(0)).isEqualTo("/usr/bin/etcd");
        assertThat(valueOf(c, "--name")).isEqualTo("etcd-2");
        assertThat(valueOf(c, "--data-dir")).isEqualTo("/tmp/d2");
        assertThat(valueOf(c, "--listen-client-urls")).isEqualTo("http://127.0.0.1:4002");
        assertThat(valueOf(c, "--advertise-client-urls")).isEqualTo("http://127.0.0.1:4002");
        assertThat(valueOf(c, "--listen-peer-urls")).isEqualTo("http://127.0.0.1:5002");
        assertThat(valueOf(c, "--initial-advertise-peer-urls")).isEqualTo("http://127.0.0.1:5002");
        assertThat(valueOf(c, "--initial-cluster"))
                .isEqualTo("etcd-1=http://127.0.0.1:5001,etcd-2=http://127.0.0.1:5002,etcd-3=http://127.0.0.1:5003");
        assertThat(valueOf(c, "--initial-cluster-state")).isEqualTo("new");
        assertThat(valueOf(c, "--initial-cluster-token")).isEqualTo("tok");
        // Durability as shipped: no unsafe switch may weaken etcd's fsync.
        assertThat(c).noneMatch(arg -> arg.startsWith("--unsafe"));
    }

    private static String valueOf(List<String> command, String flag) {
        int i = command.indexOf(flag);
        assertThat(i).as(flag).isPositive();
        return command.get(i + 1);
    }

    @Test
    void free_ports_are_distinct_and_bindable_loopback_ports() throws Exception {
        List<Integer> ports = FreePorts.pick(6);
        assertThat(ports).doesNotHaveDuplicates().allMatch(p -> p > 0 && p < 65536);
        try (var s = new java.net.ServerSocket(ports.get(0), 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(s.getLocalPort()).isEqualTo(ports.get(0));
        }
    }
}
