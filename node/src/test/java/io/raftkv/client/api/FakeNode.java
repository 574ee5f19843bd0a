package io.raftkv.client.api;

import io.raftkv.client.command.CommandResult;
import io.raftkv.client.command.Delete;
import io.raftkv.client.command.Op;
import io.raftkv.client.command.OpResult;
import io.raftkv.client.command.Put;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.ProtocolLimits;
import io.raftkv.client.protocol.ProtocolException;
import io.raftkv.client.rpc.ClientRequest;
import io.raftkv.client.rpc.ClientResponse;
import io.raftkv.client.rpc.ClusterStatus;
import io.raftkv.client.rpc.ErrorResponse;
import io.raftkv.client.rpc.MemberInfo;
import io.raftkv.client.rpc.MemberRole;
import io.raftkv.client.rpc.NodeRole;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.RequestCodec;
import io.raftkv.client.rpc.Response;
import io.raftkv.client.rpc.ResponseCodec;
import io.raftkv.node.transport.ClientConnection;
import io.raftkv.node.transport.ClientRequestSink;
import io.raftkv.node.transport.NodeTransport;
import io.raftkv.node.transport.TransportConfig;
import io.raftkv.node.transport.TransportException;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real {@link NodeTransport} on 127.0.0.1 with an ephemeral port whose client sink answers
 * from a tiny in-test table (no Raft): the far end of the client tests. Its {@link #behaviour}
 * decides per request whether to serve, refuse, hold or hang up.
 */
final class FakeNode implements AutoCloseable {

    static final String CLUSTER = "client-test";

    /** One request as it arrived. */
    record Received(ClientConnection connection, ClientRequest request, long arrivedNanos) {
    }

    /** What the node does with a request; runs on a transport event loop and must not block. */
    interface Behaviour {
        void handle(FakeNode node, ClientConnection connection, ClientRequest request);
    }

    final String id;
    final NodeTransport transport;
    final NodeAddress address;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    final List<ClientConnection> disconnected = new CopyOnWriteArrayList<>();
    /** The in-test table; keys as ISO-8859-1 strings so byte arrays compare by content. */
    final Map<String, byte[]> table = new ConcurrentHashMap<>();
    final Map<String, Long> modIndexes = new ConcurrentHashMap<>();
    private final AtomicLong lastIndex = new AtomicLong();
    volatile Behaviour behaviour = FakeNode::serve;
    /** Most entries a scan page holds, whatever the request's limit. */
    volatile int scanPageSize = Integer.MAX_VALUE;
    /** Whether status answers say this node leads; otherwise they name {@link #leaderHint}. */
    volatile boolean leader = true;
    volatile FakeNode leaderHint;
    /** Members listed in status answers, besides this node. */
    final List<FakeNode> otherMembers = new CopyOnWriteArrayList<>();

    FakeNode(String id) throws TransportException {
        this(id, Duration.ofSeconds(3));
    }

    FakeNode(String id, Duration idleTimeout) throws TransportException {
        this(id, idleTimeout, ProtocolLimits.DEFAULTS);
    }

    /** A node enforcing {@code limits} on its connections, e.g. a low maxConnectionsPerNode. */
    FakeNode(String id, Duration idleTimeout, ProtocolLimits limits) throws TransportException {
        this.id = id;
        TransportConfig config = TransportConfig.of(CLUSTER, id, new InetSocketAddress("127.0.0.1", 0), Map.of())
                .withWorkerThreads(1)
                .withIdleTimeout(idleTimeout)
                .withLimits(limits);
        transport = new NodeTransport(config, (peer, type, body) -> {
        }, new ClientRequestSink() {
            @Override
            public void onClientRequest(ClientConnection connection, FrameType type, byte[] body) {
                ClientRequest request;
                try {
                    request = RequestCodec.decode(body);
                } catch (ProtocolException e) {
                    throw new AssertionError("the client sent a malformed request", e);
                }
                connections.add(connection);
                received.add(new Received(connection, request, System.nanoTime()));
                behaviour.handle(FakeNode.this, connection, request);
            }

            @Override
            public void onClientDisconnected(ClientConnection connection) {
                disconnected.add(connection);
            }
        });
        address = NodeAddress.of(transport.start());
    }

    /** The default behaviour: answer from the table as {@link #answer} says. */
    static void serve(FakeNode node, ClientConnection connection, ClientRequest request) {
        node.respond(connection, request, node.answer(request.request()));
    }

    void respond(ClientConnection connection, ClientRequest request, Response response) {
        connection.respond(ResponseCodec.encode(new ClientResponse(request.requestId(), response)));
    }

    /** Requests of one kind received so far. */
    <R extends Request> List<R> receivedOf(Class<R> type) {
        List<R> out = new ArrayList<>();
        for (Received r : received) {
            if (type.isInstance(r.request().request())) {
                out.add(type.cast(r.request().request()));
            }
        }
        return out;
    }

    /** Arrival times of requests of one kind, in order. */
    List<Long> arrivalsOf(Class<? extends Request> type) {
        List<Long> out = new ArrayList<>();
        for (Received r : received) {
            if (type.isInstance(r.request().request())) {
                out.add(r.arrivedNanos());
            }
        }
        return out;
    }

    ClusterStatus status() {
        List<MemberInfo> members = new ArrayList<>();
        members.add(new MemberInfo(id, address.toString(), MemberRole.VOTER));
        for (FakeNode other : otherMembers) {
            members.add(new MemberInfo(other.id, other.address.toString(), MemberRole.VOTER));
        }
        FakeNode hint = leaderHint;
        long index = lastIndex.get();
        return new ClusterStatus(id, leader ? NodeRole.LEADER : NodeRole.FOLLOWER, 1, index, index,
                leader ? id : hint == null ? "" : hint.id, leader ? address.toString() : hint == null ? ""
                        : hint.address.toString(), members, new byte[0]);
    }

    /** Serves Get, Write (unconditional puts and deletes) and Status; refuses the rest. */
    Response answer(Request request) {
        if (request instanceof Request.Status) {
            return new Response.StatusResult(status());
        }
        if (!leader) {
            FakeNode hint = leaderHint;
            return ErrorResponse.notLeader(hint == null ? "" : hint.id, hint == null ? "" : hint.address.toString(),
                    id + " is not the leader");
        }
        if (request instanceof Request.Get get) {
            String key = key(get.key());
            byte[] value = table.get(key);
            return value == null ? Response.GetResult.absent() : new Response.GetResult(value, modIndexes.get(key));
        }
        if (request instanceof Request.Write write) {
            long index = lastIndex.incrementAndGet();
            List<OpResult> results = new ArrayList<>();
            for (Op op : write.command().ops()) {
                String key = key(op.key());
                boolean existed = table.containsKey(key);
                if (op instanceof Put put) {
                    table.put(key, put.value());
                    modIndexes.put(key, index);
                    results.add(new OpResult(true, existed, index));
                } else if (op instanceof Delete) {
                    table.remove(key);
                    modIndexes.remove(key);
                    results.add(new OpResult(true, existed, 0));
                }
            }
            return new Response.WriteResult(index, new CommandResult(true, -1, results));
        }
        if (request instanceof Request.Scan scan) {
            return scan(scan);
        }
        return ErrorResponse.badRequest("FakeNode does not serve " + request.getClass().getSimpleName());
    }

    /** Ascending prefix or range scans, at most {@link #scanPageSize} entries per page. */
    private Response scan(Request.Scan scan) {
        if (scan.reverse()) {
            return ErrorResponse.badRequest("FakeNode scans ascending only");
        }
        // ISO-8859-1 strings order like unsigned bytes, as raftkv orders keys.
        java.util.TreeMap<String, byte[]> sorted = new java.util.TreeMap<>(table);
        String from = key(scan.resumeKey() != null ? scan.resumeKey() : scan.from());
        java.util.NavigableMap<String, byte[]> range = scan.to() == null ? sorted.tailMap(from, true)
                : sorted.subMap(from, true, key(scan.to()), false);
        String prefix = key(scan.prefix());
        List<io.raftkv.client.rpc.KeyValue> page = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : range.entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            if (page.size() == Math.min(scan.limit(), scanPageSize)) {
                return new Response.ScanResult(page, e.getKey().getBytes(StandardCharsets.ISO_8859_1));
            }
            page.add(new io.raftkv.client.rpc.KeyValue(e.getKey().getBytes(StandardCharsets.ISO_8859_1), e.getValue(),
                    modIndexes.getOrDefault(e.getKey(), 1L)));
        }
        return new Response.ScanResult(page, null);
    }

    static String key(byte[] key) {
        return new String(key, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        transport.close();
    }
}
