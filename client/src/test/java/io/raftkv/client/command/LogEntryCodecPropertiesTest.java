package io.raftkv.client.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class LogEntryCodecPropertiesTest {

    @Provide
    Arbitrary<LogEntry> entries() {
        return Combinators.combine(
                Arbitraries.longs().between(1, Long.MAX_VALUE),
                Arbitraries.longs().between(1, Long.MAX_VALUE),
                Arbitraries.of(EntryType.class),
                CommandArbitraries.bytes(300)).as(LogEntry::new);
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
    }

    @Property
    void when_an_entry_is_encoded_then_decoding_gives_it_back(@ForAll("entries") LogEntry entry)
            throws CodecException {
        assertThat(LogEntryCodec.decode(LogEntryCodec.encode(entry))).isEqualTo(entry);
    }

    @Property
    void when_an_entry_is_truncated_then_decode_throws_CodecException(@ForAll("entries") LogEntry entry,
            @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] full = LogEntryCodec.encode(entry);
        byte[] truncated = Arrays.copyOf(full, cut % full.length);
        assertThatThrownBy(() -> LogEntryCodec.decode(truncated)).isInstanceOf(CodecException.class);
    }

    @Property
    void when_bytes_are_garbage_or_flipped_then_only_CodecException_is_thrown(@ForAll("garbage") byte[] bytes,
            @ForAll("entries") LogEntry entry, @ForAll @IntRange(min = 0, max = 100_000) int flip) {
        byte[] flipped = LogEntryCodec.encode(entry);
        flipped[flip % flipped.length] ^= (byte) (1 << (flip % 8));
        for (byte[] input : new byte[][] {bytes, flipped}) {
            try {
                LogEntry decoded = LogEntryCodec.decode(input);
                assertThat(LogEntryCodec.encode(decoded)).isEqualTo(input);
            } catch (CodecException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Property(tries = 30)
    void when_the_payload_length_is_huge_then_decode_fails_without_allocating_it(
            @ForAll @IntRange(min = 31, max = 62) int log2Length) {
        ByteWriter w = new ByteWriter(16);
        w.writeByte(LogEntryCodec.VERSION);
        w.writeByte(EntryType.COMMAND.code());
        w.writeVarLong(1);
        w.writeVarLong(1);
        w.writeVarLong(1L << log2Length);
        w.writeByte(7);
        byte[] bytes = w.toByteArray();
        assertThatThrownBy(() -> LogEntryCodec.decode(bytes))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("only 1 remain");
    }
}
