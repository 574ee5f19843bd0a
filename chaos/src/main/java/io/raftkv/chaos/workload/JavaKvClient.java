package io.raftkv.chaos.workload;

import io.raftkv.client.api.ClientConfig;
import io.raftkv.client.api.NodeAddress;
import io.raftkv.client.api.OutcomeUnknownException;
import io.raftkv.client.api.RaftKvClient;
import io.raftkv.client.api.RaftKvClientException;
import io.raftkv.client.api.RequestFailedException;
import io.raftkv.client.command.CommandResult;
import io.raftkv.client.command.Condition;
import io.raftkv.client.command.Delete;
import io.raftkv.client.command.Op;
import io.raftkv.client.command.Put;
import io.raftkv.client.rpc.ErrorCode;
import io.raftkv.client.rpc.KeyValue;
import io.raftkv.client.rpc.ReadConsistency;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@link KvClient} over {@link RaftKvClient}. Reads use the configured consistency
 * (LINEARIZABLE normally; STALE for the follower-read negative control).
 *
 * <p>Failures: a read that fails is definite (it changed nothing). A write is definite only when
 * the node refused it as malformed or over a limit (BAD_REQUEST, LIMIT_EXCEEDED); every other
 * failure, timeouts included, is unknown, erring on the side the checker can use.
 */
public final class JavaKvClient implements KvClient {

    private final RaftKvClient client;
    /** Serves get and scan: {@link #client}, or one seeded with a single node for pinned reads. */
    private final RaftKvClient reader;
    private final ReadConsistency reads;

    private JavaKvClient(RaftKvClient client, RaftKvClient reader, ReadConsistency reads) {
        this.client = client;
        this.reader = reader;
        this.reads = reads;
    }

    /**
     * A client for the cluster at {@code seeds}.
     *
     * @param requestTimeout how long one call may take, retries included
     * @param reads          the consistency of {@link #get} and {@link #scan}
     * @param readNode       null to read through the same client; else reads go to a second
     *                       client that knows only this node (with STALE reads: that node's
     *                       local state, the follower-read negative control)
     */
    public static JavaKvClient open(String clusterId, List<NodeAddress> seeds, String name, Duration requestTimeout,
            ReadConsistency reads, NodeAddress readNode) {
        RaftKvClient client = RaftKvClient.create(config(clusterId, seeds, name, requestTimeout));
        RaftKvClient reader = readNode == null ? client
                : RaftKvClient.create(config(clusterId, List.of(readNode), name + "-reader", requestTimeout));
        return new JavaKvClient(client, reader, reads);
    }

    private static ClientConfig config(String clusterId, List<NodeAddress> seeds, String name, Duration timeout) {
        return ClientConfig.builder(clusterId, seeds).clientName(name).requestTimeout(timeout)
                .attemptTimeout(timeout.dividedBy(3)).connectTimeout(Duration.ofMillis(500)).build();
    }

    /** The client underneath, for status and administration. */
    public RaftKvClient raw() {
        return client;
    }

    @Override
    public String get(String key) throws OpFailedException, InterruptedException {
        try {
            Response.GetResult r = reader.get(bytes(key), reads);
            return r.found() ? text(r.value()) : null;
        } catch (RaftKvClientException e) {
            throw new OpFailedException(true, "read of " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String key, String value) throws OpFailedException, InterruptedException {
        write(List.of(Put.of(bytes(key), bytes(value))));
    }

    @Override
    public boolean cas(String key, String expected, String value) throws OpFailedException, InterruptedException {
        return write(List.of(new Put(bytes(key), bytes(value), new Condition.ValueEquals(bytes(expected))))).applied();
    }

    @Override
    public boolean delete(String key) throws OpFailedException, InterruptedException {
        return write(List.of(Delete.of(bytes(key)))).ops().get(0).existedBefore();
    }

    @Override
    public boolean insert(String key, String value) throws OpFailedException, InterruptedException {
        return write(List.of(Put.ifAbsent(bytes(key), bytes(value)))).applied();
    }

    @Override
    public void putAll(Map<String, String> entries) throws OpFailedException, InterruptedException {
        List<Op> ops = new ArrayList<>();
        entries.forEach((k, v) -> ops.add(Put.of(bytes(k), bytes(v))));
        write(ops);
    }

    @Override
    public boolean casAll(List<String> keys, String expected, String value) throws OpFailedException, InterruptedException {
        List<Op> ops = new ArrayList<>();
        for (String k : keys) {
            ops.add(new Put(bytes(k), bytes(value), new Condition.ValueEquals(bytes(expected))));
        }
        return write(ops).applied();
    }

    @Override
    public void deleteAll(List<String> keys) throws OpFailedException, InterruptedException {
        List<Op> ops = new ArrayList<>();
        for (String k : keys) {
            ops.add(Delete.of(bytes(k)));
        }
        write(ops);
    }

    @Override
    public SortedMap<String, String> scan(String prefix, int limit, boolean onePage)
            throws OpFailedException, InterruptedException {
        Request.Scan scan = Request.Scan.prefix(bytes(prefix), limit, reads);
        SortedMap<String, String> out = new TreeMap<>();
        try {
            List<KeyValue> entries = onePage ? reader.scan(scan).entries() : reader.scanAll(scan);
            for (KeyValue kv : entries) {
                out.put(text(kv.key()), text(kv.value()));
            }
            return out;
        } catch (RaftKvClientException e) {
            throw new OpFailedException(true, "scan of " + prefix + " failed: " + e.getMessage(), e);
        }
    }

    private CommandResult write(List<Op> ops) throws OpFailedException, InterruptedException {
        try {
            return client.write(ops).result();
        } catch (RequestFailedException e) {
            boolean definite = e.code() == ErrorCode.BAD_REQUEST || e.code() == ErrorCode.LIMIT_EXCEEDED;
            throw new OpFailedException(definite, "write failed: " + e.getMessage(), e);
        } catch (OutcomeUnknownException e) {
            throw new OpFailedException(false, "write outcome unknown: " + e.getMessage(), e);
        } catch (RaftKvClientException e) {
            throw new OpFailedException(false, "write failed, outcome unknown: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
        if (reader != client) {
            reader.close();
        }
    }
}
