package io.raftkv.jdbc;

import io.raftkv.calcite.ReadConsistency;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A parsed {@code jdbc:raftkv://host:port[,host:port...][/][?name=value&...]} URL merged with
 * the connection {@link Properties} (URL options win). Immutable.
 *
 * @param hosts       at least one node address; any one is enough to find the leader
 * @param consistency {@code readConsistency}: linearizable (default), lease or stale
 * @param timeoutMs   {@code timeoutMs}: default statement deadline, at least 1 (default 10000)
 * @param user        {@code user}, or null
 * @param password    {@code password}, or null; never printed
 * @param ssl         {@code ssl}: true to use TLS (default false); the node's certificate chain is
 *                    checked against the trusted CA, its host name is not (node certificates name node ids)
 * @param inProcessStore {@code inProcessStore}: TEST ONLY, the name of a store registered in
 *                    {@link InProcessStores}; when set, no network connection is made
 * @param sslCa       {@code sslCa}: PEM file of the CA to trust, or null; with ssl=true only, not with trustStore
 * @param trustStore  {@code trustStore}: JKS or PKCS12 trust store, or null; with neither it nor sslCa the
 *                    JVM's default trust store is used
 * @param trustStorePassword {@code trustStorePassword}, or null; never printed
 * @param sslCert     {@code sslCert}: client certificate PEM for mutual TLS, or null; needs sslKey
 * @param sslKey      {@code sslKey}: its unencrypted PKCS#8 PEM key, or null; needs sslCert
 */
public record RaftKvUrl(List<HostPort> hosts, ReadConsistency consistency, long timeoutMs, String user,
                        String password, boolean ssl, String inProcessStore, String sslCa, String trustStore,
                        String trustStorePassword, String sslCert, String sslKey) {

    /** The scheme every raftkv URL starts with. */
    public static final String PREFIX = "jdbc:raftkv:";
    /** Default statement timeout in milliseconds. */
    public static final long DEFAULT_TIMEOUT_MS = 10_000;
    /** Every option the driver understands. */
    public static final Set<String> OPTIONS =
            Set.of("readConsistency", "timeoutMs", "user", "password", "ssl", "inProcessStore", "sslCa", "trustStore",
                    "trustStorePassword", "sslCert", "sslKey");
    /** The options that only make sense with {@code ssl=true}. */
    private static final List<String> SSL_OPTIONS = List.of("sslCa", "trustStore", "trustStorePassword", "sslCert",
            "sslKey");

    /**
     * One node address.
     *
     * @param host host name or IP literal (IPv6 without brackets)
     * @param port 1 to 65535
     */
    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** @throws IllegalArgumentException if no host is given or the TLS options do not fit together */
    public RaftKvUrl {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a raftkv URL names at least one host:port");
        }
        if (!ssl && (sslCa != null || trustStore != null || trustStorePassword != null || sslCert != null
                || sslKey != null)) {
            throw new IllegalArgumentException("TLS options " + SSL_OPTIONS + " need ssl=true");
        }
        if (sslCa != null && trustStore != null) {
            throw new IllegalArgumentException("give sslCa or trustStore, not both");
        }
        if (trustStorePassword != null && trustStore == null) {
            throw new IllegalArgumentException("trustStorePassword needs trustStore");
        }
        if ((sslCert == null) != (sslKey == null)) {
            throw new IllegalArgumentException("sslCert and sslKey go together (client certificate and its key)");
        }
    }

    /** A URL without TLS file options (the JVM's default trust store when {@code ssl} is true). */
    public RaftKvUrl(List<HostPort> hosts, ReadConsistency consistency, long timeoutMs, String user, String password,
                     boolean ssl, String inProcessStore) {
        this(hosts, consistency, timeoutMs, user, password, ssl, inProcessStore, null, null, null, null, null);
    }

    /**
     * Parses {@code url} and merges {@code info}.
     *
     * @throws SQLException with SQLState {@code 08001} saying what is wrong and the expected form
     */
    public static RaftKvUrl parse(String url, Properties info) throws SQLException {
        try {
            return parseOrThrow(url, info);
        } catch (IllegalArgumentException e) {
            throw new SQLException("bad raftkv URL '" + url + "': " + e.getMessage()
                    + "; expected jdbc:raftkv://host:port[,host:port...][/][?readConsistency=linearizable"
                    + "|lease|stale&timeoutMs=N&user=U&password=P&ssl=true|false&sslCa=PEM&trustStore=FILE"
                    + "&trustStorePassword=P&sslCert=PEM&sslKey=PEM]", "08001", e);
        }
    }

    private static RaftKvUrl parseOrThrow(String url, Properties info) {
        if (url == null || !url.regionMatches(true, 0, PREFIX + "//", 0, PREFIX.length() + 2)) {
            throw new IllegalArgumentException("it does not start with " + PREFIX + "//");
        }
        String rest = url.substring(PREFIX.length() + 2);
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q + 1);
        String authority = q < 0 ? rest : rest.substring(0, q);
        if (authority.endsWith("/")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        if (authority.contains("/")) {
            throw new IllegalArgumentException("a path is not allowed after the hosts (only an optional '/')");
        }
        List<HostPort> hosts = new ArrayList<>();
        for (String part : authority.split(",", -1)) {
            hosts.add(hostPort(part.trim()));
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (info != null) {
            for (String name : info.stringPropertyNames()) {
                options.put(name, info.getProperty(name));
            }
        }
        options.putAll(query(query));
        for (String name : options.keySet()) {
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "'; known options are "
                        + new java.util.TreeSet<>(OPTIONS));
            }
        }
        ReadConsistency consistency = options.containsKey("readConsistency")
                ? ReadConsistency.parse(options.get("readConsistency")) : ReadConsistency.LINEARIZABLE;
        long timeout = DEFAULT_TIMEOUT_MS;
        if (options.containsKey("timeoutMs")) {
            try {
                timeout = Long.parseLong(options.get("timeoutMs").trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("timeoutMs must be a whole number of milliseconds, was '"
                        + options.get("timeoutMs") + "'", e);
            }
            if (timeout < 1) {
                throw new IllegalArgumentException("timeoutMs must be at least 1, was " + timeout);
            }
        }
        boolean ssl = bool(options.getOrDefault("ssl", "false"));
        return new RaftKvUrl(hosts, consistency, timeout, options.get("user"), options.get("password"), ssl,
                options.get("inProcessStore"), options.get("sslCa"), options.get("trustStore"),
                options.get("trustStorePassword"), options.get("sslCert"), options.get("sslKey"));
    }

    private static HostPort hostPort(String part) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException("an empty host in the host list");
        }
        String host;
        String port;
        if (part.startsWith("[")) {
            int close = part.indexOf(']');
            if (close < 0 || close + 1 >= part.length() || part.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("'" + part + "' is not [ipv6]:port");
            }
            host = part.substring(1, close);
            port = part.substring(close + 2);
        } else {
            int colon = part.lastIndexOf(':');
            if (colon <= 0 || part.indexOf(':') != colon) {
                throw new IllegalArgumentException("'" + part + "' is not host:port");
            }
            host = part.substring(0, colon);
            port = part.substring(colon + 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + port + "' of '" + part + "' is not a number", e);
        }
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("port " + p + " of '" + part + "' is not in 1..65535");
        }
        return new HostPort(host, p);
    }

    private static Map<String, String> query(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("option '" + pair + "' is not name=value");
            }
            out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static boolean bool(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return v.equals("true");
        }
        throw new IllegalArgumentException("ssl must be true or false, was '" + s + "'");
    }

    @Override
    public String toString() {
        return "RaftKvUrl[hosts=" + hosts + ", readConsistency=" + consistency + ", timeoutMs=" + timeoutMs
                + ", user=" + user + ", password=" + (password == null ? "none" : "***") + ", ssl=" + ssl
                + (sslCa == null ? "" : ", sslCa=" + sslCa) + (trustStore == null ? "" : ", trustStore=" + trustStore)
                + (trustStorePassword == null ? "" : ", trustStorePassword=***")
                + (sslCert == null ? "" : ", sslCert=" + sslCert + ", sslKey=" + sslKey)
                + (inProcessStore == null ? "" : ", inProcessStore=" + inProcessStore) + "]";
    }
}
