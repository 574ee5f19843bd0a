package io.raftkv.node.server;

import io.raftkv.client.rpc.ErrorResponse;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A small test client that follows NOT_LEADER hints and retries retryable errors across the
 * given addresses, to drive real nodes without depending on the Java client's internals.
 */
final class FollowingClient implements AutoCloseable {

    private final List<InetSocketAddress> seeds;
    private final String clusterId;
    private RawClient current;
    private InetSocketAddress currentAddress;
    private int next;

    FollowingClient(List<InetSocketAddress> seeds, String clusterId) {
        this.seeds = new ArrayList<>(seeds);
        this.clusterId = clusterId;
    }

    /** Sends {@code request} until a non-retryable answer or {@code limit} passes; returns the last answer. */
    Response call(Request request, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Response last = null;
        Exception lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                if (current == null) {
                    connect(seeds.get(next++ % seeds.size()));
                }
                last = current.call(request);
                if (last instanceof ErrorResponse e && e.code().retryable()) {
                    if (!e.leaderAddress().isEmpty()) {
                        connect(NodeIdentity.parseAddress(e.leaderAddress()));
                    } else {
                        Thread.sleep(50);
                        drop();
                    }
                    continue;
                }
                return last;
            } catch (Exception e) {
                lastError = e;
                drop();
                Thread.sleep(50);
            }
        }
        throw new AssertionError("no final answer within " + limit + "; last " + last, lastError);
    }

    private void connect(InetSocketAddress a) throws Exception {
        drop();
        InetSocketAddress resolved = new InetSocketAddress(a.getHostString(), a.getPort());
        current = RawClient.open(resolved, clusterId);
        currentAddress = resolved;
    }

    InetSocketAddress currentAddress() {
        return currentAddress;
    }

    private void drop() {
        if (current != null) {
            try {
                current.close();
            } catch (Exception ignored) {
                // already broken
            }
            current = null;
        }
    }

    @Override
    public void close() {
        drop();
    }
}
