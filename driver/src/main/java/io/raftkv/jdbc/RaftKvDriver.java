package io.raftkv.jdbc;

import io.raftkv.calcite.KvPrepare;
import io.raftkv.calcite.KvSchema;
import io.raftkv.calcite.KvSession;
import io.raftkv.calcite.KvStore;
import io.raftkv.client.command.CommandLimits;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Properties;
import java.util.ServiceLoader;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.jdbc.RaftKvMeta;
import org.apache.calcite.schema.SchemaPlus;

/**
 * The {@code jdbc:raftkv:} JDBC driver: a Calcite connection with one schema, {@code raftkv},
 * holding the {@code kv} table, planned with the raftkv rules ({@link KvPrepare}), parsed with the
 * Babel parser (so {@code value} is a plain column name), identifiers matched in any letter case.
 * Registered with {@link java.sql.DriverManager} through {@code META-INF/services/java.sql.Driver}.
 * Thread-safe.
 */
public class RaftKvDriver extends Driver {

    static {
        new RaftKvDriver().register();
    }

    /** Used by {@link java.util.ServiceLoader} and {@link java.sql.DriverManager}. */
    public RaftKvDriver() {
        super(KvPrepare::new);
    }

    @Override
    protected String getConnectStringPrefix() {
        return RaftKvUrl.PREFIX;
    }

    /** Calcite connections that parse their properties once (see {@code RaftKvJdbcFactory}). */
    @Override
    protected String getFactoryClassName(JdbcVersion jdbcVersion) {
        return "org.apache.calcite.jdbc.RaftKvJdbcFactory";
    }

    @Override
    protected DriverVersion createDriverVersion() {
        return new DriverVersion("raftkv JDBC driver", "0.1.0", "raftkv", "0.1.0", true, 0, 1, 0, 1);
    }

    @Override
    public Meta createMeta(AvaticaConnection connection) {
        return RaftKvMeta.create(connection);
    }

    @Override
    protected Handler createHandler() {
        Handler calcite = super.createHandler();
        return new Handler() {
            @Override
            public void onConnectionInit(AvaticaConnection connection) throws SQLException {
                calcite.onConnectionInit(connection);
            }

            @Override
            public void onConnectionClose(AvaticaConnection connection) {
                try {
                    KvSession session = RaftKvMeta.session(connection);
                    if (session != null) {
                        session.close();
                    }
                } finally {
                    calcite.onConnectionClose(connection);
                }
            }

            @Override
            public void onStatementExecute(AvaticaStatement statement, ResultSink resultSink) {
                calcite.onStatementExecute(statement, resultSink);
            }

            @Override
            public void onStatementClose(AvaticaStatement statement) {
                calcite.onStatementClose(statement);
            }
        };
    }

    /**
     * Connects to the cluster named by {@code url}.
     *
     * @return the connection, or null if {@code url} is not a raftkv URL (JDBC rule)
     * @throws SQLException 08001 for a bad URL or no reachable node, 53300 if the nodes are full
     *                      (maxConnectionsPerNode)
     */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (url == null || !url.regionMatches(true, 0, RaftKvUrl.PREFIX, 0, RaftKvUrl.PREFIX.length())) {
            return null;
        }
        RaftKvUrl parsed = RaftKvUrl.parse(url, info);
        boolean owns = parsed.inProcessStore() == null;
        KvStore store = owns ? networkStore(parsed) : inProcessStore(parsed.inProcessStore());
        Properties calcite = new Properties();
        calcite.setProperty("parserFactory", "org.apache.calcite.sql.parser.babel.SqlBabelParserImpl#FACTORY");
        calcite.setProperty("caseSensitive", "false");
        calcite.setProperty("unquotedCasing", "UNCHANGED");
        calcite.setProperty("quotedCasing", "UNCHANGED");
        calcite.setProperty("quoting", "DOUBLE_QUOTE");
        KvSession session = new KvSession(store, owns, parsed.consistency(), parsed.timeoutMs(),
                CommandLimits.DEFAULT);
        Connection connection;
        try {
            connection = super.connect(RaftKvUrl.PREFIX, calcite);
            CalciteConnection calciteConnection = connection.unwrap(CalciteConnection.class);
            SchemaPlus root = calciteConnection.getRootSchema();
            root.add(KvSchema.NAME, new KvSchema(session));
            calciteConnection.setSchema(KvSchema.NAME);
        } catch (SQLException | RuntimeException e) {
            session.close();
            throw SqlErrors.translate(e);
        }
        return JdbcProxies.connection(connection, session);
    }

    /** The options tools (DBeaver, sqlline) offer for a raftkv URL. */
    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[] {
            property("readConsistency", "linearizable", "linearizable | lease | stale: how fresh reads must be",
                    "linearizable", "lease", "stale"),
            property("timeoutMs", String.valueOf(RaftKvUrl.DEFAULT_TIMEOUT_MS), "statement deadline in milliseconds"),
            property("user", null, "user name; required by nodes with authentication on (the default)"),
            property("password", null, "the user's password; sent in clear unless ssl=true"),
            property("ssl", "false", "true to connect with TLS", "true", "false"),
        };
    }

    private static DriverPropertyInfo property(String name, String value, String description, String... choices) {
        DriverPropertyInfo p = new DriverPropertyInfo(name, value);
        p.description = description;
        p.choices = choices.length == 0 ? null : choices;
        return p;
    }

    private static KvStore inProcessStore(String name) throws SQLException {
        KvStore store = InProcessStores.lookup(name);
        if (store == null) {
            throw new SQLException("no in-process store named '" + name + "' is registered (inProcessStore is a"
                    + " test-only option; register one with InProcessStores.register)", "08001");
        }
        return store;
    }

    private static KvStore networkStore(RaftKvUrl url) throws SQLException {
        Iterator<StoreConnector> connectors = ServiceLoader.load(StoreConnector.class).iterator();
        if (!connectors.hasNext()) {
            throw new SQLException("cannot reach " + url.hosts() + ": this build has no network client"
                    + " (no io.raftkv.jdbc.StoreConnector on the class path)", "08001");
        }
        return connectors.next().connect(url);
    }
}
