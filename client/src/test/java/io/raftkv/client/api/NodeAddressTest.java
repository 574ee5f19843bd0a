package io.raftkv.client.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class NodeAddressTest {

    @Test
    void when_host_port_text_is_parsed_then_it_prints_back_the_same() {
        assertThat(NodeAddress.parse("127.0.0.1:7001")).isEqualTo(new NodeAddress("127.0.0.1", 7001));
        assertThat(NodeAddress.parse("[::1]:7001").host()).isEqualTo("::1");
        assertThat(NodeAddress.parse("[::1]:7001").toString()).isEqualTo("[::1]:7001");
        assertThat(NodeAddress.parse("node-a.example:80").toString()).isEqualTo("node-a.example:80");
    }

    @Test
    void when_a_socket_address_and_its_text_name_one_node_then_they_are_equal() {
        assertThat(NodeAddress.of(new InetSocketAddress("127.0.0.1", 7002)))
                .isEqualTo(NodeAddress.parse("127.0.0.1:7002"));
    }

    @Test
    void when_the_text_has_no_usable_port_then_parse_quotes_it() {
        assertThatThrownBy(() -> NodeAddress.parse("localhost")).hasMessageContaining("'localhost'");
        assertThatThrownBy(() -> NodeAddress.parse("localhost:")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> NodeAddress.parse("localhost:http")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> NodeAddress.parse("localhost:70000")).hasMessageContaining("1..65535");
    }
}
