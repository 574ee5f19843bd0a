package io.raftkv.bench.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.maintenance.StatusResponse;
import io.raftkv.bench.load.BenchmarkException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds which member of an etcd cluster leads, by asking each member for its status. */
final class EtcdLeader {

    private EtcdLeader() {
    }

    /**
     * The client URL of the member that reports itself leader. Blocking; retries for up to
     * {@code timeoutMillis} while an election runs.
     *
     * @throws BenchmarkException if no member said it leads in time
     */
    static String find(List<String> endpoints, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            for (String endpoint : endpoints) {
                try (Client client = Client.builder().endpoints(endpoint).build()) {
                    StatusResponse s = client.getMaintenanceClient().statusMember(endpoint).get(2, TimeUnit.SECONDS);
                    if (s.getLeader() != 0 && s.getLeader() == s.getHeader().getMemberId()) {
                        return endpoint;
                    }
                    last = endpoint + " follows leader " + Long.toHexString(s.getLeader());
                } catch (Exception e) {
                    last = endpoint + ": " + e;
                }
            }
            Thread.sleep(200);
        }
        throw new BenchmarkException("no etcd member reported itself leader within " + timeoutMillis + " ms (last: "
                + last + "); check the members' logs");
    }
}
