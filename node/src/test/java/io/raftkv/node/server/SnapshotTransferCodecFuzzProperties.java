package io.raftkv.node.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.protocol.ProtocolException;
import io.raftkv.node.raft.Membership;
import io.raftkv.node.raft.SnapshotMeta;
import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * jqwik-driven mutation of snapshot transfer bodies (package-private codec, so fuzzed here
 * rather than by {@code bin/raftkv fuzz}): a mutated body decodes or fails with
 * {@link ProtocolException}, never another exception, and a huge declared length is refused
 * without allocating it.
 */
class SnapshotTransferCodecFuzzProperties {

    static final int[] EXTREME = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0, 0x7FFFFFF0, 1 << 30};

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> chunks = Combinators.combine(Arbitraries.longs().between(0, 1000),
                Arbitraries.longs().between(1, 1000), Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
                .as((term, index, data) -> SnapshotTransferCodec.encode(new SnapshotTransferMessage.Chunk("n1", "n2",
                        term, new SnapshotMeta(index, term, Membership.ofVoters("n1", "n2", "n3")), 0,
                        data.length, data)));
        Arbitrary<byte[]> acks = Combinators.combine(Arbitraries.longs().between(0, 1000),
                Arbitraries.longs().between(0, 1000)).as((index, next) -> SnapshotTransferCodec.encode(
                        new SnapshotTransferMessage.Ack("n2", "n1", index, next)));
        return Arbitraries.oneOf(chunks, acks);
    }

    /** One of: bit flip, truncation, byte overwrite, a 4-byte field set to an extreme value. */
    static byte[] mutate(byte[] valid, int kind, int position, int value) {
        byte[] b = valid.clone();
        int at = Math.floorMod(position, Math.max(1, b.length));
        switch (kind) {
            case 0:
                b[at] ^= (byte) (1 << Math.floorMod(value, 8));
                return b;
            case 1:
                return Arrays.copyOf(b, at);
            case 2:
                b[at] = (byte) value;
                return b;
            default:
                if (b.length >= 4) {
                    ByteBuffer.wrap(b).putInt(Math.min(at, b.length - 4), EXTREME[Math.floorMod(value, EXTREME.length)]);
                }
                return b;
        }
    }

    @Property(tries = 3000)
    void a_mutated_transfer_body_decodes_or_fails_only_with_ProtocolException(@ForAll("bodies") byte[] valid,
            @ForAll @IntRange(min = 0, max = 3) int kind, @ForAll int position, @ForAll int value) {
        byte[] input = mutate(valid, kind, position, value);
        try {
            assertThat(SnapshotTransferCodec.decode(input)).isNotNull();
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 200)
    void a_declared_length_of_2_GiB_is_refused_without_allocating(@ForAll("bodies") byte[] valid,
            @ForAll int position) {
        byte[] input = mutate(valid, 3, position, 0);
        long before = allocated();
        try {
            SnapshotTransferCodec.decode(input);
        } catch (ProtocolException expected) {
            // refused: what a hostile length deserves
        }
        assertThat(allocated() - before).isLessThan(1 << 20);
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
