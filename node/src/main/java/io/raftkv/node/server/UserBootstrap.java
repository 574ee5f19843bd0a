package io.raftkv.node.server;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.command.Put;
import io.raftkv.node.auth.BootstrapUser;
import io.raftkv.node.auth.PasswordHash;
import io.raftkv.node.auth.UserKeys;
import io.raftkv.node.raft.RaftException;
import io.raftkv.node.raft.Role;
import io.raftkv.node.storage.ScanRequest;
import io.raftkv.node.storage.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first user of a cluster with authentication on ({@code --bootstrap-user}): while
 * no user exists in the applied state and this node leads, it proposes the user as a
 * Put-if-absent on its reserved key, so whichever node proposes first wins and a user created
 * meanwhile is never overwritten. Runs until a user exists, then does nothing.
 *
 * <p>Threads: constructed on the starting thread (it hashes the password there, slowly, once);
 * {@link #check()} on the server's timer thread; the proposal runs on the Raft thread.
 */
final class UserBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(UserBootstrap.class);

    private final String nodeId;
    private final BootstrapUser user;
    private final StateStore state;
    private final RaftLoop loop;
    /** The encoded Put-if-absent, hashed once at start so the timer thread never hashes. */
    private final byte[] payload;
    /** Set once a user exists; no further work. */
    private volatile boolean done;

    UserBootstrap(String nodeId, BootstrapUser user, int iterations, StateStore state, RaftLoop loop) {
        this.nodeId = nodeId;
        this.user = user;
        this.payload = CommandCodec.encode(Command.of(Put.ifAbsent(UserKeys.key(user.user()),
                PasswordHash.create(user.password(), iterations).encode())));
        this.state = state;
        this.loop = loop;
    }

    /** Timer thread: proposes the user if none exists and this node leads. Never throws. */
    void check() {
        if (done) {
            return;
        }
        try {
            if (!state.scan(ScanRequest.prefix(UserKeys.PREFIX).withLimit(1)).items().isEmpty()) {
                done = true;
                return;
            }
            if (loop.softState().role() != Role.LEADER) {
                return;
            }
            byte[] p = payload;
            loop.submit(() -> {
                try {
                    long index = loop.core().propose(p);
                    LOG.info("[{}] proposed bootstrap user '{}' at index {}", nodeId, user.user(), index);
                } catch (RaftException e) {
                    LOG.info("[{}] bootstrap user '{}' not proposed ({}); will retry", nodeId, user.user(),
                            e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("[{}] bootstrap user check failed: {}; will retry", nodeId, e.toString());
        }
    }

    /** True once a user exists in the applied state. */
    boolean done() {
        return done;
    }
}
