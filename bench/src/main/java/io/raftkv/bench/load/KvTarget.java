package io.raftkv.bench.load;

/**
 * A system under test as the load runner sees it: something that opens sessions. Implementations
 * live beside their client library (raftkv's Java client and JDBC in the bench module, etcd in
 * bench-etcd) so that each library stays on its own classpath.
 */
public interface KvTarget extends AutoCloseable {

    /** Short name for reports and CSV rows, e.g. {@code raftkv}, {@code jdbc}, {@code etcd}. */
    String name();

    /**
     * Opens the session client number {@code clientIndex} uses; it is used by that one thread only.
     * Called on the runner's thread before measuring; may block while connecting.
     *
     * @param clientIndex 0 .. clients-1
     * @throws Exception with the target's own message when it cannot connect
     */
    KvSession openSession(int clientIndex) throws Exception;

    /** Releases what the target holds (connections, client threads); sessions are closed first. */
    @Override
    void close() throws Exception;
}
