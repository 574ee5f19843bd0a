package io.raftkv.bench.cluster;

import io.raftkv.bench.load.BenchmarkException;
import io.raftkv.bench.load.KvSession;
import io.raftkv.bench.load.KvTarget;
import io.raftkv.client.api.ClientConfig;
import io.raftkv.client.api.RaftKvClient;
import io.raftkv.client.command.Put;
import io.raftkv.client.rpc.ReadConsistency;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * raftkv through its Java client. Benchmark clients share {@code connections} RaftKvClient
 * instances round-robin; each instance multiplexes its calls on one connection per node.
 * Writes and linearizable reads go to the leader, stale reads to any node (the client's rule).
 */
final class RaftKvTarget implements KvTarget {

    private final List<RaftKvClient> clients = new ArrayList<>();

    RaftKvTarget(ClientConfig config, int connections) {
        for (int i = 0; i < connections; i++) {
            clients.add(RaftKvClient.create(config));
        }
    }

    @Override
    public String name() {
        return "raftkv";
    }

    @Override
    public KvSession openSession(int clientIndex) {
        return new Session(clients.get(clientIndex % clients.size()));
    }

    @Override
    public void close() {
        clients.forEach(RaftKvClient::close);
    }

    /** Blocking calls on a shared client, or their asynchronous forms. */
    private record Session(RaftKvClient client) implements KvSession {

        @Override
        public void put(byte[] key, byte[] value) throws InterruptedException {
            client.put(key, value);
        }

        /** One atomic Batch command of Puts. */
        @Override
        public void putAll(List<byte[]> keys, List<byte[]> values) throws InterruptedException {
            List<Put> ops = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                ops.add(Put.of(keys.get(i), values.get(i)));
            }
            client.write(ops);
        }

        @Override
        public void get(byte[] key, boolean linearizable) throws InterruptedException {
            Response.GetResult r = client.get(key, linearizable ? ReadConsistency.LINEARIZABLE : ReadConsistency.STALE);
            if (!r.found()) {
                throw notFound(key);
            }
        }

        @Override
        public int scan(byte[] from, int limit) throws InterruptedException {
            return client.scan(Request.Scan.range(from, null, limit, ReadConsistency.LINEARIZABLE)).entries().size();
        }

        @Override
        public Async async() {
            return new Async() {
                @Override
                public CompletionStage<?> insert(byte[] key, byte[] value) {
                    return client.putAsync(key, value);
                }

                @Override
                public CompletionStage<?> put(byte[] key, byte[] value) {
                    return client.putAsync(key, value);
                }

                @Override
                public CompletionStage<?> get(byte[] key, boolean linearizable) {
                    return client.getAsync(key, linearizable ? ReadConsistency.LINEARIZABLE : ReadConsistency.STALE)
                            .thenApply(r -> {
                                if (!r.found()) {
                                    throw notFound(key);
                                }
                                return r;
                            });
                }

                @Override
                public CompletionStage<Integer> scan(byte[] from, int limit) {
                    return client.scanAsync(Request.Scan.range(from, null, limit, ReadConsistency.LINEARIZABLE))
                            .thenApply(r -> r.entries().size());
                }
            };
        }

        private static BenchmarkException notFound(byte[] key) {
            return new BenchmarkException("raftkv: key " + new String(key, StandardCharsets.US_ASCII)
                    + " not found; was the key space preloaded?");
        }

        @Override
        public void close() {
            // The client is shared and closed with the target.
        }
    }
}
