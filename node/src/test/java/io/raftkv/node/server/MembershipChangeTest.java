package io.raftkv.node.server;

import static io.raftkv.node.server.LeaderFailoverTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.Put;
import io.raftkv.client.command.Session;
import io.raftkv.client.rpc.ClusterStatus;
import io.raftkv.client.rpc.MemberInfo;
import io.raftkv.client.rpc.MemberRole;
import io.raftkv.client.rpc.ReadConsistency;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Single-server membership changes (thesis §4.1) and leadership transfer (§3.10) under write load. */
class MembershipChangeTest {

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
    @DisplayName("thesis §4.1/§3.10 under write load: add a learner, promote it, remove an original member, transfer leadership; no write lost or applied twice")
    void when_membership_changes_under_load_then_no_write_lost_or_doubled() throws Exception {
        cluster = new ProcessCluster(dir, 3, List.of());
        cluster.startAll();
        String leader = cluster.awaitLeader(cluster.ids(), Duration.ofSeconds(30));
        InetSocketAddress n4 = cluster.reserve("n4");
        List<InetSocketAddress> seeds = List.of(cluster.address("n1"), cluster.address("n2"), cluster.address("n3"), n4);
        List<String> acked = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (FollowingClient c = new FollowingClient(seeds, ProcessCluster.CLUSTER_ID)) {
                for (int i = 1; writing.get(); i++) {
                    String key = "w" + i;
                    // PutIfAbsent: applied twice, the second application would report applied=false.
                    Response r = c.call(new Request.Write(new Command.Single(new Session(21, i),
                            Put.ifAbsent(bytes(key), bytes("v" + i)))), Duration.ofSeconds(30));
                    assertThat(r).as("write %s", key).isInstanceOf(Response.WriteResult.class);
                    assertThat(((Response.WriteResult) r).result().applied()).as("write %s applied once", key).isTrue();
                    acked.add(key);
                }
            } catch (Throwable t) {
                writerFailure.set(t);
            }
        }, "writer");
        writer.start();
        try (FollowingClient admin = new FollowingClient(seeds.subList(0, 3), ProcessCluster.CLUSTER_ID)) {
            awaitWrites(acked, 50);
            cluster.start("n4", cluster.clusterArg(List.of("n1", "n2", "n3", "n4")), true);
            adminCall(admin, new Request.AddLearner("n4", "127.0.0.1:" + n4.getPort()));
            Eventually.await(Duration.ofSeconds(30), "n4 to catch up", () -> {
                ClusterStatus s = cluster.status("n4");
                return s != null && s.appliedIndex() > 0 && s.members().size() == 4 ? s : null;
            });
            awaitWrites(acked, acked.size() + 50);
            adminCall(admin, new Request.PromoteLearner("n4"));
            String removed = leader.equals("n1") ? "n2" : "n1";
            awaitWrites(acked, acked.size() + 50);
            adminCall(admin, new Request.RemoveMember(removed));
            awaitWrites(acked, acked.size() + 50);
            adminCall(admin, new Request.TransferLeadership("n4"));
            List<String> remaining = new ArrayList<>(List.of("n1", "n2", "n3", "n4"));
            remaining.remove(removed);
            String newLeader = cluster.awaitLeader(remaining, Duration.ofSeconds(30));
            assertThat(newLeader).isEqualTo("n4");
            awaitWrites(acked, acked.size() + 50);
            writing.set(false);
            writer.join(60_000);
            assertThat(writerFailure.get()).isNull();
            cluster.kill(removed);
            ClusterStatus n4Status = cluster.status("n4");
            assertThat(n4Status.members()).extracting(MemberInfo::nodeId).containsExactlyInAnyOrderElementsOf(remaining);
            assertThat(n4Status.members()).allMatch(m -> m.role() == MemberRole.VOTER);
            for (String key : acked) {
                Response r = admin.call(new Request.Get(bytes(key), ReadConsistency.LINEARIZABLE), Duration.ofSeconds(20));
                assertThat(((Response.GetResult) r).found()).as("acknowledged %s", key).isTrue();
            }
            Eventually.await(Duration.ofSeconds(30), "equal digests on the remaining members", () -> {
                List<ClusterStatus> all = new ArrayList<>();
                for (String id : remaining) {
                    all.add(cluster.status(id));
                }
                return all.stream().allMatch(s -> s != null && s.appliedIndex() == all.get(0).appliedIndex()
                        && s.dataDigest().length > 0 && Arrays.equals(s.dataDigest(), all.get(0).dataDigest())) ? all : null;
            });
        } finally {
            writing.set(false);
            writer.join(60_000);
        }
    }

    @Test
    @DisplayName("thesis §4.2.2 removing the leader itself: it steps down once the change commits, the others elect a leader and writes go on")
    void when_leader_removes_itself_then_others_take_over() throws Exception {
        cluster = new ProcessCluster(dir, 3, List.of());
        cluster.startAll();
        String leader = cluster.awaitLeader(cluster.ids(), Duration.ofSeconds(30));
        List<String> rest = new ArrayList<>(cluster.ids());
        rest.remove(leader);
        try (FollowingClient c = new FollowingClient(List.of(cluster.address(rest.get(0)), cluster.address(rest.get(1))),
                ProcessCluster.CLUSTER_ID)) {
            assertThat(c.call(new Request.Write(Command.of(Put.of(bytes("before"), bytes("1")))), Duration.ofSeconds(30)))
                    .isInstanceOf(Response.WriteResult.class);
            adminCall(c, new Request.RemoveMember(leader));
            String next = cluster.awaitLeader(rest, Duration.ofSeconds(30));
            assertThat(rest).contains(next);
            assertThat(c.call(new Request.Write(Command.of(Put.of(bytes("after"), bytes("2")))), Duration.ofSeconds(30)))
                    .isInstanceOf(Response.WriteResult.class);
            ClusterStatus s = cluster.status(next);
            assertThat(s.members()).extracting(MemberInfo::nodeId).containsExactlyInAnyOrderElementsOf(rest);
            ClusterStatus old = cluster.status(leader);
            assertThat(old.isLeader()).isFalse();
        }
    }

    private static void adminCall(FollowingClient admin, Request request) throws Exception {
        Eventually.await(Duration.ofSeconds(30), "admin " + request, () -> {
            Response r = admin.call(request, Duration.ofSeconds(10));
            return r instanceof Response.AdminResult ? r : null;
        });
    }

    private static void awaitWrites(List<String> acked, int atLeast) throws InterruptedException {
        Eventually.await(Duration.ofSeconds(30), atLeast + " acknowledged writes", () -> acked.size() >= atLeast ? true : null);
    }
}
