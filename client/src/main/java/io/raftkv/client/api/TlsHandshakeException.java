package io.raftkv.client.api;

/**
 * The TLS handshake with a node failed for a reason no retry fixes: the node's certificate does
 * not chain to the CA the client trusts, the node refused the client's certificate, or the node
 * does not speak TLS (or the client does not, and the node does). Fix the client's
 * {@link ClientTls} or the node's {@code --tls-*} options. Nothing was sent.
 */
public final class TlsHandshakeException extends RaftKvClientException {

    private static final long serialVersionUID = 1L;

    /** The node whose handshake failed; never null. */
    private final NodeAddress node;

    /**
     * @param node    the node dialled
     * @param message what failed, naming the node and what the client trusts
     * @param cause   the TLS exception, or null
     */
    public TlsHandshakeException(NodeAddress node, String message, Throwable cause) {
        super(message, cause);
        this.node = node;
    }

    /** The node whose handshake failed. */
    public NodeAddress node() {
        return node;
    }
}
