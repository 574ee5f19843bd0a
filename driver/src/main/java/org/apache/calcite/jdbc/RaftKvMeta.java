package org.apache.calcite.jdbc;

import com.google.common.collect.ImmutableList;
import io.raftkv.calcite.KvSchema;
import io.raftkv.calcite.KvSession;
import io.raftkv.calcite.KvTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.server.CalciteServerStatement;

/**
 * Calcite's JDBC metadata and execution hooks, adjusted for raftkv: connections start in
 * auto-commit (Calcite starts them off and throws on commit); commit and rollback act on the
 * session's transaction; {@code executeBatch} folds all parameter sets into one atomic batch;
 * {@code getPrimaryKeys} reports {@code kv.key}; repeated SQL on a {@code Statement} reuses its
 * plan from a per-connection cache. Lives in Calcite's package because its base constructor
 * takes the package-private connection class. Used by one connection; the plan cache is locked.
 */
public final class RaftKvMeta extends CalciteMetaImpl {

    /** Plans kept per connection for {@code Statement.execute(sql)}. */
    static final int PLAN_CACHE_SIZE = 256;

    /** Recently prepared signatures by SQL text and max row count; access-ordered (LRU). */
    private final Map<String, CalcitePrepare.CalciteSignature<Object>> plans =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CalcitePrepare.CalciteSignature<Object>> e) {
                    return size() > PLAN_CACHE_SIZE;
                }
            };
    private long planCacheHits;

    private RaftKvMeta(CalciteConnectionImpl connection) {
        super(connection, CalciteMetaTableFactoryImpl.INSTANCE, CalciteMetaColumnFactoryImpl.INSTANCE);
        connProps.setAutoCommit(true);
        connProps.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connProps.setDirty(false);
    }

    /** The meta of a new raftkv connection. */
    public static RaftKvMeta create(AvaticaConnection connection) {
        return new RaftKvMeta((CalciteConnectionImpl) connection);
    }

    /** The session of a raftkv connection, or null before its schema is installed. */
    public static KvSession session(AvaticaConnection connection) {
        SchemaPlus schema = ((CalciteConnectionImpl) connection).getRootSchema().subSchemas()
                .get(KvSchema.NAME);
        if (schema == null) {
            return null;
        }
        try {
            return schema.unwrap(KvSchema.class).session();
        } catch (ClassCastException e) {
            return null;
        }
    }

    private KvSession session() {
        KvSession s = session(getConnection());
        if (s == null) {
            throw new IllegalStateException("the raftkv schema is not installed on this connection");
        }
        return s;
    }

    /** How many statements of {@code connection} were served from its plan cache (tests, diagnostics). */
    public static long planCacheHits(AvaticaConnection connection) {
        RaftKvMeta meta = (RaftKvMeta) ((CalciteConnectionImpl) connection).meta();
        synchronized (meta) {
            return meta.planCacheHits;
        }
    }

    @Override
    public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties connProps) {
        Boolean autoCommit = connProps.isAutoCommit();
        KvSession s = session(getConnection());
        if (autoCommit != null && s != null) {
            s.setAutoCommit(autoCommit);
        }
        return super.connectionSync(ch, connProps);
    }

    @Override
    public void commit(ConnectionHandle ch) {
        KvSession s = session();
        s.commit(s.defaultCallOptions());
    }

    @Override
    public void rollback(ConnectionHandle ch) {
        session().rollback();
    }

    @Override
    public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
            throws NoSuchStatementException {
        KvSession s = session();
        s.beginFold();
        boolean ok = false;
        try {
            ExecuteBatchResult result = super.executeBatch(h, parameterValues);
            ok = true;
            return result;
        } finally {
            s.endFold(ok, s.defaultCallOptions());
        }
    }

    @Override
    public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
            throws NoSuchStatementException {
        KvSession s = session();
        s.beginFold();
        boolean ok = false;
        try {
            ExecuteBatchResult result = super.prepareAndExecuteBatch(h, sqlCommands);
            ok = true;
            return result;
        } finally {
            s.endFold(ok, s.defaultCallOptions());
        }
    }

    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
                                           PrepareCallback callback) throws NoSuchStatementException {
        CalcitePrepare.CalciteSignature<Object> signature;
        try {
            synchronized (callback.getMonitor()) {
                callback.clear();
                CalciteConnectionImpl connection = getConnection();
                CalciteServerStatement statement = connection.server.getStatement(h);
                signature = cachedPlan(sql, maxRowCount);
                if (signature == null) {
                    CalcitePrepare.Context context = statement.createPrepareContext();
                    signature = connection.parseQuery(CalcitePrepare.Query.of(sql), context, maxRowCount);
                    cachePlan(sql, maxRowCount, signature);
                }
                statement.setSignature(signature);
                callback.assign(signature, null, -1);
            }
            callback.execute();
            MetaResultSet resultSet = MetaResultSet.create(h.connectionId, h.id, false, signature, null);
            return new ExecuteResult(ImmutableList.of(resultSet));
        } catch (SQLException e) {
            throw new RuntimeException(e);
        }
    }

    private synchronized CalcitePrepare.CalciteSignature<Object> cachedPlan(String sql, long maxRowCount) {
        CalcitePrepare.CalciteSignature<Object> s = plans.get(maxRowCount + ":" + sql);
        if (s != null) {
            planCacheHits++;
        }
        return s;
    }

    private synchronized void cachePlan(String sql, long maxRowCount, CalcitePrepare.CalciteSignature<Object> s) {
        if (s.statementType == null || s.statementType.canUpdate() || s.statementType == StatementType.SELECT
                || s.statementType == StatementType.IS_DML) {
            plans.put(maxRowCount + ":" + sql, s);
        }
    }

    @Override
    public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        List<ColumnMetaData> columns = List.of(
                columnMetaData("TABLE_CAT", 0, String.class, true),
                columnMetaData("TABLE_SCHEM", 1, String.class, true),
                columnMetaData("TABLE_NAME", 2, String.class, false),
                columnMetaData("COLUMN_NAME", 3, String.class, false),
                columnMetaData("KEY_SEQ", 4, Short.class, false),
                columnMetaData("PK_NAME", 5, String.class, true));
        List<Object> rows = new ArrayList<>();
        boolean schemaMatches = schema == null || schema.equalsIgnoreCase(KvSchema.NAME);
        boolean tableMatches = table == null || table.equalsIgnoreCase(KvTable.NAME);
        if (schemaMatches && tableMatches) {
            rows.add(new Object[] {null, KvSchema.NAME, KvTable.NAME, KvTable.KEY, (short) 1, "kv_pk"});
        }
        return createResultSet(Map.of(), columns, CursorFactory.ARRAY, new Frame(0, true, rows));
    }
}
