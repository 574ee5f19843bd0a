package io.raftkv.node.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.protocol.ProtocolException;
import io.raftkv.node.raft.Membership;
import io.raftkv.node.raft.SnapshotMeta;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SnapshotTransferCodecTest {

    private static final SnapshotMeta META = new SnapshotMeta(42, 3, new Membership(Set.of("n1", "n2"), Set.of("n4")));

    @Test
    void when_a_chunk_is_encoded_then_it_decodes_to_the_same_fields() throws Exception {
        var chunk = new SnapshotTransferMessage.Chunk("n1", "n2", 7, META, 10, 13, new byte[] {1, 2, 3});
        byte[] body = SnapshotTransferCodec.encode(chunk);
        assertThat(SnapshotTransferCodec.isTransfer(body)).isTrue();
        var back = (SnapshotTransferMessage.Chunk) SnapshotTransferCodec.decode(body);
        assertThat(back.meta()).isEqualTo(META);
        assertThat(back.data()).containsExactly(1, 2, 3);
        assertThat(back.last()).isTrue();
        assertThat(back.offset()).isEqualTo(10);
        assertThat(back.term()).isEqualTo(7);
    }

    @Test
    void when_an_ack_is_encoded_then_it_decodes_to_the_same_fields() throws Exception {
        var ack = new SnapshotTransferMessage.Ack("n2", "n1", 42, 4096);
        assertThat(SnapshotTransferCodec.decode(SnapshotTransferCodec.encode(ack))).isEqualTo(ack);
    }

    @Test
    void when_a_chunk_claims_more_data_than_the_file_then_decoding_refuses_it() {
        byte[] body = SnapshotTransferCodec.encode(new SnapshotTransferMessage.Chunk("n1", "n2", 1, META, 0, 3,
                new byte[] {1, 2, 3}));
        body[body.length - 3 - 4 - 1] = 2; // total bytes 3 -> 2, below offset + data
        assertThatThrownBy(() -> SnapshotTransferCodec.decode(body)).isInstanceOf(ProtocolException.class);
    }

    @Property(tries = 500)
    void decoding_any_bytes_throws_only_protocol_exceptions(@ForAll("bodies") byte[] body) {
        try {
            SnapshotTransferCodec.decode(body);
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        byte[] valid = SnapshotTransferCodec.encode(new SnapshotTransferMessage.Chunk("n1", "n2", 1, META, 0, 3,
                new byte[] {1, 2, 3}));
        Arbitrary<byte[]> mutated = Arbitraries.integers().between(0, valid.length - 1).tuple2()
                .map(t -> {
                    byte[] copy = valid.clone();
                    copy[t.get1()] = (byte) (copy[t.get1()] ^ (t.get2() + 1));
                    return java.util.Arrays.copyOf(copy, Math.max(1, t.get2()));
                });
        return Arbitraries.oneOf(random, mutated);
    }
}
