package io.raftkv.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Random schedules with membership changes (add learner, promote, remove, the leader included)
 * and leadership transfers on top of partitions, drops, reordering, crashes and restarts. Safety must hold
 * throughout, and after healing the members of the final membership converge.
 */
class ReconfigurationPropertiesTest {

    @Property(tries = 30)
    void safeAndLiveUnderReconfiguration(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Random rnd = new Random(seed);
        TestCluster c = TestCluster.of(3, cfg -> cfg.withSnapshots(10, 2));
        for (String spare : List.of("n4", "n5")) {
            c.add(spare, RaftConfig.defaults(spare).withSnapshots(10, 2), PersistedState.joining());
        }
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
                if (rnd.nextInt(25) != 0) {
                    c.deliverNow(m);
                }
            }
            for (String id : ids) {
                if (!c.peer(id).down) {
                    c.node(id).tick();
                }
            }
            String victim = ids.get(rnd.nextInt(ids.size()));
            switch (rnd.nextInt(30)) {
                case 0 -> {
                    c.heal();
                    c.isolate(victim);
                }
                case 1 -> c.heal();
                case 2 -> {
                    if (ids.stream().noneMatch(id -> c.peer(id).down)) {
                        c.crash(victim);
                    }
                }
                case 3 -> {
                    if (c.peer(victim).down) {
                        c.restart(victim);
                    }
                }
                default -> {
                }
            }
            String leader = c.leader();
            if (leader == null) {
                continue;
            }
            try {
                if (rnd.nextInt(2) == 0) {
                    c.propose(leader, "v" + proposals++);
                }
                int admin = rnd.nextInt(25);
                Membership m = c.node(leader).status().membership();
                if (admin == 0) {
                    c.node(leader).proposeMembershipChange(new MembershipChange.AddLearner(victim));
                } else if (admin == 1 && !m.learners().isEmpty()) {
                    c.node(leader).proposeMembershipChange(
                            new MembershipChange.PromoteLearner(m.learners().iterator().next()));
                } else if (admin == 2 && m.voters().size() > 3) {
                    c.node(leader).proposeMembershipChange(new MembershipChange.RemoveMember(victim));
                } else if (admin == 3) {
                    c.node(leader).transferLeadership(victim);
                }
            } catch (RaftException e) {
                // refused (pending change, not caught up, transfer, not a member...): fine
            }
        }
        c.heal();
        for (String id : ids) {
            if (c.peer(id).down) {
                c.restart(id);
            }
        }
        String leader = null;
        for (int i = 0; i < 600 && !converged(c, leader); i++) {
            c.tickAll(1);
            leader = c.leader();
        }
        assertThat(c.violations).as("seed %d", seed).isEmpty();
        assertThat(converged(c, leader)).as("seed %d converged", seed).isTrue();
        boolean accepted = false;
        for (int i = 0; i < 100 && !accepted; i++) {
            try {
                c.propose(leader, "final");
                accepted = true;
            } catch (RaftException e) {
                c.tickAll(1); // e.g. a transfer still running: retry like a client
                leader = c.leader() == null ? leader : c.leader();
            }
        }
        assertThat(accepted).as("seed %d: final proposal accepted", seed).isTrue();
        c.tickAll(25);
        Membership members = c.node(leader).status().membership();
        List<String> expected = c.appliedCommands(leader);
        assertThat(expected).contains("final");
        for (String id : members.all()) {
            assertThat(c.appliedCommands(id)).as("seed %d: %s", seed, id).isEqualTo(expected);
            assertThat(c.node(id).status().membership()).as("seed %d: %s", seed, id)
                    .isEqualTo(members);
        }
        assertThat(c.violations).as("seed %d", seed).isEmpty();
    }

    private static boolean converged(TestCluster c, String leader) {
        if (leader == null) {
            return false;
        }
        for (String id : c.node(leader).status().membership().all()) {
            if (!leader.equals(c.node(id).softState().leaderId())) {
                return false;
            }
        }
        return true;
    }
}
