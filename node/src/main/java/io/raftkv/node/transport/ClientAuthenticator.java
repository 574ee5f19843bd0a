package io.raftkv.node.transport;

import io.raftkv.client.protocol.AuthOutcome;
import io.raftkv.client.protocol.AuthReply;
import io.raftkv.client.protocol.AuthRequest;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides the AUTH step of a client connection (protocol.md). The transport decodes nothing else
 * from the client until the returned stage completes, and sends the reply then.
 */
public interface ClientAuthenticator {

    /** Accepts every client, with or without credentials: a node started with {@code --auth off}. */
    ClientAuthenticator OFF = (remote, request) -> CompletableFuture.completedFuture(
            new AuthReply(AuthOutcome.ACCEPTED, "authentication is off on this node"));

    /**
     * Checks one client's credentials.
     *
     * <p>Thread: called on a Netty event loop; must not block (slow hashing and any deliberate
     * delay happen elsewhere). The stage may complete on any thread; the transport hops back to
     * the channel's event loop. It should not complete exceptionally; if it does, the client is
     * refused with the exception's message.
     *
     * @param remote  the client's address, for rate limiting and logs
     * @param request the user and password, never logged
     * @return the reply to send; a refusal closes the connection
     */
    CompletionStage<AuthReply> authenticate(SocketAddress remote, AuthRequest request);
}
