package io.raftkv.chaos.fuzz;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandResult;
import io.raftkv.client.command.Condition;
import io.raftkv.client.command.Delete;
import io.raftkv.client.command.Op;
import io.raftkv.client.command.OpResult;
import io.raftkv.client.command.Put;
import io.raftkv.client.command.Session;
import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import io.raftkv.client.protocol.AuthOutcome;
import io.raftkv.client.protocol.AuthReply;
import io.raftkv.client.protocol.AuthRequest;
import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.HandshakeOutcome;
import io.raftkv.client.protocol.HandshakeReply;
import io.raftkv.client.protocol.Role;
import io.raftkv.client.rpc.ClientRequest;
import io.raftkv.client.rpc.ClientResponse;
import io.raftkv.client.rpc.ErrorCode;
import io.raftkv.client.rpc.ErrorResponse;
import io.raftkv.client.rpc.KeyValue;
import io.raftkv.client.rpc.ReadConsistency;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Valid values of every wire message, drawn from a {@link Random}: the starting points the
 * {@link Mutator} corrupts. Small on purpose (keys and values up to 64 bytes, up to 4 ops or
 * entries) so that a try is cheap and mutations hit headers and length fields often.
 */
final class Samples {

    private Samples() {
    }

    static byte[] bytes(Random rnd, int max) {
        byte[] b = new byte[rnd.nextInt(max + 1)];
        rnd.nextBytes(b);
        return b;
    }

    static String id(Random rnd) {
        return "n" + rnd.nextInt(10);
    }

    private static long nat(Random rnd) {
        return 1 + (rnd.nextInt(4) == 0 ? rnd.nextLong() & (Long.MAX_VALUE >> 1) : rnd.nextInt(1000));
    }

    static Condition condition(Random rnd) {
        switch (rnd.nextInt(5)) {
            case 0:
                return Condition.NONE;
            case 1:
                return Condition.ABSENT;
            case 2:
                return Condition.EXISTS;
            case 3:
                return new Condition.ValueEquals(bytes(rnd, 16));
            default:
                return new Condition.ModIndexEquals(nat(rnd));
        }
    }

    static Op op(Random rnd) {
        byte[] key = bytes(rnd, 32);
        return rnd.nextBoolean() ? new Put(key, bytes(rnd, 64), condition(rnd)) : new Delete(key, condition(rnd));
    }

