package io.raftkv.jdbc.cluster;

import io.raftkv.client.api.ClientConfig;
import io.raftkv.client.api.ClientTls;
import io.raftkv.client.api.NodeAddress;
import java.nio.file.Path;

/**
 * Every test of {@link ClusterJdbcTest}, against three node processes that speak mutual TLS
 * between themselves and TLS to clients ({@code ssl=true&sslCa=...}): a TLS cluster passes the
 * same integration tests as a plaintext one.
 */
class ClusterJdbcOverTlsTest extends ClusterJdbcTest {

    private Path certs;

    @Override
    NodeProcesses startNodes(Path dir) throws Exception {
        certs = dir.resolve("certs");
        NodeProcesses.makeCerts(certs, "n1", "n2", "n3");
        return NodeProcesses.start(3, dir, certs);
    }

    @Override
    String urlOptions() {
        return "ssl=true&sslCa=" + certs.resolve("ca.pem") + "&";
    }

    @Override
    ClientConfig.Builder clientConfig(NodeAddress node) {
        return super.clientConfig(node).tls(ClientTls.trustingCa(certs.resolve("ca.pem")));
    }
}
