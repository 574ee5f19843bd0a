package io.raftkv.node.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import io.raftkv.client.protocol.ProtocolException;
import io.raftkv.client.protocol.WireWriter;
import io.raftkv.node.raft.AppendEntries;
import io.raftkv.node.raft.AppendEntriesResponse;
import io.raftkv.node.raft.Heartbeat;
import io.raftkv.node.raft.HeartbeatResponse;
import io.raftkv.node.raft.InstallSnapshot;
import io.raftkv.node.raft.InstallSnapshotResponse;
import io.raftkv.node.raft.Membership;
import io.raftkv.node.raft.Message;
import io.raftkv.node.raft.ReadIndexRequest;
import io.raftkv.node.raft.ReadIndexResponse;
import io.raftkv.node.raft.RequestVote;
import io.raftkv.node.raft.RequestVoteResponse;
import io.raftkv.node.raft.Snapshot;
import io.raftkv.node.raft.SnapshotMeta;
import io.raftkv.node.raft.TimeoutNow;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RaftMessageCodecTest {

    private static Arbitrary<String> ids() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
    }

    private static Arbitrary<Long> longs() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE);
    }

    private static Arbitrary<LogEntry> entries() {
        return Combinators.combine(Arbitraries.longs().between(1, 1_000_000), Arbitraries.longs().between(1, 1L << 40),
                Arbitraries.of(EntryType.class), Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                .as(LogEntry::new);
    }

    private static Arbitrary<Snapshot> snapshots() {
        Arbitrary<Membership> membership = ids().set().ofMaxSize(5).flatMap(voters ->
                ids().filter(id -> !voters.contains(id)).set().ofMaxSize(3).map(learners -> new Membership(voters, learners)));
        return Combinators.combine(longs(), longs(), membership, Arbitraries.bytes().array(byte[].class).ofMaxSize(100))
                .as((index, term, m, data) -> new Snapshot(new SnapshotMeta(index, term, m), data));
    }

    @Provide
    Arbitrary<Message> messages() {
        Arbitrary<String> f = ids();
        Arbitrary<String> t = ids();
        Arbitrary<Long> term = longs();
        Arbitrary<Boolean> b = Arbitraries.of(true, false);
        return Arbitraries.oneOf(
                Combinators.combine(f, t, term, longs(), longs(), b, b).as(RequestVote::new),
                Combinators.combine(f, t, term, b, b).as(RequestVoteResponse::new),
                Combinators.combine(f, t, term, longs(), longs(), entries().list().ofMaxSize(6), longs())
                        .as(AppendEntries::new),
                Combinators.combine(f, t, term, b, longs(), longs(), longs()).as(AppendEntriesResponse::new),
                Combinators.combine(f, t, term, longs(), longs()).as(Heartbeat::new),
                Combinators.combine(f, t, term, longs()).as(HeartbeatResponse::new),
                Combinators.combine(f, t, term, snapshots()).as(InstallSnapshot::new),
                Combinators.combine(f, t, term, longs(), b).as(InstallSnapshotResponse::new),
                Combinators.combine(f, t, term).as(TimeoutNow::new),
                Combinators.combine(f, t, term, longs()).as(ReadIndexRequest::new),
                Combinators.combine(f, t, term, longs(), longs(), b).as(ReadIndexResponse::new));
    }

    /** Records holding a Snapshot compare its byte[] by identity, so compare InstallSnapshot by parts. */
    private static void assertSameMessage(Message decoded, Message original) {
        if (original instanceof InstallSnapshot o && decoded instanceof InstallSnapshot d) {
            assertThat(List.of(d.from(), d.to(), d.term())).isEqualTo(List.of(o.from(), o.to(), o.term()));
            assertThat(d.snapshot().meta()).isEqualTo(o.snapshot().meta());
            assertThat(d.snapshot().data()).isEqualTo(o.snapshot().data());
        } else {
            assertThat(decoded).isEqualTo(original);
        }
    }

    @Property(tries = 1000)
    void every_message_round_trips(@ForAll("messages") Message message) throws ProtocolException {
        assertSameMessage(RaftMessageCodec.decode(RaftMessageCodec.encode(message)), message);
    }

    @Property(tries = 300)
    void every_proper_prefix_is_a_typed_rejection(@ForAll("messages") Message message) {
        byte[] body = RaftMessageCodec.encode(message);
        for (int cut = 0; cut < body.length; cut++) {
            byte[] prefix = Arrays.copyOf(body, cut);
            assertThatThrownBy(() -> RaftMessageCodec.decode(prefix)).isInstanceOf(ProtocolException.class);
        }
    }

    @Property(tries = 3000)
    void arbitrary_bytes_decode_or_are_rejected_as_malformed(@ForAll @Size(max = 80) byte[] body) {
        try {
            RaftMessageCodec.decode(body);
        } catch (ProtocolException e) {
            assertThat(e.reason()).isEqualTo(ProtocolException.Reason.MALFORMED_BODY);
        }
    }

    @Property(tries = 1000)
    void flipped_bytes_never_escape_as_unchecked_exceptions(@ForAll("messages") Message message,
            @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll byte mask) {
        byte[] body = RaftMessageCodec.encode(message);
        body[position % body.length] ^= mask;
        try {
            RaftMessageCodec.decode(body);
        } catch (ProtocolException e) {
            assertThat(e.getMessage()).startsWith("MALFORMED_BODY");
        }
    }

    @Test
    void when_an_entry_count_exceeds_what_the_body_can_hold_then_it_is_rejected_before_allocating() {
        byte[] body = new WireWriter(64).writeU8(1).writeU8(3).writeString("n1", 255).writeString("n2", 255)
                .writeLong(1).writeLong(0).writeLong(0).writeInt(Integer.MAX_VALUE).toByteArray();
        assertThatThrownBy(() -> RaftMessageCodec.decode(body)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("entries count");
    }

    @Test
    void when_a_payload_length_exceeds_the_body_then_it_is_rejected_naming_the_field() {
        byte[] body = new WireWriter(64).writeU8(1).writeU8(7).writeString("n1", 255).writeString("n2", 255)
                .writeLong(1).writeLong(5).writeLong(1).writeInt(0).writeInt(0).writeInt(1 << 30).toByteArray();
        assertThatThrownBy(() -> RaftMessageCodec.decode(body)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("snapshot data");
    }

    @Test
    void when_the_codec_version_is_unknown_then_it_is_named() {
        byte[] body = RaftMessageCodec.encode(new TimeoutNow("n1", "n2", 3));
        body[0] = 9;
        assertThatThrownBy(() -> RaftMessageCodec.decode(body)).hasMessageContaining("codec version 9");
    }

    @Test
    void when_an_entry_has_index_zero_then_the_record_rule_becomes_a_typed_rejection() {
        byte[] body = new WireWriter(64).writeU8(1).writeU8(3).writeString("n1", 255).writeString("n2", 255)
                .writeLong(1).writeLong(0).writeLong(0).writeInt(1)
                .writeLong(1).writeLong(0).writeU8(0).writeInt(0).writeLong(0).toByteArray();
        assertThatThrownBy(() -> RaftMessageCodec.decode(body)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("index");
    }

    @Test
    void when_a_member_is_both_voter_and_learner_then_the_snapshot_is_rejected() {
        Snapshot ok = new Snapshot(new SnapshotMeta(5, 1, new Membership(Set.of("a"), Set.of("b"))), new byte[0]);
        byte[] body = RaftMessageCodec.encode(new InstallSnapshot("n1", "n2", 1, ok));
        // Rename learner "b" to "a" in place: same length, now in both sets.
        for (int i = body.length - 1; i >= 0; i--) {
            if (body[i] == 'b') {
                body[i] = 'a';
                break;
            }
        }
        assertThatThrownBy(() -> RaftMessageCodec.decode(body)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("voter and a learner");
    }

    @Test
    void when_a_message_claims_another_sender_than_the_connection_then_decodeFrom_rejects_it() throws Exception {
        byte[] body = RaftMessageCodec.encode(new TimeoutNow("n3", "n2", 7));
        assertThatThrownBy(() -> RaftMessageCodec.decodeFrom("n1", body)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("'n3'").hasMessageContaining("'n1'");
        assertThat(RaftMessageCodec.decodeFrom("n3", body)).isEqualTo(new TimeoutNow("n3", "n2", 7));
    }
}
