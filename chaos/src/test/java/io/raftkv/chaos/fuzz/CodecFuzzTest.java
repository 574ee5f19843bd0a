package io.raftkv.chaos.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The bounded CI run of every codec target: a fixed run seed, {@link #TRIES} tries each (a few
 * seconds in all). The long run is {@code bin/raftkv fuzz}. The teeth tests show the harness
 * catches what it claims to: an undocumented exception and an allocation of a declared length.
 */
class CodecFuzzTest {

    static final long TRIES = 20_000;
    static final long RUN_SEED = 20_261_126L;

    @TestFactory
    Stream<DynamicTest> every_codec_refuses_mutated_input_only_with_its_typed_exception() {
        return CodecTargets.all().stream().map(t -> DynamicTest.dynamicTest(t.name(), () -> {
            FuzzRun.Tally tally = FuzzRun.run(List.of(t), RUN_SEED, Long.MAX_VALUE, TRIES).get(0);
            assertThat(tally.tries()).isEqualTo(TRIES);
            assertThat(tally.firstFailures()).as("failures of %s", t.name()).isEmpty();
        }));
    }

    @Test
    void when_a_decoder_throws_an_undocumented_exception_then_the_try_fails_with_seed_and_input() {
        CodecTarget broken = new CodecTarget("teeth/npe", r -> new byte[] {1, 2, 3, 4, 5, 6, 7, 8},
                b -> {
                    if (b.length != 8) {
                        throw new NullPointerException("boom");
                    }
                    return b;
                }, List.of(ProtocolException.class));
        FuzzRun.Tally tally = FuzzRun.run(List.of(broken), 1, Long.MAX_VALUE, 200).get(0);
        assertThat(tally.failures()).isPositive();
        FuzzFailure f = tally.firstFailures().get(0);
        assertThat(f.getCause()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> broken.tryOnce(f.seed())).isInstanceOf(FuzzFailure.class);
    }

    @Test
    void when_a_decoder_allocates_a_declared_length_then_the_try_fails() {
        CodecTarget greedy = new CodecTarget("teeth/alloc", r -> ByteBuffer.allocate(8).putInt(4).putInt(7).array(),
                b -> {
                    if (b.length < 4) {
                        throw new ProtocolException(ProtocolException.Reason.MALFORMED_BODY, "short");
                    }
                    int n = ByteBuffer.wrap(b).getInt();
                    if (n < 0 || n > 64 << 20) {
                        throw new ProtocolException(ProtocolException.Reason.MALFORMED_BODY, "length " + n);
                    }
                    return new byte[n];
                }, List.of(ProtocolException.class));
        FuzzRun.Tally tally = FuzzRun.run(List.of(greedy), 1, Long.MAX_VALUE, 2_000).get(0);
        assertThat(tally.firstFailures()).isNotEmpty();
        assertThat(tally.firstFailures().get(0).getMessage()).contains("allocated");
    }
}
