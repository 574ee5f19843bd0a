package io.raftkv.client.api;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.command.CommandLimits;
import io.raftkv.client.command.Delete;
import io.raftkv.client.command.LimitExceededException;
import io.raftkv.client.command.Op;
import io.raftkv.client.command.Put;
import io.raftkv.client.command.Session;
import io.raftkv.client.rpc.ClusterStatus;
import io.raftkv.client.rpc.ErrorCode;
import io.raftkv.client.rpc.KeyValue;
import io.raftkv.client.rpc.ReadConsistency;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The Java client of a raftkv cluster. Give it any subset of the members' addresses: it finds
 * the leader (asking for status, following NOT_LEADER redirects, learning the other members),
 * keeps one connection per node it talks to with many requests in flight on each, and retries
 * with backoff across leader changes until each call's {@link ClientConfig#requestTimeout()}.
 *
 * <p>Writes carry a session: a random client id and a sequence number that grows by one per
 * write call and stays the same on every retry of that call, so the state machine applies each
 * write at most once (Raft thesis §6.3). The nodes remember a session's last
 * {@value ClientConfig#SESSION_WINDOW} results, so the client keeps one session per
 * {@value ClientConfig#SESSION_WINDOW} of {@link ClientConfig#maxWritesInFlight()} and sends each
 * write on the first one with room ({@link #clientIds()}); past maxWritesInFlight writes wait, in
 * call order. When the client cannot tell
 * whether a write applied, the call fails with {@link OutcomeUnknownException}.
 *
 * <p>Every {@code ...Async} method returns at once; its future completes on the client's I/O
 * thread with the result or a {@link RaftKvClientException}: do not block inside callbacks on
 * it (use the {@code ...Async(executor)} variants of CompletableFuture to move work elsewhere).
 * The other methods block the calling thread until that future completes and throw the same
 * exceptions unwrapped. Cancelling a returned future stops the call's retries (a write already
 * sent may still apply). All methods are thread-safe.
 *
 * <p>{@link #close()} fails the calls in progress with {@link ClientClosedException}, closes the
 * connections and ends every thread the client started.
 */
public final class RaftKvClient implements AutoCloseable {

    /** Unwraps a status answer inside the call, so that cancelling the returned future cancels the call. */
    private static final RetryingCall.ResultMapper<ClusterStatus> STATUS =
            response -> RetryingCall.expect(Response.StatusResult.class).map(response).status();

    private final ClientCore core;
    /** Hands out session sequences, at most maxWritesInFlight unfinished at once. */
    private final SessionWindow writes;
    private final CommandLimits limits;

    private RaftKvClient(ClientConfig config, CommandLimits limits) {
        this.core = new ClientCore(config);
        this.limits = limits;
        this.writes = new SessionWindow(core, config.maxWritesInFlight());
    }

    /**
     * A client for the cluster {@code config} describes, checking commands against the default
     * {@link CommandLimits}. Starts the I/O thread(s); connects lazily on the first call.
     */
    public static RaftKvClient create(ClientConfig config) {
        return new RaftKvClient(config, CommandLimits.DEFAULT);
    }

    /** As {@link #create(ClientConfig)}, checking commands against {@code limits} before sending. */
    public static RaftKvClient create(ClientConfig config, CommandLimits limits) {
        return new RaftKvClient(config, limits);
    }

    /**
     * The session id of this client's first session, at least 1: the one every write uses while
     * no other write is in flight. Random, fixed for the client's life.
     */
    public long clientId() {
        return writes.clientIds().get(0);
    }

    /** The session ids this client writes with, one per {@value ClientConfig#SESSION_WINDOW} writes in flight. */
    public List<Long> clientIds() {
        return writes.clientIds();
    }

    /** The configuration this client runs with. */
    public ClientConfig config() {
        return core.config();
    }

    /** The node this client currently believes leads, or null; a belief, possibly stale. */
    public NodeAddress believedLeader() {
        return core.cluster().leader();
    }

    /** Every node address this client knows: the seeds, then those learned. */
    public List<NodeAddress> knownNodes() {
        return core.cluster().knownNodes();
    }

    // ---- reads ----

    /** The value of {@code key} at the configured read consistency; see {@link #getAsync(byte[], ReadConsistency)}. */
    public CompletableFuture<Response.GetResult> getAsync(byte[] key) {
        return getAsync(key, core.config().readConsistency());
    }

    /**
     * The value of {@code key} and its modification index; {@link Response.GetResult#found()} is
     * false for an absent key. LINEARIZABLE and LEASE reads go to the leader, STALE reads to any node.
     * Fails with {@link RequestTimeoutException} at the deadline (a read never causes
     * OutcomeUnknownException) or {@link RequestFailedException}.
     */
    public CompletableFuture<Response.GetResult> getAsync(byte[] key, ReadConsistency consistency) {
        return call(new Request.Get(key, consistency), targetFor(consistency), Response.GetResult.class);
    }

    /** Blocking {@link #getAsync(byte[])}. */
    public Response.GetResult get(byte[] key) throws InterruptedException {
        return await(getAsync(key));
    }

    /** Blocking {@link #getAsync(byte[], ReadConsistency)}. */
    public Response.GetResult get(byte[] key, ReadConsistency consistency) throws InterruptedException {
        return await(getAsync(key, consistency));
    }

    /**
     * One page of a scan. When the page {@link Response.ScanResult#hasMore()}, call again with
     * {@code scan.resumeAt(page.resumeKey())}. Errors as for {@link #getAsync(byte[], ReadConsistency)}.
     */
    public CompletableFuture<Response.ScanResult> scanAsync(Request.Scan scan) {
        return call(scan, targetFor(scan.consistency()), Response.ScanResult.class);
    }

    /** Blocking {@link #scanAsync}. */
    public Response.ScanResult scan(Request.Scan scan) throws InterruptedException {
        return await(scanAsync(scan));
    }

    /**
     * Every entry of a scan, following resume keys page after page; each page is its own call
     * with its own timeout. Pages read at different moments: with LINEARIZABLE each page is
     * linearizable, the whole is not one snapshot. Blocking; holds all entries in memory.
     */
    public List<KeyValue> scanAll(Request.Scan scan) throws InterruptedException {
        List<KeyValue> all = new ArrayList<>();
        Request.Scan page = scan;
        while (true) {
            Response.ScanResult result = scan(page);
            all.addAll(result.entries());
            if (!result.hasMore()) {
                return all;
            }
            if (result.entries().isEmpty() && page.resumeKey() != null
                    && java.util.Arrays.equals(page.resumeKey(), result.resumeKey())) {
                throw new RequestFailedException(ErrorCode.INTERNAL, "", "a scan page made no progress: no entries"
                        + " and the same resume key again; the node's scan is broken");
            }
            page = scan.resumeAt(result.resumeKey());
        }
    }

    // ---- writes ----

    /** Sets {@code key} to {@code value}; see {@link #writeAsync(List)}. */
    public CompletableFuture<Response.WriteResult> putAsync(byte[] key, byte[] value) {
        return writeAsync(List.of(Put.of(key, value)));
    }

    /** Removes {@code key}; see {@link #writeAsync(List)}. */
    public CompletableFuture<Response.WriteResult> deleteAsync(byte[] key) {
        return writeAsync(List.of(Delete.of(key)));
    }

    /**
     * Applies {@code ops} atomically (one op, or a batch: all or nothing, conditions checked in
     * order; a failed condition is reported in the result, not as an exception) under the next
     * session sequence of this client. Goes to the leader; retried with the same sequence.
     *
     * <p>Fails with {@link OutcomeUnknownException} when a try may have reached the leader and no
     * outcome was learned by the deadline; {@link RequestTimeoutException} when no try reached a
     * node that could apply it; {@link RequestFailedException} (LIMIT_EXCEEDED naming the limit)
     * at once, before sending, if a key, value or the batch is over the limits.
     *
     * @param ops at least one op
     */
    public CompletableFuture<Response.WriteResult> writeAsync(List<? extends Op> ops) {
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("a write needs at least one op");
        }
        List<Op> copy = List.copyOf(ops);
        try {
            // The session is not known yet; the largest one bounds the encoded size.
            checkLimits(command(new Session(clientId(), Long.MAX_VALUE), copy));
        } catch (RequestFailedException e) {
            return CompletableFuture.failedFuture(e);
        }
        return writes.submit(session -> call(new Request.Write(command(session, copy)), RetryingCall.Target.LEADER,
                Response.WriteResult.class));
    }

    private static Command command(Session session, List<Op> ops) {
        return ops.size() == 1 ? new Command.Single(session, ops.get(0)) : new Command.Batch(session, ops);
    }

    private void checkLimits(Command command) {
        try {
            limits.check(command);
            limits.checkEncoded(CommandCodec.encode(command));
        } catch (LimitExceededException e) {
            throw new RequestFailedException(ErrorCode.LIMIT_EXCEEDED, e.limitName(), "not sent: " + e.getMessage());
        }
    }

    /**
     * Sends a command as built by the caller. A command without a session
     * ({@link Session#NONE}) is applied on every commit, so its retries may apply it twice: prefer
     * {@link #writeAsync(List)}, which adds this client's session.
     */
    public CompletableFuture<Response.WriteResult> writeAsync(Command command) {
        try {
            checkLimits(command);
        } catch (RequestFailedException e) {
            return CompletableFuture.failedFuture(e);
        }
        return call(new Request.Write(command), RetryingCall.Target.LEADER, Response.WriteResult.class);
    }

    /** Blocking {@link #putAsync}. */
    public Response.WriteResult put(byte[] key, byte[] value) throws InterruptedException {
        return await(putAsync(key, value));
    }

    /** Blocking {@link #deleteAsync}. */
    public Response.WriteResult delete(byte[] key) throws InterruptedException {
        return await(deleteAsync(key));
    }

    /** Blocking {@link #writeAsync(List)}. */
    public Response.WriteResult write(List<? extends Op> ops) throws InterruptedException {
        return await(writeAsync(ops));
    }

    // ---- cluster status and administration ----

    /** The leader's view of the cluster (members, indexes; no digest); also teaches this client the members. */
    public CompletableFuture<ClusterStatus> statusAsync() {
        return new RetryingCall<>(core, new Request.Status(), RetryingCall.Target.LEADER, null, STATUS).start();
    }

    /** The view of the node at {@code node}, leader or not; its data digest is empty (not computed). */
    public CompletableFuture<ClusterStatus> statusAsync(NodeAddress node) {
        return new RetryingCall<>(core, new Request.Status(), RetryingCall.Target.FIXED, node, STATUS).start();
    }

    /**
     * As {@link #statusAsync(NodeAddress)} with the node's data digest, to compare replicas. The
     * digest is a full scan that holds up the node's writes while it runs (about 130 s at 10
     * million keys); a node computes it at most once a second while writes flow and answers an
     * empty digest in between.
     */
    public CompletableFuture<ClusterStatus> statusWithDigestAsync(NodeAddress node) {
        return new RetryingCall<>(core, new Request.Status(true), RetryingCall.Target.FIXED, node, STATUS).start();
    }

    /** Blocking {@link #statusWithDigestAsync(NodeAddress)}. */
    public ClusterStatus statusWithDigest(NodeAddress node) throws InterruptedException {
        return await(statusWithDigestAsync(node));
    }

    /** Blocking {@link #statusAsync()}. */
    public ClusterStatus status() throws InterruptedException {
        return await(statusAsync());
    }

    /** Blocking {@link #statusAsync(NodeAddress)}. */
    public ClusterStatus status(NodeAddress node) throws InterruptedException {
        return await(statusAsync(node));
    }

    /**
     * Adds a learner (thesis §4.2.1). Leader only; like a write, may fail with
     * {@link OutcomeUnknownException}, and a retry after one may answer BAD_REQUEST "already a member".
     */
    public CompletableFuture<Response.AdminResult> addLearnerAsync(String nodeId, NodeAddress address) {
        return call(new Request.AddLearner(nodeId, address.toString()), RetryingCall.Target.LEADER,
                Response.AdminResult.class);
    }

    /** Promotes a learner to voter (thesis §4.1); as {@link #addLearnerAsync}. */
    public CompletableFuture<Response.AdminResult> promoteLearnerAsync(String nodeId) {
        return call(new Request.PromoteLearner(nodeId), RetryingCall.Target.LEADER, Response.AdminResult.class);
    }

    /** Removes a member (thesis §4.1); as {@link #addLearnerAsync}. */
    public CompletableFuture<Response.AdminResult> removeMemberAsync(String nodeId) {
        return call(new Request.RemoveMember(nodeId), RetryingCall.Target.LEADER, Response.AdminResult.class);
    }

    /** Hands leadership to {@code targetId}, or to the leader's choice when empty (thesis §3.10). */
    public CompletableFuture<Response.AdminResult> transferLeadershipAsync(String targetId) {
        return call(new Request.TransferLeadership(targetId), RetryingCall.Target.LEADER, Response.AdminResult.class);
    }

    /** Asks the node at {@code node} to snapshot and compact its log now. */
    public CompletableFuture<Response.AdminResult> triggerSnapshotAsync(NodeAddress node) {
        return call(new Request.TriggerSnapshot(), node, Response.AdminResult.class);
    }

    /** Blocking {@link #addLearnerAsync}. */
    public Response.AdminResult addLearner(String nodeId, NodeAddress address) throws InterruptedException {
        return await(addLearnerAsync(nodeId, address));
    }

    /** Blocking {@link #promoteLearnerAsync}. */
    public Response.AdminResult promoteLearner(String nodeId) throws InterruptedException {
        return await(promoteLearnerAsync(nodeId));
    }

    /** Blocking {@link #removeMemberAsync}. */
    public Response.AdminResult removeMember(String nodeId) throws InterruptedException {
        return await(removeMemberAsync(nodeId));
    }

    /** Blocking {@link #transferLeadershipAsync}. */
    public Response.AdminResult transferLeadership(String targetId) throws InterruptedException {
        return await(transferLeadershipAsync(targetId));
    }

    /** Blocking {@link #triggerSnapshotAsync}. */
    public Response.AdminResult triggerSnapshot(NodeAddress node) throws InterruptedException {
        return await(triggerSnapshotAsync(node));
    }

    /**
     * Creates user {@code user} or sets its password (the node hashes it; protocol.md, SetUser).
     * Leader only; answered once applied. Use TLS: the password travels in the request.
     *
     * @param password the new password as UTF-8 bytes, 1..1024; not copied
     */
    public CompletableFuture<Response.AdminResult> setUserAsync(String user, byte[] password) {
        return call(new Request.SetUser(user, password), RetryingCall.Target.LEADER, Response.AdminResult.class);
    }

    /** Removes user {@code user}; the node refuses to remove the last user while it authenticates clients. */
    public CompletableFuture<Response.AdminResult> removeUserAsync(String user) {
        return call(new Request.RemoveUser(user), RetryingCall.Target.LEADER, Response.AdminResult.class);
    }

    /** The user names the leader has applied, in name order; never hashes. */
    public CompletableFuture<List<String>> listUsersAsync() {
        return call(new Request.ListUsers(), RetryingCall.Target.LEADER, Response.ScanResult.class)
                .thenApply(r -> r.entries().stream()
                        .map(kv -> new String(kv.key(), java.nio.charset.StandardCharsets.UTF_8)).toList());
    }

    /** Blocking {@link #setUserAsync}. */
    public Response.AdminResult setUser(String user, byte[] password) throws InterruptedException {
        return await(setUserAsync(user, password));
    }

    /** Blocking {@link #removeUserAsync}. */
    public Response.AdminResult removeUser(String user) throws InterruptedException {
        return await(removeUserAsync(user));
    }

    /** Blocking {@link #listUsersAsync}. */
    public List<String> listUsers() throws InterruptedException {
        return await(listUsersAsync());
    }

    /** Writes waiting for a place in the session window, for tests. */
    int waitingWrites() {
        return writes.waitingCount();
    }

    /** Calls started and not finished, for tests. */
    int activeCalls() {
        return core.activeCalls();
    }

    /** Connections open or opening now (one per node talked to), for monitoring and tests. */
    public int openConnections() {
        return core.openConnections();
    }

    /**
     * Fails calls in progress with {@link ClientClosedException}, closes every connection and
     * ends the client's threads. Blocks until they have ended (a few seconds at most). Idempotent.
     */
    @Override
    public void close() {
        writes.failWaiting(new ClientClosedException("Write was waiting to be sent when the client was closed"));
        core.close();
    }

    private static RetryingCall.Target targetFor(ReadConsistency consistency) {
        return consistency == ReadConsistency.STALE ? RetryingCall.Target.ANY : RetryingCall.Target.LEADER;
    }

    private <R extends Response> CompletableFuture<R> call(Request request, RetryingCall.Target target, Class<R> type) {
        return new RetryingCall<>(core, request, target, null, RetryingCall.expect(type)).start();
    }

    private <R extends Response> CompletableFuture<R> call(Request request, NodeAddress node, Class<R> type) {
        return new RetryingCall<>(core, request, RetryingCall.Target.FIXED, node, RetryingCall.expect(type)).start();
    }

    /** Waits for a call and throws its RaftKvClientException unwrapped. */
    private static <T> T await(CompletableFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RaftKvClientException clientFailure) {
                throw clientFailure;
            }
            throw new IllegalStateException("raftkv client bug: a call failed with " + cause, cause);
        }
    }
}
