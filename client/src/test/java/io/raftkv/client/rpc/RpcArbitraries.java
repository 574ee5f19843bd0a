package io.raftkv.client.rpc;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandResult;
import io.raftkv.client.command.Condition;
import io.raftkv.client.command.Delete;
import io.raftkv.client.command.Op;
import io.raftkv.client.command.OpResult;
import io.raftkv.client.command.Put;
import io.raftkv.client.command.Session;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for client requests and responses. */
final class RpcArbitraries {

    private RpcArbitraries() {
    }

    static Arbitrary<byte[]> bytes(int maxSize) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxSize);
    }

    static Arbitrary<byte[]> optionalBytes(int maxSize) {
        return Arbitraries.oneOf(Arbitraries.just(null), bytes(maxSize));
    }

    /** Valid ids: 1..40 chars of letters, digits and a few non-ASCII letters (UTF-8 up to 255 bytes). */
    static Arbitrary<String> ids() {
        return Arbitraries.strings().withChars("abcxyz019-_.:éß日本").ofMinLength(1).ofMaxLength(40);
    }

    static Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("abc XYZ 012,.;:é日本").ofMaxLength(200);
    }

    static Arbitrary<ReadConsistency> consistencies() {
        return Arbitraries.of(ReadConsistency.class);
    }

    static Arbitrary<Command> commands() {
        Arbitrary<Condition> conditions = Arbitraries.oneOf(Arbitraries.just(Condition.NONE),
                Arbitraries.just(Condition.ABSENT), Arbitraries.just(Condition.EXISTS),
                bytes(20).map(Condition.ValueEquals::new),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(Condition.ModIndexEquals::new));
        Arbitrary<Op> ops = Arbitraries.oneOf(
                Combinators.combine(bytes(20), bytes(40), conditions).as(Put::new),
                Combinators.combine(bytes(20), conditions).as(Delete::new));
        Arbitrary<Session> sessions = Arbitraries.oneOf(Arbitraries.just(Session.NONE), Combinators.combine(
                Arbitraries.longs().between(1, Long.MAX_VALUE), Arbitraries.longs().between(1, Long.MAX_VALUE))
                .as(Session::new));
        return Arbitraries.oneOf(
                Combinators.combine(sessions, ops).as(Command.Single::new),
                Combinators.combine(sessions, ops.list().ofMinSize(1).ofMaxSize(5)).as(Command.Batch::new));
    }

    static Arbitrary<Request> requests() {
        Arbitrary<Request> gets = Combinators.combine(bytes(30), consistencies()).as(Request.Get::new);
        Arbitrary<Request> scans = Combinators.combine(bytes(10), optionalBytes(10), bytes(5),
                Arbitraries.integers().between(1, Request.MAX_SCAN_LIMIT), Arbitraries.of(true, false),
                optionalBytes(10), consistencies()).as(Request.Scan::new);
        return Arbitraries.oneOf(gets, scans,
                commands().map(Request.Write::new),
                Arbitraries.of(new Request.Status(), new Request.Status(true)),
                Combinators.combine(ids(), ids()).as(Request.AddLearner::new),
                ids().map(Request.PromoteLearner::new),
                ids().map(Request.RemoveMember::new),
                Arbitraries.oneOf(Arbitraries.just(""), ids()).map(Request.TransferLeadership::new),
                Arbitraries.just(new Request.TriggerSnapshot()));
    }

    static Arbitrary<ClientRequest> clientRequests() {
        return Combinators.combine(Arbitraries.longs(),
                Arbitraries.integers().between(1, ClientRequest.MAX_TIMEOUT_MILLIS), requests())
                .as(ClientRequest::new);
    }

    static Arbitrary<CommandResult> commandResults() {
        Arbitrary<OpResult> op = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.longs().between(0, Long.MAX_VALUE)).as(OpResult::new);
        return op.list().ofMinSize(1).ofMaxSize(5).flatMap(ops -> Arbitraries.integers().between(-1, ops.size() - 1)
                .map(failed -> new CommandResult(failed == -1, failed, ops)));
    }

    static Arbitrary<ClusterStatus> statuses() {
        Arbitrary<MemberInfo> members = Combinators.combine(ids(), Arbitraries.oneOf(Arbitraries.just(""), ids()),
                Arbitraries.of(MemberRole.class)).as(MemberInfo::new);
        Arbitrary<long[]> indexes = Arbitraries.longs().between(0, Long.MAX_VALUE).list().ofSize(3)
                .map(l -> l.stream().mapToLong(Long::longValue).sorted().toArray());
        return Combinators.combine(ids(), Arbitraries.of(NodeRole.class), indexes,
                Arbitraries.oneOf(Arbitraries.just(""), ids()), Arbitraries.oneOf(Arbitraries.just(""), ids()),
                members.list().ofMaxSize(7), bytes(ClusterStatus.MAX_DIGEST_BYTES))
                .as((id, role, idx, leader, address, list, digest) ->
                        new ClusterStatus(id, role, idx[2], idx[1], idx[0], leader, address, list, digest));
    }

    static Arbitrary<Response> responses() {
        Arbitrary<Response> gets = Arbitraries.oneOf(Arbitraries.just(Response.GetResult.absent()),
                Combinators.combine(bytes(30), Arbitraries.longs().between(1, Long.MAX_VALUE))
                        .as(Response.GetResult::new));
        Arbitrary<KeyValue> kvs = Combinators.combine(bytes(10), bytes(20), Arbitraries.longs().between(1, 1L << 40))
                .as(KeyValue::new);
        Arbitrary<Response> scans = Combinators.combine(kvs.list().ofMaxSize(6), optionalBytes(10))
                .as(Response.ScanResult::new);
        Arbitrary<Response> writes = Combinators.combine(Arbitraries.longs().between(1, Long.MAX_VALUE),
                commandResults()).as(Response.WriteResult::new);
        Arbitrary<Response> errors = Combinators.combine(Arbitraries.of(ErrorCode.class), texts(),
                Arbitraries.oneOf(Arbitraries.just(""), ids()), Arbitraries.oneOf(Arbitraries.just(""), ids()),
                Arbitraries.oneOf(Arbitraries.just(""), ids())).as(ErrorResponse::new);
        return Arbitraries.oneOf(gets, scans, writes,
                statuses().map(Response.StatusResult::new),
                Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE), texts())
                        .as(Response.AdminResult::new),
                errors);
    }

    static Arbitrary<ClientResponse> clientResponses() {
        return Combinators.combine(Arbitraries.longs(), responses()).as(ClientResponse::new);
    }
}
