package io.raftkv.client.api;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a node serves clients: a host name or literal and a port. Compared by the host text as
 * written, so "127.0.0.1:7001" from a seed list and from a NOT_LEADER hint are the same node.
 *
 * @param host a host name, IPv4 literal or IPv6 literal (without brackets); not empty
 * @param port 1..65535
 */
public record NodeAddress(String host, int port) {

    public NodeAddress {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, was " + port + " for host " + host);
        }
    }

    /**
     * Parses "host:port", or "[v6-literal]:port".
     *
     * @throws IllegalArgumentException quoting the text if it has no port or the port is not a number in range
     */
    public static NodeAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new NodeAddress(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not host:port: the port is not a number", e);
        }
    }

    /** The address of a socket, by its host text (no reverse lookup). */
    public static NodeAddress of(InetSocketAddress address) {
        return new NodeAddress(address.getHostString(), address.getPort());
    }

    /** An unresolved socket address; Netty resolves it when connecting. */
    public InetSocketAddress toSocketAddress() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
