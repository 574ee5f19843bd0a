package io.raftkv.node.server;

import static io.raftkv.node.server.LeaderFailoverTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.Put;
import io.raftkv.client.command.Session;
import io.raftkv.client.rpc.ReadConsistency;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client sessions (thesis §6.3): a write retried after its reply was lost is applied once. */
class ExactlyOnceTest {

    @TempDir
    Path dir;
    ProcessCluster cluster;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @DisplayName("thesis §6.3 a write whose reply is dropped by a proxy and retried with the same session sequence is applied once")
    void when_reply_dropped_and_write_retried_then_applied_once() throws Exception {
        cluster = new ProcessCluster(dir, 3, List.of());
        cluster.startAll();
        String leader = cluster.awaitLeader(cluster.ids(), Duration.ofSeconds(30));
        // PutIfAbsent: a second application would fail its condition and report applied=false.
        Request write = new Request.Write(new Command.Single(new Session(4242, 1),
                Put.ifAbsent(bytes("once"), bytes("first"))));
        try (FaultyProxy proxy = new FaultyProxy(cluster.address(leader))) {
            proxy.dropNextResponses(1);
            try (RawClient viaProxy = RawClient.open(proxy.address(), ProcessCluster.CLUSTER_ID)) {
                viaProxy.setTimeoutMillis(1500);
                assertThatThrownBy(() -> viaProxy.call(write)).isInstanceOf(SocketTimeoutException.class);
            }
            assertThat(proxy.dropped()).isEqualTo(1);
        }
        try (RawClient direct = RawClient.open(cluster.address(leader), ProcessCluster.CLUSTER_ID)) {
            Response retried = direct.call(write);
            assertThat(retried).isInstanceOf(Response.WriteResult.class);
            assertThat(((Response.WriteResult) retried).result().applied()).as("the retry reports the first outcome")
                    .isTrue();
            Response.GetResult value = (Response.GetResult) direct.call(new Request.Get(bytes("once"),
                    ReadConsistency.LINEARIZABLE));
            assertThat(value.value()).isEqualTo(bytes("first"));
            // the next sequence of the same session is a new write and applies normally
            Response next = direct.call(new Request.Write(new Command.Single(new Session(4242, 2),
                    Put.ifAbsent(bytes("once"), bytes("second")))));
            assertThat(((Response.WriteResult) next).result().applied()).isFalse();
        }
    }
}
