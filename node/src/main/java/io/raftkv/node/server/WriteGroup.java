package io.raftkv.node.server;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.command.Op;
import io.raftkv.client.rpc.ErrorResponse;
import io.raftkv.client.rpc.Response;
import io.raftkv.node.metrics.NodeMetrics;
import io.raftkv.node.raft.RaftException;
import io.raftkv.node.raft.RaftNode;
import io.raftkv.node.storage.AppliedEntry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The client writes a leader took in since its last Ready, proposed as ONE log entry (a command
 * group, {@link CommandCodec#encodeGroup}) just before the next Ready is built. Every replica then
 * stores, moves and replicates one entry instead of one per write; each command keeps its own
 * session and its own result (it is not a transaction: one command's failed condition does not
 * affect the others).
 *
 * <p>Two commands that touch the same key never share a group, so a key's modification index
 * (the entry's index) still names exactly one write of it: a client that read modIndex i may rely
 * on conditional writes against i. A lone command is proposed as a plain entry, as are commands
 * too large to group.
 *
 * <p>Raft thread only.
 */
final class WriteGroup {

    /** At most this many commands per group. */
    static final int MAX_COMMANDS = 256;
    private static final int MAX_GROUP_BYTES = 256 << 10;
    private static final int MAX_MEMBER_BYTES = 16 << 10;

    private record Member(byte[] payload, Reply reply, Function<AppliedEntry, Response> onApplied) {
    }

    private final Supplier<RaftNode> core;
    private final PendingWrites pending;
    private final NodeMetrics metrics;
    private final Function<RaftException, ErrorResponse> refusal;
    private final long maxGroupBytes;
    private final long maxMemberBytes;
    private final List<Member> members = new ArrayList<>();
    private final Set<ByteBuffer> keys = new HashSet<>();
    private long bytes;

    /**
     * @param maxProposalBytes the Raft core's proposal limit; a group stays well under it
     * @param refusal          the client's answer when the core refuses a proposal
     */
    WriteGroup(Supplier<RaftNode> core, PendingWrites pending, NodeMetrics metrics, long maxProposalBytes,
            Function<RaftException, ErrorResponse> refusal) {
        this.core = core;
        this.pending = pending;
        this.metrics = metrics;
        this.refusal = refusal;
        this.maxGroupBytes = Math.min(MAX_GROUP_BYTES, maxProposalBytes / 2);
        this.maxMemberBytes = Math.min(MAX_MEMBER_BYTES, maxGroupBytes / 4);
    }

    /** Takes in a client write; it is proposed at the next {@link #flush}, or now if it cannot join. */
    void add(Command command, byte[] payload, Reply reply, Function<AppliedEntry, Response> onApplied) {
        if (reply.isDone()) {
            return;
        }
        if (payload.length > maxMemberBytes) {
            flush();
            members.add(new Member(payload, reply, onApplied));
            flush();
            return;
        }
        if (members.size() == MAX_COMMANDS || bytes + payload.length > maxGroupBytes || touchesAny(command)) {
            flush();
        }
        members.add(new Member(payload, reply, onApplied));
        bytes += payload.length;
        for (Op op : command.ops()) {
            keys.add(ByteBuffer.wrap(op.key()));
        }
    }

    private boolean touchesAny(Command command) {
        for (Op op : command.ops()) {
            if (keys.contains(ByteBuffer.wrap(op.key()))) {
                return true;
            }
        }
        return false;
    }

    /** Proposes what was taken in: one plain entry for one write, else one group entry. */
    void flush() {
        if (members.isEmpty()) {
            return;
        }
        // a write whose client already had its answer (a timeout) before it was proposed is dropped
        List<Member> live = new ArrayList<>(members.size());
        for (Member m : members) {
            if (!m.reply().isDone()) {
                live.add(m);
            }
        }
        members.clear();
        keys.clear();
        bytes = 0;
        if (live.isEmpty()) {
            return;
        }
        List<byte[]> payloads = new ArrayList<>(live.size());
        for (Member m : live) {
            payloads.add(m.payload());
        }
        RaftNode node = core.get();
        try {
            long index = node.propose(live.size() == 1 ? payloads.get(0) : CommandCodec.encodeGroup(payloads));
            long term = node.softState().term();
            List<PendingWrites.Pending> waiters = new ArrayList<>(live.size());
            for (Member m : live) {
                waiters.add(new PendingWrites.Pending(term, m.reply(), m.onApplied()));
            }
            pending.addGroup(index, waiters);
            metrics.writesProposed(live.size());
        } catch (RaftException e) {
            ErrorResponse answer = refusal.apply(e);
            for (Member m : live) {
                m.reply().complete(answer);
            }
        }
    }
}
