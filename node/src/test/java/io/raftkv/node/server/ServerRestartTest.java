package io.raftkv.node.server;

import static io.raftkv.node.server.LeaderFailoverTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.Put;
import io.raftkv.client.rpc.ClusterStatus;
import io.raftkv.client.rpc.ReadConsistency;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import io.raftkv.node.auth.AuthConfig;
import io.raftkv.node.raft.RaftConfig;
import io.raftkv.node.storage.StorageConfig;
import io.raftkv.testkit.FreePorts;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A single in-process node: restart from the data directory, snapshots and compaction on the way. */
class ServerRestartTest {

    @TempDir
    Path dir;

    private ServerConfig config(String id, int port) {
        return ServerConfig.of(id, "c1", dir.resolve(id), Map.of(id, new InetSocketAddress("127.0.0.1", port)), false)
                .withRaft(RaftConfig.defaults(id).withTicks(10, 1).withSnapshots(100, 10))
                .withStorage(StorageConfig.forTests()).withAuth(AuthConfig.off()).withTickMillis(20);
    }

    private static ClusterStatus leaderStatus(RawClient c) throws Exception {
        return Eventually.await(Duration.ofSeconds(20), "the single node to lead", () -> {
            Response r = c.call(new Request.Status(true));
            return r instanceof Response.StatusResult s && s.status().isLeader() ? s.status() : null;
        });
    }

    @Test
    @DisplayName("§7 a node restarted after (meta-only) snapshots and compaction serves every write it acknowledged; --cluster is ignored")
    void when_node_restarts_after_compaction_then_state_is_intact() throws Exception {
        int port = FreePorts.one();
        ClusterStatus before;
        try (RaftServer server = RaftServer.start(config("n1", port));
                RawClient c = RawClient.open(server.address(), "c1")) {
            leaderStatus(c);
            for (int i = 0; i < 350; i++) {
                // one at a time, so one entry each (pipelined writes would share entries)
                assertThat(c.call(new Request.Write(Command.of(Put.of(bytes("k" + i), bytes("v" + i))))))
                        .isInstanceOf(Response.WriteResult.class);
            }
            before = Eventually.await(Duration.ofSeconds(20), "a snapshot past index 100", () -> {
                try (var files = Files.list(dir.resolve("n1").resolve("snapshots"))) {
                    boolean snap = files.anyMatch(p -> p.getFileName().toString().matches("snap-[1-9]\\d\\d+\\.meta"));
                    ClusterStatus s = leaderStatus(c);
                    return snap && s.dataDigest().length > 0 ? s : null;
                }
            });
            // periodic snapshots record where the log was compacted; the data stays in JE only
            try (var files = Files.list(dir.resolve("n1").resolve("snapshots"))) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".data"));
            }
        }
        // a different --cluster on restart is ignored: the data directory says who this node is
        ServerConfig again = ServerConfig.of("n1", "other", dir.resolve("n1"),
                Map.of("n1", new InetSocketAddress("127.0.0.1", 1)), false)
                .withRaft(RaftConfig.defaults("n1").withTicks(10, 1)).withStorage(StorageConfig.forTests()).withAuth(AuthConfig.off())
                .withTickMillis(20);
        try (RaftServer server = RaftServer.start(again); RawClient c = RawClient.open(server.address(), "c1")) {
            assertThat(server.address().getPort()).isEqualTo(port);
            ClusterStatus after = leaderStatus(c);
            assertThat(after.term()).isGreaterThan(before.term());
            Eventually.await(Duration.ofSeconds(20), "the restarted node to apply what it had",
                    () -> leaderStatus(c).appliedIndex() >= before.appliedIndex() ? true : null);
            byte[] digest = Eventually.await(Duration.ofSeconds(20), "a computed digest", () -> {
                byte[] d = leaderStatus(c).dataDigest();
                return d.length > 0 ? d : null;
            });
            assertThat(digest).isEqualTo(before.dataDigest());
            // a plain status (clients ask it to find the leader) never scans the data
            Response plain = c.call(new Request.Status());
            assertThat(((Response.StatusResult) plain).status().dataDigest()).isEmpty();
            for (int i = 0; i < 350; i += 7) {
                Response.GetResult g = (Response.GetResult) c.call(new Request.Get(bytes("k" + i),
                        ReadConsistency.LINEARIZABLE));
                assertThat(g.value()).isEqualTo(bytes("v" + i));
            }
        }
    }

    @Test
    void when_a_data_directory_is_started_with_another_id_then_start_is_refused_naming_the_owner() throws Exception {
        int port = FreePorts.one();
        RaftServer.start(config("n1", port)).close();
        ServerConfig wrong = ServerConfig.of("n2", "c1", dir.resolve("n1"),
                Map.of("n2", new InetSocketAddress("127.0.0.1", port)), false).withStorage(StorageConfig.forTests()).withAuth(AuthConfig.off());
        assertThatThrownBy(() -> RaftServer.start(wrong)).isInstanceOf(ServerException.class)
                .hasMessageContaining("belongs to node n1");
    }
}