    static Command command(Random rnd) {
        Session session = rnd.nextBoolean() ? Session.NONE : new Session(1 + rnd.nextInt(1000), 1 + rnd.nextInt(1000));
        if (rnd.nextBoolean()) {
            return new Command.Single(session, op(rnd));
        }
        List<Op> ops = new ArrayList<>();
        for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
            ops.add(op(rnd));
        }
        return new Command.Batch(session, ops);
    }

    static CommandResult result(Random rnd) {
        List<OpResult> ops = new ArrayList<>();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            ops.add(new OpResult(rnd.nextBoolean(), rnd.nextBoolean(), nat(rnd)));
        }
        boolean applied = rnd.nextBoolean();
        return applied ? new CommandResult(true, -1, ops) : new CommandResult(false, rnd.nextInt(n), ops);
    }

    static LogEntry entry(Random rnd) {
        EntryType type = EntryType.values()[rnd.nextInt(EntryType.values().length)];
        byte[] payload = type == EntryType.NOOP ? new byte[0]
                : type == EntryType.COMMAND ? io.raftkv.client.command.CommandCodec.encode(command(rnd))
                : Membership.ofVoters("n1", "n2", "n3").toBytes();
        return new LogEntry(1 + nat(rnd), 1 + nat(rnd), type, payload);
    }

    static Handshake handshake(Random rnd) {
        return Handshake.current("c" + rnd.nextInt(3), id(rnd), rnd.nextBoolean() ? Role.CLIENT : Role.PEER);
    }

    static HandshakeReply handshakeReply(Random rnd) {
        if (rnd.nextBoolean()) {
            return HandshakeReply.accepted(id(rnd));
        }
        HandshakeOutcome outcome = HandshakeOutcome.values()[1 + rnd.nextInt(HandshakeOutcome.values().length - 1)];
        return HandshakeReply.refused(outcome, id(rnd), "refused " + rnd.nextInt());
    }

    static AuthRequest authRequest(Random rnd) {
        return rnd.nextInt(4) == 0 ? AuthRequest.none() : new AuthRequest("user" + rnd.nextInt(100), bytes(rnd, 32));
    }

    static AuthReply authReply(Random rnd) {
        return new AuthReply(AuthOutcome.values()[rnd.nextInt(AuthOutcome.values().length)], "detail " + rnd.nextInt());
    }

    static Request request(Random rnd) {
        ReadConsistency rc = ReadConsistency.values()[rnd.nextInt(ReadConsistency.values().length)];
        switch (rnd.nextInt(9)) {
            case 0:
                return new Request.Get(bytes(rnd, 32), rc);
            case 1:
                return new Request.Scan(bytes(rnd, 8), rnd.nextBoolean() ? null : bytes(rnd, 8), bytes(rnd, 4),
                        1 + rnd.nextInt(1000), rnd.nextBoolean(), rnd.nextBoolean() ? null : bytes(rnd, 8), rc);
            case 2:
            case 3:
                return new Request.Write(command(rnd));
            case 4:
                return new Request.Status(rnd.nextBoolean());
            case 5:
                return new Request.AddLearner(id(rnd), "127.0.0.1:" + (7000 + rnd.nextInt(100)));
            case 6:
                return new Request.PromoteLearner(id(rnd));
            case 7:
                return new Request.TransferLeadership(id(rnd));
            default:
                return new Request.RemoveMember(id(rnd));
        }
    }

    static ClientRequest clientRequest(Random rnd) {
        return new ClientRequest(rnd.nextLong(), 1 + rnd.nextInt(60_000), request(rnd));
    }

    /**
     * A request without membership changes: admin requests are not authenticated yet (a client
     * may legitimately reconfigure the cluster), so a live node fed them could stop serving by
     * design rather than by a bug. The codec target still decodes them.
     */
    static ClientRequest dataRequest(Random rnd) {
        Request r = request(rnd);
        while (!(r instanceof Request.Get || r instanceof Request.Scan || r instanceof Request.Write
                || r instanceof Request.Status)) {
            r = request(rnd);
        }
        return new ClientRequest(rnd.nextLong(), 1 + rnd.nextInt(60_000), r);
    }

    static Response response(Random rnd) {
        switch (rnd.nextInt(5)) {
            case 0:
                return rnd.nextBoolean() ? Response.GetResult.absent()
                        : new Response.GetResult(bytes(rnd, 64), nat(rnd));
            case 1: {
                List<KeyValue> entries = new ArrayList<>();
                for (int i = 0, n = rnd.nextInt(4); i < n; i++) {
                    entries.add(new KeyValue(bytes(rnd, 16), bytes(rnd, 16), nat(rnd)));
                }
                return new Response.ScanResult(entries, rnd.nextBoolean() ? null : bytes(rnd, 8));
            }
            case 2:
                return new Response.WriteResult(1 + nat(rnd), result(rnd));
            case 3:
                return new Response.AdminResult(nat(rnd), "done " + rnd.nextInt());
            default:
                ErrorCode code = ErrorCode.values()[rnd.nextInt(ErrorCode.values().length)];
                return new ErrorResponse(code, "error " + rnd.nextInt(), rnd.nextBoolean() ? id(rnd) : "",
                        "", code == ErrorCode.LIMIT_EXCEEDED ? "maxKeyBytes" : "");
        }
    }

    static ClientResponse clientResponse(Random rnd) {
        return new ClientResponse(rnd.nextLong(), response(rnd));
    }

    static Message raftMessage(Random rnd) {
        return raftMessage(rnd, id(rnd), id(rnd));
    }

    static Message raftMessage(Random rnd, String from, String to) {
        long term = nat(rnd);
        switch (rnd.nextInt(11)) {
            case 0: {
                List<LogEntry> entries = new ArrayList<>();
                for (int i = 0, n = rnd.nextInt(4); i < n; i++) {
                    LogEntry e = entry(rnd);
                    entries.add(new LogEntry(term + 1, 1 + i, e.type(), e.payload()));
                }
                return new AppendEntries(from, to, term + 1, 0, 0, entries, nat(rnd));
            }
            case 1:
                return new AppendEntriesResponse(from, to, term, rnd.nextBoolean(), nat(rnd), nat(rnd), nat(rnd));
            case 2:
                return new RequestVote(from, to, term, nat(rnd), nat(rnd), rnd.nextBoolean(), rnd.nextBoolean());
            case 3:
                return new RequestVoteResponse(from, to, term, rnd.nextBoolean(), rnd.nextBoolean());
            case 4:
                return new Heartbeat(from, to, term, nat(rnd), nat(rnd));
            case 5:
                return new HeartbeatResponse(from, to, term, nat(rnd));
            case 6:
                return new InstallSnapshot(from, to, term, new Snapshot(new SnapshotMeta(1 + nat(rnd), term,
                        Membership.ofVoters("n1", "n2", "n3")), bytes(rnd, 64)));
            case 7:
                return new InstallSnapshotResponse(from, to, term, nat(rnd), rnd.nextBoolean());
            case 8:
                return new TimeoutNow(from, to, term);
            case 9:
                return new ReadIndexRequest(from, to, term, nat(rnd));
            default:
                return new ReadIndexResponse(from, to, term, nat(rnd), nat(rnd), rnd.nextBoolean());
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
