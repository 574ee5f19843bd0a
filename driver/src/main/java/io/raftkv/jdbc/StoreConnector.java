package io.raftkv.jdbc;

import io.raftkv.calcite.KvStore;
import java.sql.SQLException;

/**
 * How the driver reaches a cluster over the network; found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.raftkv.jdbc.StoreConnector}). The Java client module will provide
 * one; until then only {@link InProcessStores} URLs connect.
 */
public interface StoreConnector {

    /**
     * Opens a store for one connection. Blocks until a node answered or the URL's timeout passed.
     * Called on the connecting thread.
     *
     * @param url the parsed URL with its options
     * @return a store the connection owns and closes
     * @throws SQLException with SQLState 08001 (no node reachable), 28000 (authentication) or
     *                      53300 (a {@link java.sql.SQLTransientConnectionException}: the nodes tried
     *                      hold maxConnectionsPerNode connections)
     */
    KvStore connect(RaftKvUrl url) throws SQLException;
}
