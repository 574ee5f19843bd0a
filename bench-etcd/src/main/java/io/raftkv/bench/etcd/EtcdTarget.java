package io.raftkv.bench.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.raftkv.bench.load.BenchmarkException;
import io.raftkv.bench.load.KvSession;
import io.raftkv.bench.load.KvTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * etcd through jetcd. Like etcd's own {@code benchmark --target-leader}, writes and linearizable
 * reads go to the leader's endpoint; stale (serializable) reads spread over every member. Clients
 * share {@code connections} jetcd clients round-robin (each one gRPC channel, requests multiplexed
 * on it), as the raftkv Java client multiplexes on one connection per node.
 */
final class EtcdTarget implements KvTarget {

    /** How long one operation may take before it counts as an error. */
    private static final long TIMEOUT_SECONDS = 10;

    private final List<Client> leaderClients = new ArrayList<>();
    private final List<Client> anyClients = new ArrayList<>();

    /**
     * @param leaderEndpoint the leader's client URL
     * @param allEndpoints   every member's client URL
     * @param connections    jetcd clients per kind, at least 1
     */
    EtcdTarget(String leaderEndpoint, List<String> allEndpoints, int connections) {
        for (int i = 0; i < connections; i++) {
            leaderClients.add(Client.builder().endpoints(leaderEndpoint).build());
            anyClients.add(Client.builder().endpoints(allEndpoints.toArray(String[]::new))
                    .loadBalancerPolicy("round_robin").build());
        }
    }

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public KvSession openSession(int clientIndex) {
        KV leader = leaderClients.get(clientIndex % leaderClients.size()).getKVClient();
        KV any = anyClients.get(clientIndex % anyClients.size()).getKVClient();
        return new Session(leader, any);
    }

    @Override
    public void close() {
        leaderClients.forEach(Client::close);
        anyClients.forEach(Client::close);
    }

    /** One benchmark client's view: blocking or asynchronous calls on the shared jetcd clients. */
    private static final class Session implements KvSession {
        private static final GetOption SERIALIZABLE = GetOption.builder().withSerializable(true).build();

        private final KV leader;
        private final KV any;

        Session(KV leader, KV any) {
            this.leader = leader;
            this.any = any;
        }

        @Override
        public void put(byte[] key, byte[] value) throws Exception {
            putAsync(key, value).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        private CompletableFuture<PutResponse> putAsync(byte[] key, byte[] value) {
            return leader.put(ByteSequence.from(key), ByteSequence.from(value));
        }

        /** One transaction of puts (etcd allows 128 operations per transaction by default). */
        @Override
        public void putAll(List<byte[]> keys, List<byte[]> values) throws Exception {
            Op[] puts = new Op[keys.size()];
            for (int i = 0; i < puts.length; i++) {
                puts[i] = Op.put(ByteSequence.from(keys.get(i)), ByteSequence.from(values.get(i)), PutOption.DEFAULT);
            }
            leader.txn().Then(puts).commit().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        @Override
        public void get(byte[] key, boolean linearizable) throws Exception {
            getAsync(key, linearizable).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        /** Completes exceptionally if the key is absent (the runner only reads preloaded keys). */
        private CompletableFuture<GetResponse> getAsync(byte[] key, boolean linearizable) {
            CompletableFuture<GetResponse> r = linearizable ? leader.get(ByteSequence.from(key))
                    : any.get(ByteSequence.from(key), SERIALIZABLE);
            return r.thenApply(response -> {
                if (response.getKvs().isEmpty()) {
                    throw new BenchmarkException("etcd: key " + new String(key,
                            java.nio.charset.StandardCharsets.US_ASCII) + " not found; was the key space preloaded?");
                }
                return response;
            });
        }

        @Override
        public int scan(byte[] from, int limit) throws Exception {
            return scanAsync(from, limit).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        private CompletableFuture<Integer> scanAsync(byte[] from, int limit) {
            // Range [from, "\0") = from to the end of the key space (etcd's range_end "\0" convention).
            GetOption option = GetOption.builder().withRange(ByteSequence.from(new byte[] {0}))
                    .withLimit(limit).build();
            return leader.get(ByteSequence.from(from), option).thenApply(r -> r.getKvs().size());
        }

        /** The same calls, each failing after the same {@link #TIMEOUT_SECONDS} as a blocking one. */
        @Override
        public Async async() {
            return new Async() {
                @Override
                public CompletionStage<?> insert(byte[] key, byte[] value) {
                    return putAsync(key, value).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }

                @Override
                public CompletionStage<?> put(byte[] key, byte[] value) {
                    return putAsync(key, value).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }

                @Override
                public CompletionStage<?> get(byte[] key, boolean linearizable) {
                    return getAsync(key, linearizable).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }

                @Override
                public CompletionStage<Integer> scan(byte[] from, int limit) {
                    return scanAsync(from, limit).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            };
        }

        @Override
        public void close() {
            // The jetcd clients are shared and closed with the target.
        }
    }
}
