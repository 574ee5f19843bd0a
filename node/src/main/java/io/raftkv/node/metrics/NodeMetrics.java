package io.raftkv.node.metrics;

/**
 * The figures a node updates as it works, registered in one {@link MetricRegistry}. Gauges read
 * from the node's state (role, term, indexes, peers) are added by the server, which knows where
 * to read them without touching the Raft core from another thread.
 *
 * <p>Threads: every method is lock-free and safe from any thread.
 */
public final class NodeMetrics {

    private final MetricRegistry registry;
    private final Counter proposals;
    private final Counter writeGroups;
    private final Counter groupedWrites;
    private final Histogram fsyncSeconds;
    private final Histogram readIndexSeconds;
    private final Counter snapshotSentBytes;
    private final Counter snapshotReceivedBytes;
    private final CounterFamily requests;
    private final CounterFamily errors;

    /** Registers the node's metrics in {@code registry}. */
    public NodeMetrics(MetricRegistry registry) {
        this.registry = registry;
        this.proposals = registry.register(new Counter("raftkv_proposals_total",
                "Client writes and membership changes proposed to the Raft core on this node"));
        this.writeGroups = registry.register(new Counter("raftkv_write_groups_total",
                "Log entries proposed here that carry several client writes (a command group)"));
        this.groupedWrites = registry.register(new Counter("raftkv_grouped_writes_total",
                "Client writes proposed inside command groups (divide by raftkv_write_groups_total for the mean group)"));
        this.fsyncSeconds = registry.register(new Histogram("raftkv_fsync_seconds",
                "Duration of each synced JE write of log entries and/or hard state", Histogram.LATENCY_SECONDS));
        this.readIndexSeconds = registry.register(new Histogram("raftkv_read_index_seconds",
                "From a linearizable read's ReadIndex request to its confirmed read state (thesis 6.4)",
                Histogram.LATENCY_SECONDS));
        this.snapshotSentBytes = registry.register(new Counter("raftkv_snapshot_sent_bytes_total",
                "Snapshot bytes sent to followers in InstallSnapshot chunks"));
        this.snapshotReceivedBytes = registry.register(new Counter("raftkv_snapshot_received_bytes_total",
                "Snapshot bytes received from a leader and written to disk"));
        this.requests = registry.register(new CounterFamily("raftkv_client_requests_total",
                "Client requests decoded, by request type", "type"));
        this.errors = registry.register(new CounterFamily("raftkv_client_errors_total",
                "Error answers sent to clients, by error code", "code"));
    }

    /** A node's metrics in a registry of their own. */
    public static NodeMetrics create() {
        return new NodeMetrics(new MetricRegistry());
    }

    /** Where these metrics (and the server's gauges) are registered. */
    public MetricRegistry registry() {
        return registry;
    }

    /** One write or membership change proposed. */
    public void proposed() {
        proposals.increment();
    }

    /** {@code writes} client writes proposed in one entry; counted as a group if more than one. */
    public void writesProposed(int writes) {
        proposals.add(writes);
        if (writes > 1) {
            writeGroups.increment();
            groupedWrites.add(writes);
        }
    }

    /** One synced write that took {@code nanos}. */
    public void synced(long nanos) {
        fsyncSeconds.observeNanos(nanos);
    }

    /** One ReadIndex round that took {@code nanos} until its read state arrived. */
    public void readIndexConfirmed(long nanos) {
        readIndexSeconds.observeNanos(nanos);
    }

    /** {@code bytes} of a snapshot sent in one chunk. */
    public void snapshotSent(long bytes) {
        snapshotSentBytes.add(bytes);
    }

    /** {@code bytes} of a snapshot received in one chunk. */
    public void snapshotReceived(long bytes) {
        snapshotReceivedBytes.add(bytes);
    }

    /** One client request of {@code type} (e.g. {@code Write}, {@code Get}). */
    public void request(String type) {
        requests.increment(type);
    }

    /** One error answer with {@code code} (e.g. {@code NOT_LEADER}). */
    public void error(String code) {
        errors.increment(code);
    }
}
