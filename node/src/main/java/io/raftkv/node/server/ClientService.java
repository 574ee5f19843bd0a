package io.raftkv.node.server;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.command.LimitExceededException;
import io.raftkv.client.command.Put;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.ProtocolException;
import io.raftkv.client.rpc.ClientRequest;
import io.raftkv.client.rpc.ErrorResponse;
import io.raftkv.client.rpc.ReadConsistency;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.RequestCodec;
import io.raftkv.client.rpc.Response;
import io.raftkv.node.metrics.NodeMetrics;
import io.raftkv.node.raft.LeadershipTransferInProgressException;
import io.raftkv.node.raft.LeadershipTransferRejectedException;
import io.raftkv.node.raft.MembershipChange;
import io.raftkv.node.raft.MembershipChangeRejectedException;
import io.raftkv.node.raft.NotLeaderException;
import io.raftkv.node.raft.ProposalTooLargeException;
import io.raftkv.node.raft.RaftException;
import io.raftkv.node.raft.RaftNode;
import io.raftkv.node.raft.Role;
import io.raftkv.node.raft.UncommittedLimitExceededException;
import io.raftkv.node.storage.AppliedEntry;
import io.raftkv.node.transport.ClientConnection;
import io.raftkv.node.transport.ClientRequestSink;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers client requests: decodes them on the Netty thread, routes writes, linearizable reads
 * and admin requests through the Raft thread, serves reads on the apply thread, and arms a
 * timer per request so every request gets exactly one answer (TIMEOUT at the latest). A
 * follower answers NOT_LEADER with the leader's id and address (§5.1 "redirects"), which the
 * Java client follows.
 *
 * <p>Threads: {@link #onClientRequest} on Netty threads, never blocking.
 */
final class ClientService implements ClientRequestSink {

    private static final Logger LOG = LoggerFactory.getLogger(ClientService.class);

    private final ServerConfig config;
    private final RaftLoop loop;
    private final ApplyWorker worker;
    private final PendingWrites pending;
    private final StatusReporter status;
    private final ScheduledExecutorService timer;
    private final ReadService reads;
    private final NodeMetrics metrics;
    private final UserCommands users;
    private final WriteGroup writes;

    ClientService(ServerConfig config, RaftLoop loop, ApplyWorker worker, PendingWrites pending,
            StatusReporter status, ReadService reads, ScheduledExecutorService timer, NodeMetrics metrics,
            UserCommands users) {
        this.metrics = metrics;
        this.users = users;
        this.config = config;
        this.loop = loop;
        this.worker = worker;
        this.pending = pending;
        this.status = status;
        this.reads = reads;
        this.timer = timer;
        this.writes = new WriteGroup(loop::core, pending, metrics, config.raft().maxProposalBytes(), this::refusal);
    }

    /** Raft thread, before each Ready: proposes the writes taken in since the last one. */
    void flushWrites() {
        writes.flush();
    }

    @Override
    public void onClientRequest(ClientConnection connection, FrameType type, byte[] body) {
        ClientRequest cr;
        try {
            cr = RequestCodec.decode(body);
        } catch (ProtocolException e) {
            refuseMalformed(connection, body, e);
            return;
        }
        Reply reply = new Reply(connection, cr.requestId(), metrics);
        var timeout = timer.schedule(() -> reply.complete(ErrorResponse.timeout("the request did not finish within "
                + cr.timeoutMillis() + " ms on node " + config.nodeId())), cr.timeoutMillis(), TimeUnit.MILLISECONDS);
        reply.onDone(() -> timeout.cancel(false));
        Request r = cr.request();
        metrics.request(r.getClass().getSimpleName());
        try {
            dispatch(r, reply);
        } catch (LimitExceededException e) {
            reply.complete(ErrorResponse.limitExceeded(e.limitName(), e.getMessage()));
        } catch (IllegalArgumentException e) {
            reply.complete(ErrorResponse.badRequest(e.getMessage()));
        }
    }

    private void dispatch(Request r, Reply reply) {
        if (r instanceof Request.Get g) {
            read(g.consistency(), reply, () -> reply.complete(reads.get(g)));
        } else if (r instanceof Request.Scan s) {
            read(s.consistency(), reply, () -> reply.complete(reads.scan(s)));
        } else if (r instanceof Request.Write w) {
            SystemKeys.checkClientWrite(w.command());
            config.limits().check(w.command());
            byte[] payload = CommandCodec.encode(w.command());
            config.limits().checkEncoded(payload);
            loop.submit(() -> writes.add(w.command(), payload, reply, this::writeResult));
        } else if (r instanceof Request.Status st) {
            loop.submit(() -> status.report(loop.core(), reply, st.withDigest()));
        } else if (r instanceof Request.AddLearner a) {
            addLearner(a, reply);
        } else if (r instanceof Request.PromoteLearner p) {
            loop.submit(() -> changeMembership(new MembershipChange.PromoteLearner(p.nodeId()), reply));
        } else if (r instanceof Request.RemoveMember m) {
            loop.submit(() -> changeMembership(new MembershipChange.RemoveMember(m.nodeId()), reply));
        } else if (r instanceof Request.TransferLeadership t) {
            loop.submit(() -> transfer(t.targetId(), reply));
        } else if (r instanceof Request.TriggerSnapshot) {
            loop.submit(() -> loop.takeSnapshot(reply));
        } else if (r instanceof Request.SetUser || r instanceof Request.RemoveUser || r instanceof Request.ListUsers) {
            users.handle(r, reply, payload -> loop.submit(() -> propose(payload, reply,
                    applied -> applied.rejection() != null ? ErrorResponse.badRequest(applied.rejection())
                            : new Response.AdminResult(applied.index(), r + " committed at index " + applied.index()))));
        } else {
            reply.complete(ErrorResponse.badRequest("request " + r.getClass().getSimpleName()
                    + " is not served by this node version"));
        }
    }

    /** STALE reads run on the apply thread at once; the others after a ReadIndex round (thesis §6.4). */
    private void read(ReadConsistency consistency, Reply reply, Runnable unguarded) {
        // A request the state store cannot serve is the client's problem, not a reason to stop
        // the apply thread (which treats every other exception as fatal).
        Runnable serve = () -> {
            try {
                unguarded.run();
            } catch (IllegalArgumentException e) {
                reply.complete(ErrorResponse.badRequest(e.getMessage()));
            }
        };
        if (consistency == ReadConsistency.STALE) {
            worker.execute(serve);
            return;
        }
        loop.submit(() -> {
            if (loop.core().softState().role() != Role.LEADER) {
                reply.complete(loop.notLeader(consistency + " reads are served by the leader"));
                return;
            }
            loop.readIndex(new RaftLoop.PendingRead(reply, serve));
        });
    }

    /** Raft thread: proposes {@code payload} and registers who waits for it. */
    private void propose(byte[] payload, Reply reply, Function<AppliedEntry, Response> onApplied) {
        if (reply.isDone()) {
            return;
        }
        writes.flush(); // the client writes taken in before this go first
        RaftNode core = loop.core();
        try {
            long index = core.propose(payload);
            metrics.proposed();
            pending.add(index, new PendingWrites.Pending(core.softState().term(), reply, onApplied));
        } catch (RaftException e) {
            reply.complete(refusal(e));
        }
    }

    private Response writeResult(AppliedEntry e) {
        if (e.rejection() != null) {
            return ErrorResponse.badRequest(e.rejection());
        }
        return new Response.WriteResult(e.index(), e.result());
    }

    /**
     * Adding a member takes two entries: its address as a reserved-key Put (so every replica can
     * reach it), then the AddLearner change (thesis §4.2.1) once the Put applied.
     */
    private void addLearner(Request.AddLearner a, Reply reply) {
        try {
            NodeIdentity.parseAddress(a.address());
        } catch (IllegalArgumentException e) {
            reply.complete(ErrorResponse.badRequest(e.getMessage()));
            return;
        }
        byte[] payload = CommandCodec.encode(Command.of(Put.of(MemberDirectory.key(a.nodeId()),
                a.address().getBytes(StandardCharsets.UTF_8))));
        loop.submit(() -> propose(payload, reply, applied -> {
            loop.submit(() -> changeMembership(new MembershipChange.AddLearner(a.nodeId()), reply));
            return null;
        }));
    }

    /** Raft thread: one single-server change (thesis §4.1), answered once applied. */
    private void changeMembership(MembershipChange change, Reply reply) {
        if (reply.isDone()) {
            return;
        }
        RaftNode core = loop.core();
        try {
            long index = core.proposeMembershipChange(change);
            metrics.proposed();
            LOG.info("[{}] proposed {} at index {}", config.nodeId(), change, index);
            pending.add(index, new PendingWrites.Pending(core.softState().term(), reply,
                    applied -> new Response.AdminResult(applied.index(), change + " committed at index "
                            + applied.index())));
        } catch (RaftException e) {
            reply.complete(refusal(e));
        }
    }

    /** Raft thread: hands leadership to {@code target} (thesis §3.10); empty = the best caught-up voter. */
    private void transfer(String target, Reply reply) {
        RaftNode core = loop.core();
        String to = target.isEmpty() ? StatusReporter.bestTransferTarget(core) : target;
        if (to == null) {
            reply.complete(ErrorResponse.badRequest("no other voter to hand leadership to"));
            return;
        }
        try {
            core.transferLeadership(to);
            loop.awaitTransfer(to, reply);
        } catch (RaftException e) {
            reply.complete(refusal(e));
        }
    }

    private ErrorResponse refusal(RaftException e) {
        if (e instanceof NotLeaderException) {
            return loop.notLeader(e.getMessage());
        }
        if (e instanceof LeadershipTransferInProgressException) {
            return ErrorResponse.notLeader("", "", e.getMessage());
        }
        if (e instanceof ProposalTooLargeException) {
            return ErrorResponse.limitExceeded("maxProposalBytes", e.getMessage());
        }
        if (e instanceof UncommittedLimitExceededException) {
            return ErrorResponse.overloaded("maxUncommittedBytes", e.getMessage());
        }
        if (e instanceof MembershipChangeRejectedException || e instanceof LeadershipTransferRejectedException) {
            return ErrorResponse.badRequest(e.getMessage());
        }
        return ErrorResponse.internal(e.toString());
    }

    private void refuseMalformed(ClientConnection connection, byte[] body, ProtocolException e) {
        try {
            long id = RequestCodec.peekRequestId(body);
            LOG.warn("[{}] malformed request {} from {}: {}", config.nodeId(), id, connection, e.getMessage());
            new Reply(connection, id, metrics).complete(ErrorResponse.badRequest("malformed request: " + e.getMessage()));
        } catch (ProtocolException unreadable) {
            LOG.warn("[{}] unreadable request from {} ({}); closing the connection", config.nodeId(), connection,
                    e.getMessage());
            connection.close();
        }
    }
}
