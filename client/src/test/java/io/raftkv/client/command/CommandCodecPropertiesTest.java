package io.raftkv.client.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class CommandCodecPropertiesTest {

    @Provide
    Arbitrary<Command> commands() {
        return CommandArbitraries.commands();
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    }

    @Provide
    Arbitrary<CommandResult> results() {
        Arbitrary<OpResult> op = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.longs().between(0, Long.MAX_VALUE)).as(OpResult::new);
        return op.list().ofMinSize(1).ofMaxSize(10).flatMap(ops -> Arbitraries.integers().between(-1, ops.size() - 1)
                .map(failed -> new CommandResult(failed == -1, failed, ops)));
    }

    @Property
    void when_a_command_is_encoded_then_decoding_gives_it_back(@ForAll("commands") Command command)
            throws CodecException {
        assertThat(CommandCodec.decode(CommandCodec.encode(command))).isEqualTo(command);
    }

    @Property
    void when_a_result_is_encoded_then_decoding_gives_it_back(@ForAll("results") CommandResult result)
            throws CodecException {
        assertThat(CommandCodec.decodeResult(CommandCodec.encodeResult(result))).isEqualTo(result);
    }

    @Property
    void when_arbitrary_bytes_are_decoded_then_only_CodecException_is_thrown(@ForAll("garbage") byte[] bytes) {
        decodeExpectingOnlyCodecException(bytes);
    }

    @Property
    void when_an_encoding_is_truncated_then_decode_throws_CodecException(
            @ForAll("commands") Command command, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] full = CommandCodec.encode(command);
        byte[] truncated = Arrays.copyOf(full, cut % full.length);
        assertThatThrownBy(() -> CommandCodec.decode(truncated)).isInstanceOf(CodecException.class);
    }

    @Property
    void when_bits_are_flipped_then_decode_returns_a_command_or_throws_CodecException(
            @ForAll("commands") Command command, @ForAll @IntRange(min = 0, max = 100_000) int position,
            @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] bytes = CommandCodec.encode(command);
        bytes[position % bytes.length] ^= (byte) (1 << bit);
        decodeExpectingOnlyCodecException(bytes);
    }

    @Property
    void when_result_bytes_are_garbage_then_only_CodecException_is_thrown(@ForAll("garbage") byte[] bytes) {
        try {
            CommandResult r = CommandCodec.decodeResult(bytes);
            assertThat(CommandCodec.encodeResult(r)).isEqualTo(bytes);
        } catch (CodecException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private static void decodeExpectingOnlyCodecException(byte[] bytes) {
        try {
            Command c = CommandCodec.decode(bytes);
            // whatever decodes must encode back to the same bytes: the encoding is canonical
            assertThat(CommandCodec.encode(c)).isEqualTo(bytes);
        } catch (CodecException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 50)
    void when_a_huge_length_is_declared_in_a_small_input_then_decode_fails_without_allocating_it(
            @ForAll @IntRange(min = 31, max = 62) int log2Length) {
        // a put whose key claims 2^log2Length bytes, followed by 3 bytes
        ByteWriter w = new ByteWriter(16);
        w.writeByte(CommandCodec.VERSION);
        w.writeByte(1);
        w.writeVarLong(0);
        w.writeVarLong(0);
        w.writeByte(1);
        w.writeVarLong(1L << log2Length);
        w.writeByte(0);
        w.writeByte(0);
        w.writeByte(0);
        byte[] bytes = w.toByteArray();
        // the message proves the length was compared with the input before any array was made
        assertThatThrownBy(() -> CommandCodec.decode(bytes))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("declares " + (1L << log2Length) + " bytes but only 3 remain");
    }

    @Property(tries = 50)
    void when_a_huge_batch_count_is_declared_then_decode_fails_before_allocating_the_list(
            @ForAll @IntRange(min = 20, max = 62) int log2Count) {
        ByteWriter w = new ByteWriter(16);
        w.writeByte(CommandCodec.VERSION);
        w.writeByte(2);
        w.writeVarLong(0);
        w.writeVarLong(0);
        w.writeVarLong(1L << log2Count);
        byte[] op = CommandCodec.encode(Command.of(Delete.of(new byte[] {1})));
        for (int i = 4; i < op.length; i++) {
            w.writeByte(op[i]);
        }
        byte[] bytes = w.toByteArray();
        assertThatThrownBy(() -> CommandCodec.decode(bytes))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("batch op count");
    }

    @Property(tries = 20)
    void when_a_batch_is_decoded_then_its_ops_keep_their_order(@ForAll("commands") Command a,
            @ForAll("commands") Command b) throws CodecException {
        List<Op> ops = new java.util.ArrayList<>(a.ops());
        ops.addAll(b.ops());
        Command batch = Command.batch(ops);
        assertThat(CommandCodec.decode(CommandCodec.encode(batch)).ops()).containsExactlyElementsOf(ops);
    }

    @Property
    void when_commands_are_grouped_then_the_group_gives_back_each_encoding(
            @ForAll("commands") Command a, @ForAll("commands") Command b) throws CodecException {
        byte[] group = CommandCodec.encodeGroup(List.of(CommandCodec.encode(a), CommandCodec.encode(b)));
        assertThat(CommandCodec.isGroup(group)).isTrue();
        assertThat(CommandCodec.isGroup(CommandCodec.encode(a))).isFalse();
        List<byte[]> members = CommandCodec.decodeGroup(group);
        assertThat(members).hasSize(2);
        assertThat(CommandCodec.decode(members.get(0))).isEqualTo(a);
        assertThat(CommandCodec.decode(members.get(1))).isEqualTo(b);
        assertThatThrownBy(() -> CommandCodec.decode(group)).as("a group is not a command")
                .isInstanceOf(CodecException.class);
    }

    @Property
    void when_a_group_is_truncated_or_garbage_then_decodeGroup_throws_only_CodecException(
            @ForAll("commands") Command a, @ForAll @IntRange(min = 0, max = 10_000) int cut,
            @ForAll("garbage") byte[] garbage) {
        byte[] full = CommandCodec.encodeGroup(List.of(CommandCodec.encode(a)));
        byte[] truncated = Arrays.copyOf(full, cut % full.length);
        assertThatThrownBy(() -> CommandCodec.decodeGroup(truncated)).isInstanceOf(CodecException.class);
        try {
            CommandCodec.decodeGroup(garbage);
        } catch (CodecException expected) {
            // the only exception allowed
        }
    }

    @Property(tries = 20)
    void when_a_group_would_nest_or_be_empty_then_it_is_refused(@ForAll("commands") Command a) {
        byte[] inner = CommandCodec.encodeGroup(List.of(CommandCodec.encode(a)));
        assertThatThrownBy(() -> CommandCodec.encodeGroup(List.of(inner))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandCodec.encodeGroup(List.of())).isInstanceOf(IllegalArgumentException.class);
        // a hand-made nested group: version, kind 3, count 1, then the inner group as a member
        byte[] nested = new byte[3 + 1 + inner.length];
        nested[0] = 1;
        nested[1] = 3;
        nested[2] = 1;
        nested[3] = (byte) inner.length;
        System.arraycopy(inner, 0, nested, 4, inner.length);
        if (inner.length < 128) {
            assertThatThrownBy(() -> CommandCodec.decodeGroup(nested)).isInstanceOf(CodecException.class)
                    .hasMessageContaining("itself a group");
        }
    }
}
