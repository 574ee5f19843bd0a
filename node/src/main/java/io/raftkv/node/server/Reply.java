package io.raftkv.node.server;

import io.raftkv.client.rpc.ClientResponse;
import io.raftkv.client.rpc.ErrorResponse;
import io.raftkv.client.rpc.Response;
import io.raftkv.client.rpc.ResponseCodec;
import io.raftkv.node.metrics.NodeMetrics;
import io.raftkv.node.transport.ClientConnection;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one answer owed to one client request. Whoever finishes the request first (the apply
 * thread, the Raft thread on an error, the timeout timer) answers; later attempts do nothing,
 * so each request frees exactly one in-flight slot of its connection.
 *
 * <p>Thread-safe; {@link #complete} never blocks.
 */
final class Reply {

    private final ClientConnection connection;
    private final long requestId;
    /** Counts the error answers by code. */
    private final NodeMetrics metrics;
    /** Set once, by the first {@link #complete}. */
    private final AtomicBoolean done = new AtomicBoolean();
    /** Run once after the answer went out (cancels the timeout); null if none. */
    private volatile Runnable onDone;

    Reply(ClientConnection connection, long requestId, NodeMetrics metrics) {
        this.metrics = metrics;
        this.connection = connection;
        this.requestId = requestId;
    }

    /** Sends {@code response} unless an answer went out already; returns whether this call sent it. */
    boolean complete(Response response) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        connection.respond(ResponseCodec.encode(new ClientResponse(requestId, response)));
        if (response instanceof ErrorResponse e) {
            metrics.error(e.code().name());
        }
        Runnable hook = onDone;
        if (hook != null) {
            hook.run();
        }
        return true;
    }

    /** Runs {@code hook} once answered (at once if already answered, possibly twice in a race; it must be idempotent). */
    void onDone(Runnable hook) {
        onDone = hook;
        if (done.get()) {
            hook.run();
        }
    }

    /** True once answered. */
    boolean isDone() {
        return done.get();
    }

    long requestId() {
        return requestId;
    }
}
