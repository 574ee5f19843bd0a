package io.raftkv.node.server;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.command.Delete;
import io.raftkv.client.command.Put;
import io.raftkv.client.rpc.ErrorResponse;
import io.raftkv.client.rpc.KeyValue;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import io.raftkv.node.auth.AuthConfig;
import io.raftkv.node.auth.PasswordHash;
import io.raftkv.node.auth.UserKeys;
import io.raftkv.node.storage.ScanPage;
import io.raftkv.node.storage.ScanRequest;
import io.raftkv.node.storage.StateStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The user administration requests (SetUser, RemoveUser, ListUsers): hashes passwords and reads
 * the user records on a one-thread executor of its own (PBKDF2 is slow on purpose), then hands
 * the command to propose back to the caller. Users are ordinary Put/Delete commands on their
 * reserved keys ({@link UserKeys}), so they replicate and snapshot like any data.
 *
 * <p>Thread-safe; {@link #handle} never blocks. {@link #close()} stops the executor.
 */
final class UserCommands implements AutoCloseable {

    /** Requests queued beyond this are answered OVERLOADED. */
    static final int MAX_QUEUED = 64;

    private final String nodeId;
    private final AuthConfig auth;
    private final StateStore state;
    private final ThreadPoolExecutor executor;

    UserCommands(String nodeId, AuthConfig auth, StateStore state) {
        this.nodeId = nodeId;
        this.auth = auth;
        this.state = state;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_QUEUED),
                r -> {
                    Thread t = new Thread(r, nodeId + "-users");
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Serves one user request: answers {@code reply} itself (ListUsers, refusals) or passes the
     * encoded command to {@code propose}, which answers once it is applied. Any thread.
     */
    void handle(Request request, Reply reply, Consumer<byte[]> propose) {
        try {
            executor.execute(() -> {
                try {
                    serve(request, reply, propose);
                } catch (IllegalArgumentException e) {
                    reply.complete(ErrorResponse.badRequest(e.getMessage()));
                } catch (RuntimeException e) {
                    reply.complete(ErrorResponse.internal("node " + nodeId + " failed on " + request + ": " + e));
                }
            });
        } catch (RejectedExecutionException e) {
            reply.complete(ErrorResponse.overloaded("userRequestsQueued", "node " + nodeId + " has " + MAX_QUEUED
                    + " user requests queued; retry later"));
        }
    }

    private void serve(Request request, Reply reply, Consumer<byte[]> propose) {
        if (request instanceof Request.SetUser u) {
            byte[] key = UserKeys.key(u.user());
            PasswordHash hash = PasswordHash.create(u.password(), auth.iterations());
            propose.accept(CommandCodec.encode(Command.of(Put.of(key, hash.encode()))));
        } else if (request instanceof Request.RemoveUser u) {
            byte[] key = UserKeys.key(u.user());
            List<KeyValue> users = users();
            if (users.stream().noneMatch(kv -> new String(kv.key(), StandardCharsets.UTF_8).equals(u.user()))) {
                throw new IllegalArgumentException("no user '" + u.user() + "' on node " + nodeId);
            }
            if (auth.enabled() && users.size() == 1) {
                throw new IllegalArgumentException("'" + u.user() + "' is the last user and node " + nodeId
                        + " authenticates clients: add another user first, or nobody could log in");
            }
            propose.accept(CommandCodec.encode(Command.of(Delete.of(key))));
        } else if (request instanceof Request.ListUsers) {
            reply.complete(new Response.ScanResult(users(), null));
        } else {
            throw new IllegalArgumentException("not a user request: " + request);
        }
    }

    /** Every applied user, name order: key = name, empty value, modIndex of its record. */
    private List<KeyValue> users() {
        List<KeyValue> out = new ArrayList<>();
        ScanRequest page = ScanRequest.prefix(UserKeys.PREFIX);
        while (true) {
            ScanPage p = state.scan(page);
            for (io.raftkv.node.storage.KeyValue kv : p.items()) {
                out.add(new KeyValue(UserKeys.name(kv.key()).getBytes(StandardCharsets.UTF_8), new byte[0],
                        kv.modIndex()));
            }
            if (!p.hasMore()) {
                return out;
            }
            page = page.resumeAfter(p.resumeAfter());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
