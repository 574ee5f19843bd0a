package io.raftkv.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeCommandTest {

    @Test
    void when_built_then_java_jvm_options_classpath_main_and_node_arguments_come_in_call_order() {
        NodeCommand c = NodeCommand.builder("a.jar:b").jvmOptions(List.of("-Xmx160m", "-XX:+UseSerialGC"))
                .id("n1").dataDir(Path.of("/d/n1")).cluster("n1=127.0.0.1:1").clusterId("c").join().authOff()
                .args("--tick-ms", "100").build();

        assertThat(c.command()).containsExactly(NodeCommand.thisJava(), "-Xmx160m", "-XX:+UseSerialGC", "-cp", "a.jar:b",
                "io.raftkv.node.server.NodeMain", "--id", "n1", "--data-dir", "/d/n1", "--cluster", "n1=127.0.0.1:1",
                "--cluster-id", "c", "--join", "--auth", "off", "--tick-ms", "100");
    }

    @Test
    void when_auth_and_tls_are_asked_then_their_flags_name_the_files() {
        NodeCommand c = NodeCommand.builder("cp").authOn("admin", Path.of("/p"), 1000)
                .tls(Path.of("/c.pem"), Path.of("/c.key"), Path.of("/ca.pem")).build();

        assertThat(c.command()).endsWith("--auth", "on", "--bootstrap-user", "admin", "--bootstrap-password-file", "/p",
                "--auth-iterations", "1000", "--tls-cert", "/c.pem", "--tls-key", "/c.key", "--tls-ca", "/ca.pem");
    }

    @Test
    void loopback_members_list_every_id_with_its_port_in_map_order() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("n2", 7002);
        ports.put("n1", 7001);

        assertThat(NodeCommand.loopbackMembers(ports)).isEqualTo("n2=127.0.0.1:7002,n1=127.0.0.1:7001");
    }

    @Test
    void an_empty_command_is_refused() {
        assertThatThrownBy(() -> new NodeCommand(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java executable");
    }
}
