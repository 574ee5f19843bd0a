package io.raftkv.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The in-memory network: partitions, faults and deterministic delivery order. */
class SimNetworkTest {

    private static List<String> deliverAll(SimNetwork<String> net, long until) {
        List<String> out = new ArrayList<>();
        for (long t = 0; t <= until; t++) {
            SimNetwork.Envelope<String> e;
            while ((e = net.poll(t)) != null) {
                out.add(t + ":" + e.message());
            }
        }
        return out;
    }

    @Test
    @DisplayName("without faults every message arrives one tick later, in send order")
    void when_faults_off_then_fifo_next_tick() {
        SimNetwork<String> net = new SimNetwork<>(new SplittableRandom(1), new Links(3));
        net.send(0, 1, "a", 0);
        net.send(0, 2, "b", 0);
        assertThat(deliverAll(net, 5)).containsExactly("1:a", "1:b");
    }

    @Test
    @DisplayName("a cut link loses messages at send and those already in flight")
    void when_link_cut_then_messages_lost() {
        Links links = new Links(3);
        SimNetwork<String> net = new SimNetwork<>(new SplittableRandom(1), links);
        net.send(0, 1, "in-flight", 0);
        links.isolate(1);
        net.send(0, 1, "after-cut", 0);
        net.send(0, 2, "other", 0);
        assertThat(deliverAll(net, 5)).containsExactly("1:other");
        assertThat(net.dropped()).isEqualTo(2);
    }

    @Test
    @DisplayName("one-way and bridge partitions cut exactly the links they name")
    void when_partition_shapes_then_links_match() {
        Links links = new Links(5);
        links.oneWay(0, 1);
        assertThat(links.isCut(0, 1)).isTrue();
        assertThat(links.isCut(1, 0)).isFalse();
        links.bridge(new boolean[] {true, true, false, false, false}, 2);
        assertThat(links.isCut(0, 3)).isTrue();
        assertThat(links.isCut(0, 2)).isFalse();
        assertThat(links.isCut(2, 4)).isFalse();
        assertThat(links.isCut(3, 4)).isFalse();
        links.heal();
        assertThat(links.anyCut()).isFalse();
    }

    @Test
    @DisplayName("with faults on, the same seed loses, duplicates and reorders the same messages")
    void when_faults_on_then_delivery_is_seeded() {
        List<List<String>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            SimNetwork<String> net = new SimNetwork<>(new SplittableRandom(5), new Links(2));
            net.setFaults(true, 0.2, 0.2, 5);
            for (int i = 0; i < 200; i++) {
                net.send(0, 1, "m" + i, i / 10);
            }
            runs.add(deliverAll(net, 40));
            assertThat(net.dropped()).isPositive();
            assertThat(net.duplicated()).isPositive();
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        List<String> order = new ArrayList<>(runs.get(0));
        order.replaceAll(s -> s.substring(s.indexOf(':') + 1));
        assertThat(order).isNotEqualTo(order.stream().sorted((a, b) ->
                Integer.compare(Integer.parseInt(a.substring(1)), Integer.parseInt(b.substring(1)))).toList());
    }
}
