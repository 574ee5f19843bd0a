package io.raftkv.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Small seeded schedules over the in-test cluster: partitions, drops, duplicates, reordering,
 * crashes with restarts, snapshots and reads. After every schedule: at most one leader per term,
 * no two different entries applied at one index, and once healed the cluster converges. (The
 * big seeded simulator is io.raftkv.node.sim; this keeps a fast property inside the core.)
 */
class RandomSchedulePropertiesTest {

    @Property(tries = 40)
    void safeAndLiveUnderRandomFaults(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 3, max = 5) int size) {
        run(seed, size, TestFaults.NONE);
    }

    @Property(tries = 5)
    void sameSeedSameTrace(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        List<String> first = trace(seed);
        assertThat(trace(seed)).isEqualTo(first);
    }

    private static List<String> trace(long seed) {
        run(seed, 3, TestFaults.NONE);
        List<String> out = new ArrayList<>();
        for (Message m : last.delivered) {
            out.add(m.toString());
        }
        assertThat(out).hasSizeGreaterThan(100);
        return out;
    }

    static TestCluster last;

    static void run(long seed, int size, TestFaults faults) {
        Random rnd = new Random(seed);
        TestCluster c = last = TestCluster.of(size, cfg -> cfg.withSnapshots(8, 2)
                .withReadMode(rnd.nextBoolean() ? ReadMode.SAFE : ReadMode.LEASE)
                .withFaults(faults));
        List<String> ids = new ArrayList<>(c.peers.keySet());
        int proposals = 0;
        for (int step = 0; step < 300; step++) {
            for (String id : ids) {
                c.processReady(id);
            }
            Collections.shuffle(c.queue, rnd);
            List<Message> batch = new ArrayList<>(c.queue);
            c.queue.clear();
            for (Message m : batch) {
                int dice = rnd.nextInt(20);
                if (dice == 0 || c.peer(m.to()).down) {
                    continue;
                }
                if (dice == 1) {
                    c.queue.add(m);
                }
                c.deliverNow(m);
            }
            for (TestCluster.Peer p : c.peers.values()) {
                if (!p.down) {
                    p.node.tick();
                }
            }
            int event = rnd.nextInt(40);
            String victim = ids.get(rnd.nextInt(ids.size()));
            if (event == 0) {
                c.heal();
                c.isolate(victim);
            } else if (event == 1) {
                c.heal();
            } else if (event == 2 && downCount(c) < (size - 1) / 2) {
                c.crash(victim);
            } else if (event == 3 && c.peer(victim).down) {
                c.restart(victim);
            }
            String leader = c.leader();
            if (leader != null && rnd.nextInt(2) == 0) {
                try {
                    c.propose(leader, "v" + proposals++);
                } catch (RaftException e) {
                    // back-pressure or transfer: a client would retry
                }
                if (rnd.nextInt(10) == 0) {
                    c.node(leader).readIndex(step);
                }
            }
        }
        c.heal();
        for (TestCluster.Peer p : c.peers.values()) {
            if (p.down) {
                c.restart(p.id);
            }
        }
        String leader = c.tickUntilLeader(500);
        assertThat(c.violations).as("seed %d", seed).isEmpty();
        assertThat(leader).as("seed %d: a leader after healing", seed).isNotNull();
        c.propose(leader, "final");
        c.tickAll(25); // a snapshot lost before healing is retried after an election timeout
        List<String> expected = c.appliedCommands(leader);
        assertThat(expected).as("seed %d", seed).contains("final");
        for (String id : ids) {
            assertThat(c.appliedCommands(id)).as("seed %d: %s", seed, id).isEqualTo(expected);
        }
        assertThat(c.violations).as("seed %d", seed).isEmpty();
    }

    private static int downCount(TestCluster c) {
        int n = 0;
        for (TestCluster.Peer p : c.peers.values()) {
            if (p.down) {
                n++;
            }
        }
        return n;
    }
}
