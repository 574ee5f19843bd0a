package io.raftkv.node.auth;

import io.raftkv.client.protocol.AuthOutcome;
import io.raftkv.client.protocol.AuthReply;
import io.raftkv.client.protocol.AuthRequest;
import io.raftkv.node.metrics.CounterFamily;
import io.raftkv.node.metrics.MetricRegistry;
import io.raftkv.node.storage.KeyValue;
import io.raftkv.node.storage.ScanRequest;
import io.raftkv.node.storage.StateStore;
import io.raftkv.node.transport.ClientAuthenticator;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Checks a client's user and password against the users in the applied state
 * ({@link UserKeys}), on a small executor of its own: PBKDF2 is slow on purpose and must not run
 * on a Netty event loop, the Raft thread or the apply thread. Reads only the local applied state:
 * no Raft work is done for a login. Refusals are delayed and limited by a {@link LoginThrottle};
 * every outcome is counted in {@code raftkv_client_auth_total{outcome=...}}.
 *
 * <p>Thread-safe. {@link #close()} stops the executor.
 */
public final class UserAuthenticator implements ClientAuthenticator, AutoCloseable {

    /** Logins being checked or queued beyond this are refused as too many at once. */
    static final int MAX_QUEUED = 256;

    private final String nodeId;
    private final AuthConfig config;
    private final StateStore state;
    private final ScheduledExecutorService timer;
    private final LoginThrottle throttle;
    private final ThreadPoolExecutor verifier;
    private final CounterFamily outcomes;
    /** Checked for unknown users too, so the answer time does not tell which users exist. */
    private final PasswordHash decoy;

    /**
     * @param nodeId   this node's id, for messages
     * @param config   must be enabled
     * @param state    the applied state holding the users
     * @param timer    schedules delayed refusals; not owned
     * @param registry where the outcome counter is registered
     */
    public UserAuthenticator(String nodeId, AuthConfig config, StateStore state, ScheduledExecutorService timer,
            MetricRegistry registry) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("UserAuthenticator needs authentication on; use ClientAuthenticator.OFF");
        }
        this.nodeId = nodeId;
        this.config = config;
        this.state = state;
        this.timer = timer;
        this.throttle = new LoginThrottle(config, System::nanoTime);
        this.verifier = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_QUEUED),
                r -> {
                    Thread t = new Thread(r, nodeId + "-auth");
                    t.setDaemon(true);
                    return t;
                });
        this.outcomes = registry.register(new CounterFamily("raftkv_client_auth_total",
                "Client logins by outcome (accepted, wrong_credentials, too_many_attempts, no_credentials,"
                        + " no_users_yet)", "outcome"));
        this.decoy = PasswordHash.create(new byte[] {0}, config.iterations());
    }

    @Override
    public CompletionStage<AuthReply> authenticate(SocketAddress remote, AuthRequest request) {
        if (!request.hasCredentials()) {
            outcomes.increment("no_credentials");
            return CompletableFuture.completedFuture(new AuthReply(AuthOutcome.REFUSED_NO_CREDENTIALS, "node " + nodeId
                    + " requires a user and password (JDBC: user= and password=; Java client: "
                    + "ClientConfig.credentials)"));
        }
        String host = remote instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(remote);
        String key = LoginThrottle.key(host, request.user());
        if (!throttle.tryBegin(key)) {
            return tooMany(request.user(), host);
        }
        CompletableFuture<AuthReply> reply = new CompletableFuture<>();
        try {
            verifier.execute(() -> verify(key, request, reply));
        } catch (RejectedExecutionException e) {
            throttle.failed(key);
            outcomes.increment("too_many_attempts");
            reply.complete(new AuthReply(AuthOutcome.REFUSED_TOO_MANY_ATTEMPTS, "node " + nodeId + " is checking "
                    + MAX_QUEUED + " logins already; retry later"));
        }
        return reply;
    }

    private CompletionStage<AuthReply> tooMany(String user, String host) {
        outcomes.increment("too_many_attempts");
        return CompletableFuture.completedFuture(new AuthReply(AuthOutcome.REFUSED_TOO_MANY_ATTEMPTS,
                "too many failed logins for user '" + user + "' from " + host + " (" + config.maxFailures()
                        + " within " + config.failureWindow().toSeconds() + " s); wait, then check the password"));
    }

    /** Executor thread: the slow part. */
    private void verify(String key, AuthRequest request, CompletableFuture<AuthReply> reply) {
        boolean ok;
        try {
            Optional<PasswordHash> stored = lookup(request.user());
            if (stored.isEmpty() && noUsers()) {
                throttle.abandoned(key);
                outcomes.increment("no_users_yet");
                reply.complete(new AuthReply(AuthOutcome.REFUSED_NO_USERS_YET, "node " + nodeId + " has no user yet"
                        + " (a new cluster's --bootstrap-user is created by its leader once elected); retrying"));
                return;
            }
            ok = stored.orElse(decoy).matches(request.password()) && stored.isPresent();
        } catch (RuntimeException e) {
            throttle.failed(key);
            outcomes.increment("wrong_credentials");
            reply.complete(new AuthReply(AuthOutcome.REFUSED_CREDENTIALS, "node " + nodeId
                    + " could not check user '" + request.user() + "': " + e.getMessage()));
            return;
        }
        if (ok) {
            throttle.succeeded(key);
            outcomes.increment("accepted");
            reply.complete(new AuthReply(AuthOutcome.ACCEPTED, ""));
            return;
        }
        Duration delay = throttle.failed(key);
        outcomes.increment("wrong_credentials");
        AuthReply refusal = new AuthReply(AuthOutcome.REFUSED_CREDENTIALS, "unknown user or wrong password for user '"
                + request.user() + "'");
        try {
            timer.schedule(() -> reply.complete(refusal), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            reply.complete(refusal); // the node is closing
        }
    }

    private Optional<PasswordHash> lookup(String user) {
        byte[] key;
        try {
            key = UserKeys.key(user);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return state.get(key).map(KeyValue::value).map(PasswordHash::decode);
    }

    private boolean noUsers() {
        return state.scan(ScanRequest.prefix(UserKeys.PREFIX).withLimit(1)).items().isEmpty();
    }

    /** Stops checking; queued logins are dropped (their connections close with the node). */
    @Override
    public void close() {
        verifier.shutdownNow();
    }
}
