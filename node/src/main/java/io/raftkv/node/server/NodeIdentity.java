package io.raftkv.node.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a data directory says about the node it belongs to: cluster id, node id and the member
 * addresses it started with. Written once, when the directory is first used; a restart reads it
 * and ignores the command line's {@code --cluster} (DESIGN.md "A node").
 *
 * @param clusterId the cluster's id
 * @param nodeId    this node's id
 * @param members   the addresses known at first start, this node's own included
 */
public record NodeIdentity(String clusterId, String nodeId, Map<String, InetSocketAddress> members) {

    /** A DNS name or dotted IPv4 address: letters, digits, '-' and '.', not starting or ending with '-' or '.'. */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    /** An IPv6 address in brackets, as host:port writes it. */
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]");

    static final String FILE = "node.properties";

    public NodeIdentity {
        members = java.util.Collections.unmodifiableMap(new TreeMap<>(members));
    }

    /**
     * Reads the identity of {@code dataDir}, if it has one.
     *
     * @throws ServerException if the file exists but cannot be read or is incomplete
     */
    public static Optional<NodeIdentity> read(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new ServerException("cannot read " + file + "; fix its permissions or restore it from a backup", e);
        }
        String cluster = p.getProperty("clusterId");
        String node = p.getProperty("nodeId");
        String list = p.getProperty("members");
        if (cluster == null || node == null || list == null) {
            throw new ServerException(file + " lacks clusterId, nodeId or members; it was not written by raftkv");
        }
        return Optional.of(new NodeIdentity(cluster, node, parseMembers(list)));
    }

    /**
     * Writes this identity into {@code dataDir} atomically (write, fsync, rename).
     *
     * @throws ServerException if the file cannot be written
     */
    public void write(Path dataDir) {
        Properties p = new Properties();
        p.setProperty("clusterId", clusterId);
        p.setProperty("nodeId", nodeId);
        p.setProperty("members", formatMembers(members));
        Path tmp = dataDir.resolve(FILE + ".tmp");
        try {
            Files.createDirectories(dataDir);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "raftkv node identity; do not edit");
            }
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ServerException("cannot write " + dataDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code n1=host:port,n2=host:port}.
     *
     * @throws IllegalArgumentException naming the bad part
     */
    public static Map<String, InetSocketAddress> parseMembers(String list) {
        Map<String, InetSocketAddress> out = new TreeMap<>();
        for (String part : list.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("member '" + item + "' is not id=host:port");
            }
            out.put(item.substring(0, eq), parseAddress(item.substring(eq + 1)));
        }
        return out;
    }

    /**
     * Parses {@code host:port}.
     *
     * @throws IllegalArgumentException if it is not host:port with a port in 1..65535
     */
    public static InetSocketAddress parseAddress(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("address '" + hostPort + "' is not host:port");
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address '" + hostPort + "' has no numeric port");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("address '" + hostPort + "' has a port outside 1..65535");
        }
        String host = hostPort.substring(0, colon);
        if (!HOST_NAME.matcher(host).matches() && !BRACKETED_IPV6.matcher(host).matches()) {
            throw new IllegalArgumentException("address '" + hostPort + "' has no valid host: '" + host
                    + "' is neither a host name or IPv4 address nor a bracketed IPv6 address");
        }
        return new InetSocketAddress(host, port);
    }

    /** {@code host:port} of an address, as the command line writes it. */
    public static String format(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    static String formatMembers(Map<String, InetSocketAddress> members) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, InetSocketAddress> e : members.entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.getKey()).append('=').append(format(e.getValue()));
        }
        return sb.toString();
    }
}
