package io.raftkv.node.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.Put;
import io.raftkv.client.rpc.ReadConsistency;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import io.raftkv.node.auth.AuthConfig;
import io.raftkv.node.raft.RaftConfig;
import io.raftkv.node.storage.StorageConfig;
import io.raftkv.testkit.FreePorts;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client writes taken in together are proposed as one group entry, never two writes of one key. */
class WriteGroupTest {

    private static final int KEYS = 40;
    private static final int WRITES = 2_000;

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("pipelined writes share entries; writes of one key never do, so each modIndex names one write")
    void when_writes_arrive_together_then_they_share_entries_but_never_with_the_same_key() throws Exception {
        int port = FreePorts.one();
        ServerConfig config = ServerConfig.of("n1", "c1", dir.resolve("n1"),
                Map.of("n1", new InetSocketAddress("127.0.0.1", port)), false)
                .withRaft(RaftConfig.defaults("n1").withTicks(10, 1)).withStorage(StorageConfig.forTests())
                .withAuth(AuthConfig.off()).withTickMillis(20);
        try (RaftServer server = RaftServer.start(config); RawClient c = RawClient.open(server.address(), "c1")) {
            Eventually.await(Duration.ofSeconds(20), "the single node to lead", () -> {
                Response r = c.call(new Request.Status());
                return r instanceof Response.StatusResult s && s.status().isLeader() ? true : null;
            });
            List<Request> writes = new ArrayList<>();
            for (int i = 0; i < WRITES; i++) {
                writes.add(new Request.Write(Command.of(Put.of(bytes("k" + (i % KEYS)), bytes("v" + i)))));
            }
            List<Response> answers = c.pipeline(writes);

            Map<Integer, Long> lastIndexOfKey = new HashMap<>();
            Set<Long> indexes = new HashSet<>();
            for (int i = 0; i < WRITES; i++) {
                Response.WriteResult w = (Response.WriteResult) answers.get(i);
                assertThat(w.result().applied()).isTrue();
                assertThat(w.result().ops().get(0).modIndex()).isEqualTo(w.index());
                Long before = lastIndexOfKey.put(i % KEYS, w.index());
                if (before != null) {
                    assertThat(w.index()).as("write %d of key k%d comes after the key's previous write", i, i % KEYS)
                            .isGreaterThan(before);
                }
                indexes.add(w.index());
            }
            assertThat(indexes.size()).as("entries used by %d writes", WRITES).isLessThan(WRITES);
            for (int k = 0; k < KEYS; k++) {
                Response.GetResult g = (Response.GetResult) c.call(new Request.Get(bytes("k" + k),
                        ReadConsistency.LINEARIZABLE));
                int last = WRITES - KEYS + k;
                assertThat(g.value()).isEqualTo(bytes("v" + last));
                assertThat(g.modIndex()).isEqualTo(lastIndexOfKey.get(k));
            }
        }
    }
}
