package io.raftkv.jdbc.cluster;

import io.raftkv.calcite.AuthenticationFailedException;
import io.raftkv.calcite.CallOptions;
import io.raftkv.calcite.InvalidDataException;
import io.raftkv.calcite.KvEntry;
import io.raftkv.calcite.KvStore;
import io.raftkv.calcite.OutcomeUnknownException;
import io.raftkv.calcite.ReadConsistency;
import io.raftkv.calcite.ScanPage;
import io.raftkv.calcite.ScanRequest;
import io.raftkv.calcite.StatementCancelledException;
import io.raftkv.calcite.StatementTooLargeException;
import io.raftkv.calcite.StoreTimeoutException;
import io.raftkv.calcite.StoreUnavailableException;
import io.raftkv.calcite.TooManyConnectionsException;
import io.raftkv.client.api.AuthenticationException;
import io.raftkv.client.api.RaftKvClient;
import io.raftkv.client.api.RequestFailedException;
import io.raftkv.client.api.RequestTimeoutException;
import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandResult;
import io.raftkv.client.command.Op;
import io.raftkv.client.protocol.AuthOutcome;
import io.raftkv.client.rpc.ErrorCode;
import io.raftkv.client.rpc.KeyValue;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The SQL layer's store on a real cluster, through the Java client. One per JDBC connection; the
 * client underneath is shared by the connections to the same cluster ({@link SharedClients}).
 *
 * <p>Thread: any; blocking. Every call waits until its {@link CallOptions} deadline (or briefly
 * past it for the client's own verdict, see {@link #VERDICT_GRACE_NANOS}), polling the
 * statement's cancel flag, and fails with the SQL layer's typed exceptions.
 */
final class ClusterKvStore implements KvStore {

    /** How often a waiting call looks at the cancel flag. */
    private static final long CANCEL_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /**
     * How far past a statement's deadline a call waits for the client's own verdict, if the
     * client's requestTimeout ends within this of the deadline. The two usually coincide (both
     * are timeoutMs; the client's clock starts a moment later), and the client's verdict says why
     * nothing came back, e.g. that every node refused for maxConnectionsPerNode (53300), where
     * the statement's deadline alone can only say that nothing did (HYT00).
     */
    private static final long VERDICT_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final byte[] EMPTY = new byte[0];

    private final SharedClients.Lease lease;

    ClusterKvStore(SharedClients.Lease lease) {
        this.lease = lease;
    }

    private RaftKvClient client() {
        return lease.client();
    }

    @Override
    public Optional<KvEntry> get(byte[] key, CallOptions options) {
        if (isReserved(key)) {
            return Optional.empty();
        }
        Response.GetResult result = await(client().getAsync(key, consistency(options)), options, false);
        return result.found() ? Optional.of(new KvEntry(key, result.value(), result.modIndex())) : Optional.empty();
    }

    /**
     * One page. The SQL layer resumes after the last key it saw; that becomes a bound here (the
     * next key in byte order going up, the last key itself as exclusive upper bound going down),
     * so no resume key of the wire protocol is needed.
     */
    @Override
    public ScanPage scan(ScanRequest request, CallOptions options) {
        byte[] from = request.lower() == null ? EMPTY
                : request.lowerInclusive() ? request.lower() : successor(request.lower());
        byte[] to = request.upper() == null ? null
                : request.upperInclusive() ? successor(request.upper()) : request.upper();
        if (request.resumeAfter() != null) {
            if (request.reverse()) {
                to = request.resumeAfter();
            } else {
                from = successor(request.resumeAfter());
            }
        }
        Request.Scan scan = new Request.Scan(from, to, EMPTY, request.limit(), request.reverse(), null,
                consistency(options));
        Response.ScanResult result = await(client().scanAsync(scan), options, false);
        List<KvEntry> entries = new ArrayList<>(result.entries().size());
        for (KeyValue kv : result.entries()) {
            if (isReserved(kv.key())) {
                continue;
            }
            entries.add(new KvEntry(kv.key(), kv.value(), kv.modIndex()));
        }
        return new ScanPage(entries, result.hasMore());
    }

    @Override
    public CommandResult execute(Command command, CallOptions options) {
        for (Op op : command.ops()) {
            if (isReserved(op.key())) {
                throw new InvalidDataException("22023", "keys starting with the character U+0000 are reserved"
                        + " for raftkv's own records (member addresses); choose another key", null);
            }
        }
        return await(client().writeAsync(command.ops()), options, true).result();
    }

    @Override
    public void ping(CallOptions options) {
        await(client().statusAsync(), options, false);
    }

    @Override
    public void close() {
        lease.close();
    }

    /**
     * Keys starting with a 0 byte hold the nodes' own records (member addresses, see the node's
     * MemberDirectory); the kv table neither shows nor writes them.
     */
    static boolean isReserved(byte[] key) {
        return key.length > 0 && key[0] == 0;
    }

    /** The smallest key greater than {@code key} in unsigned byte order. */
    static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    private static io.raftkv.client.rpc.ReadConsistency consistency(CallOptions options) {
        ReadConsistency c = options.consistency();
        return switch (c) {
            case LINEARIZABLE -> io.raftkv.client.rpc.ReadConsistency.LINEARIZABLE;
            case LEASE -> io.raftkv.client.rpc.ReadConsistency.LEASE;
            case STALE -> io.raftkv.client.rpc.ReadConsistency.STALE;
        };
    }

    /**
     * Waits for {@code future}, the client call just started, until the deadline (see
     * {@link #VERDICT_GRACE_NANOS}), giving up early if the statement is cancelled. A write given
     * up on (deadline or cancel) may still be applied: that is "outcome unknown".
     */
    private <T> T await(CompletableFuture<T> future, CallOptions options, boolean write) {
        long giveUpAt = giveUpAt(options);
        try {
            while (true) {
                if (options.cancelled().get()) {
                    future.cancel(false);
                    if (write) {
                        throw new OutcomeUnknownException("the statement was cancelled after its write was sent;"
                                + " it may or may not have been applied");
                    }
                    throw new StatementCancelledException();
                }
                long remaining = giveUpAt - System.nanoTime();
                if (remaining <= 0) {
                    future.cancel(false);
                    if (write) {
                        throw new OutcomeUnknownException("no answer before the statement's deadline; the write"
                                + " may or may not have been applied (raise timeoutMs or setQueryTimeout)");
                    }
                    throw new StoreTimeoutException("no answer before the statement's deadline;"
                            + " raise timeoutMs or setQueryTimeout");
                }
                try {
                    return future.get(Math.min(remaining, CANCEL_POLL_NANOS), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // poll the cancel flag and the deadline again
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new StatementCancelledException();
        } catch (ExecutionException e) {
            throw translate(e.getCause(), write);
        }
    }

    /**
     * When {@link #await} stops waiting: the statement's deadline, or, if the client's own deadline
     * is within {@link #VERDICT_GRACE_NANOS} of it either way, that plus the grace (so at most two
     * graces past the statement's). Called right after the client call started, so the client's
     * deadline is no later than now + requestTimeout.
     */
    private long giveUpAt(CallOptions options) {
        long clientDeadline = System.nanoTime() + client().config().requestTimeout().toNanos();
        long clientLateBy = clientDeadline - options.deadlineNanos();
        boolean close = clientLateBy > -VERDICT_GRACE_NANOS && clientLateBy <= VERDICT_GRACE_NANOS;
        return close ? clientDeadline + VERDICT_GRACE_NANOS : options.deadlineNanos();
    }

    private static RuntimeException translate(Throwable failure, boolean write) {
        if (failure instanceof AuthenticationException e) {
            String rateLimited = e.outcome() == AuthOutcome.REFUSED_TOO_MANY_ATTEMPTS
                    ? " (rate-limited: too many failed logins; wait before retrying)" : "";
            return new AuthenticationFailedException("authentication failed" + rateLimited + ": " + e.getMessage(), e);
        }
        if (failure instanceof io.raftkv.client.api.OutcomeUnknownException e) {
            return new OutcomeUnknownException(e.getMessage(), e);
        }
        if (failure instanceof RequestTimeoutException e && e.refusedForConnectionLimit()) {
            return new TooManyConnectionsException("too many connections (maxConnectionsPerNode): close idle"
                    + " connections or shrink the pool, then retry; " + e.getMessage(), e);
        }
        if (failure instanceof RequestTimeoutException e) {
            return new StoreTimeoutException(e.getMessage(), e);
        }
        if (failure instanceof RequestFailedException e) {
            if (e.code() == ErrorCode.LIMIT_EXCEEDED) {
                return StatementTooLargeException.forLimit(e.limitName(), e.getMessage(), e);
            }
            if (e.code() == ErrorCode.OUTCOME_UNKNOWN) {
                return new OutcomeUnknownException(e.getMessage(), e);
            }
            if (e.code() == ErrorCode.BAD_REQUEST) {
                return new InvalidDataException("22023", e.getMessage(), e);
            }
            return new StoreUnavailableException(e.getMessage(), e);
        }
        // The client reports every write it may have delivered as OutcomeUnknown (above); any
        // other failure means nothing was applied.
        return new StoreUnavailableException("the cluster could not be reached: " + failure.getMessage(), failure);
    }
}
