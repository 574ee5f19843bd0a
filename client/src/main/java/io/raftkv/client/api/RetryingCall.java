package io.raftkv.client.api;

import io.raftkv.client.rpc.ClientRequest;
import io.raftkv.client.rpc.ErrorCode;
import io.raftkv.client.rpc.ErrorResponse;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One client call: tries, redirects and backoff until a result, a permanent error or the call's
 * deadline. The request is sent unchanged on every try, so a write keeps its session sequence
 * and the state machine applies it at most once (thesis §6.3).
 *
 * <p>Leader discovery: with no leader believed, the call asks the next known node for its
 * status, learning members and the leader (§5.1); a NOT_LEADER answer naming a leader is
 * followed at once (three times in a row at most, then with backoff).
 *
 * <p>Thread: one try at a time; each step runs on an event loop after the previous one, so the
 * fields need no locks. {@link #abort} may come from any thread and only completes the future.
 */
final class RetryingCall<T> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RetryingCall.class);

    /** Where the call may be served. */
    enum Target {
        /** The leader only. */
        LEADER,
        /** Any node (stale reads); the leader if one is believed. */
        ANY,
        /** One given node; no redirects. */
        FIXED
    }

    /** Turns a non-error response into the result, or throws RequestFailedException if it is the wrong kind. */
    interface ResultMapper<T> {
        T map(Response response);
    }

    private static final int MAX_REDIRECTS_IN_A_ROW = 3;
    /** Least time worth a try: 10 ms, or the whole attempt timeout if that is shorter. */
    private static final long MIN_TRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final ClientCore core;
    private final Request request;
    private final Target target;
    /** The node for {@link Target#FIXED}, else null. */
    private final NodeAddress fixedNode;
    private final ResultMapper<T> mapper;
    private final Backoff backoff;
    private final long startNanos;
    private final long deadlineNanos;
    /** See {@link #MIN_TRY_NANOS}. */
    private final long minTryNanos;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    /** True for requests whose effect must not be doubled: writes and membership changes. */
    private final boolean mutating;

    /** Tries sent or attempted so far (connect failures count). */
    private int tries;
    /** Backoffs taken so far; drives the backoff delay. */
    private int backoffs;
    /** Consecutive NOT_LEADER redirects followed without backoff. */
    private int redirectsInARow;
    /** True once a try of a mutating request may have reached a node that could apply it. */
    private boolean maybeApplied;
    /** What went wrong last, for the final exception; null before any failure. */
    private Throwable lastFailure;

    RetryingCall(ClientCore core, Request request, Target target, NodeAddress fixedNode, ResultMapper<T> mapper) {
        this.core = core;
        this.request = request;
        this.target = target;
        this.fixedNode = fixedNode;
        this.mapper = mapper;
        this.backoff = new Backoff(core.config().minBackoff(), core.config().maxBackoff());
        this.startNanos = System.nanoTime();
        this.deadlineNanos = startNanos + core.config().requestTimeout().toNanos();
        this.minTryNanos = Math.min(MIN_TRY_NANOS, core.config().attemptTimeout().toNanos());
        this.mutating = !request.isRead() && !(request instanceof Request.TriggerSnapshot);
        result.whenComplete((v, e) -> core.finished(this));
    }

    /** Starts the first try; the future completes with the result or a {@link RaftKvClientException}. */
    CompletableFuture<T> start() {
        if (!core.register(this)) {
            result.completeExceptionally(new ClientClosedException(description() + ": the client is closed"));
            return result;
        }
        tryOnce();
        return result;
    }

    /** Ends the call with {@code failure}, whatever it is doing. Any thread. */
    void abort(RaftKvClientException failure) {
        result.completeExceptionally(failure);
    }

    /** The request kind, for messages. */
    String description() {
        return request.getClass().getSimpleName();
    }

    private void tryOnce() {
        if (result.isDone()) {
            return;
        }
        if (core.isClosed()) {
            abort(new ClientClosedException(description() + " was in progress when the client was closed"));
            return;
        }
        // A try with almost no time left cannot get its answer back; it would only turn a write
        // the cluster refused into one whose outcome is unknown.
        if (deadlineNanos - System.nanoTime() < minTryNanos) {
            failAtDeadline();
            return;
        }
        NodeAddress node = switch (target) {
            case FIXED -> fixedNode;
            case LEADER -> core.cluster().leader();
            case ANY -> core.cluster().leader() != null ? core.cluster().leader() : core.cluster().nextNode();
        };
        if (node == null) {
            discoverLeader();
        } else {
            send(node, request, response -> onAnswer(node, response));
        }
    }

    /** Asks the next known node who leads; then tries again at once if it says, else after a backoff. */
    private void discoverLeader() {
        NodeAddress node = core.cluster().nextNode();
        send(node, new Request.Status(), response -> {
            if (response instanceof Response.StatusResult status) {
                core.cluster().learn(node, status.status());
                if (core.cluster().leader() != null) {
                    tryOnce();
                } else {
                    lastFailure = new IllegalStateException("node " + status.status().nodeId() + " at " + node
                            + " knows no leader in term " + status.status().term());
                    retryLater();
                }
            } else if (response instanceof ErrorResponse error) {
                onError(node, error, false);
            } else {
                abort(unexpected(node, response));
            }
        });
    }

    /**
     * Sends one try to {@code node}; answers go to {@code onResponse}, failures to
     * {@link #onTryFailed}. The try's timer starts before connecting, so a slow connect cannot
     * carry the call past its deadline.
     */
    private void send(NodeAddress node, Request what, Consumer<Response> onResponse) {
        tries++;
        long remainingNanos = deadlineNanos - System.nanoTime();
        long tryMillis = Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(remainingNanos),
                core.config().attemptTimeout().toMillis()));
        CompletableFuture<Response> answer = new CompletableFuture<>();
        // Set once the request is handed to a connection; until then a timeout means "not sent".
        AtomicReference<Runnable> forgetSent = new AtomicReference<>();
        ScheduledFuture<?> timer = core.schedule(() -> {
            boolean sent = forgetSent.get() != null;
            if (answer.completeExceptionally(new AttemptTimeoutException(node + (sent ? " did not answer " : " was not"
                    + " reachable for ") + what.getClass().getSimpleName() + " within " + tryMillis + " ms", sent))
                    && sent) {
                forgetSent.get().run();
            }
        }, TimeUnit.MILLISECONDS.toNanos(tryMillis));
        if (timer == null) {
            abort(new ClientClosedException(description() + " was in progress when the client was closed"));
            return;
        }
        core.connection(node).whenComplete((connection, connectFailure) -> {
            if (connectFailure != null) {
                answer.completeExceptionally(unwrap(connectFailure));
                return;
            }
            if (answer.isDone() || result.isDone()) {
                return;
            }
            long id = core.nextRequestId();
            forgetSent.set(() -> connection.forget(id));
            connection.send(new ClientRequest(id, (int) tryMillis, what)).whenComplete((response, failure) -> {
                if (failure != null) {
                    answer.completeExceptionally(unwrap(failure));
                } else {
                    answer.complete(response);
                }
            });
        });
        answer.whenComplete((response, failure) -> {
            timer.cancel(false);
            if (failure != null) {
                onTryFailed(node, unwrap(failure), what == request);
            } else if (!result.isDone()) {
                onResponse.accept(response);
            }
        });
    }

    private void onAnswer(NodeAddress node, Response response) {
        if (response instanceof ErrorResponse error) {
            onError(node, error, true);
            return;
        }
        try {
            result.complete(mapper.map(response));
        } catch (RaftKvClientException e) {
            abort(e);
        }
    }

    /** A node answered with an error; {@code wasTheRequest} is false for a leader-discovery status. */
    private void onError(NodeAddress node, ErrorResponse error, boolean wasTheRequest) {
        lastFailure = new RequestFailedException(error.code(), error.limitName(), node + ": " + error.message());
        if (error.code() == ErrorCode.NOT_LEADER) {
            if (target == Target.FIXED) {
                abort((RequestFailedException) lastFailure);
                return;
            }
            NodeAddress leader = core.cluster().redirected(node, error.leaderId(), error.leaderAddress());
            if (leader != null && redirectsInARow < MAX_REDIRECTS_IN_A_ROW) {
                redirectsInARow++;
                tryOnce();
            } else {
                retryLater();
            }
            return;
        }
        switch (error.code()) {
            case TIMEOUT, OUTCOME_UNKNOWN -> {
                maybeApplied |= mutating && wasTheRequest;
                core.cluster().suspect(node);
                retryLater();
            }
            case OVERLOADED -> retryLater();
            default -> abort((RequestFailedException) lastFailure);
        }
    }

    /** A try failed without an answer: connection, handshake, in-flight limit or try timeout. */
    private void onTryFailed(NodeAddress node, Throwable failure, boolean wasTheRequest) {
        if (result.isDone()) {
            return;
        }
        if (failure instanceof RaftKvClientException permanent) {
            abort(permanent);
            return;
        }
        lastFailure = failure;
        if (failure instanceof ConnectionLostException lost) {
            maybeApplied |= mutating && wasTheRequest && lost.maybeDelivered();
            core.cluster().suspect(node);
        } else if (failure instanceof AttemptTimeoutException timeout) {
            maybeApplied |= mutating && wasTheRequest && timeout.sent();
            core.cluster().suspect(node);
        }
        retryLater();
    }

    private void retryLater() {
        redirectsInARow = 0;
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            failAtDeadline();
            return;
        }
        long delay = Math.min(backoff.delayNanos(backoffs++), remaining);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} try {} failed ({}); retrying in {} ms", description(), tries,
                    lastFailure == null ? "no leader known" : lastFailure.getMessage(),
                    TimeUnit.NANOSECONDS.toMillis(delay));
        }
        if (core.schedule(this::tryOnce, delay) == null) {
            abort(new ClientClosedException(description() + " was in progress when the client was closed"));
        }
    }

    private void failAtDeadline() {
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        String last = lastFailure == null ? "no try was answered" : "last: " + lastFailure.getMessage();
        if (maybeApplied) {
            abort(new OutcomeUnknownException(description() + " was sent but no outcome was learned within "
                    + tookMs + " ms (requestTimeout " + core.config().requestTimeout().toMillis() + " ms, " + tries
                    + " tries); it was applied at most once; " + last, lastFailure));
        } else {
            abort(new RequestTimeoutException(description() + " did not finish within " + tookMs
                    + " ms (requestTimeout " + core.config().requestTimeout().toMillis() + " ms, " + tries
                    + " tries) and nothing was written; " + last, lastFailure));
        }
    }

    private static RequestFailedException unexpected(NodeAddress node, Response response) {
        return new RequestFailedException(ErrorCode.INTERNAL, "", node + " answered with an unexpected "
                + response.getClass().getSimpleName());
    }

    /** The mapper for a result of type {@code type}. */
    static <R extends Response> ResultMapper<R> expect(Class<R> type) {
        return response -> {
            if (type.isInstance(response)) {
                return type.cast(response);
            }
            throw new RequestFailedException(ErrorCode.INTERNAL, "", "expected " + type.getSimpleName()
                    + " but the node answered " + response.getClass().getSimpleName());
        };
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
