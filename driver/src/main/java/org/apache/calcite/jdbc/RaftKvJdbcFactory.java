package org.apache.calcite.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.config.CalciteConnectionConfig;

/**
 * Calcite's JDBC 4.1 factory with connections that read their configuration once. Calcite
 * re-parses the connection properties on every {@code config()} call and resolves the time zone
 * with {@link TimeZone#getTimeZone(String)}, a {@code static synchronized} JDK method, twice per
 * executed statement: with 256 threads running point SELECTs that lock was the most contended one
 * in the benchmark client (JFR: 37 s blocked within 15 s) and throughput fell from 57,000 to
 * 40,000 statements/s from 64 to 256 connections. A raftkv connection's properties are fixed when
 * it opens, so both are read once per connection; statements execute in a
 * {@link ParametersFirstDataContext}. Everything else is Calcite's own factory. Lives
 * in Calcite's package because the connection class it extends is package-private.
 */
public class RaftKvJdbcFactory extends CalciteFactory {

    private final CalciteJdbc41Factory calcite = new CalciteJdbc41Factory();

    /** Used by Calcite's driver, which instantiates its factory by class name. */
    public RaftKvJdbcFactory() {
        super(4, 1);
    }

    @Override
    public AvaticaConnection newConnection(UnregisteredDriver driver, AvaticaFactory factory, String url,
            Properties info, CalciteSchema rootSchema, JavaTypeFactory typeFactory) {
        return new RaftKvConnection((Driver) driver, factory, url, info, rootSchema, typeFactory);
    }

    @Override
    public AvaticaStatement newStatement(AvaticaConnection connection, Meta.StatementHandle h, int type,
            int concurrency, int holdability) {
        return calcite.newStatement(connection, h, type, concurrency, holdability);
    }

    @Override
    public AvaticaPreparedStatement newPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h,
            Meta.Signature signature, int type, int concurrency, int holdability) throws SQLException {
        return calcite.newPreparedStatement(connection, h, signature, type, concurrency, holdability);
    }

    @Override
    public AvaticaResultSet newResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
            TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
        return calcite.newResultSet(statement, state, signature, timeZone, firstFrame);
    }

    @Override
    public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
        return calcite.newDatabaseMetaData(connection);
    }

    @Override
    public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement, Meta.Signature signature) {
        return calcite.newResultSetMetaData(statement, signature);
    }

    /**
     * A Calcite connection whose configuration and time zone are read once, on first use, and whose
     * statements execute in a {@link ParametersFirstDataContext}.
     */
    static final class RaftKvConnection extends CalciteConnectionImpl {
        private volatile CalciteConnectionConfig config;
        private volatile TimeZone timeZone;

        RaftKvConnection(Driver driver, AvaticaFactory factory, String url, Properties info,
                CalciteSchema rootSchema, JavaTypeFactory typeFactory) {
            super(driver, factory, url, info, rootSchema, typeFactory);
        }

        @Override
        public CalciteConnectionConfig config() {
            CalciteConnectionConfig c = config;
            if (c == null) {
                c = super.config();
                config = c;
            }
            return c;
        }

        @Override
        public DataContext createDataContext(Map<String, Object> parameterValues, CalciteSchema rootSchema) {
            return new ParametersFirstDataContext(this, parameterValues, rootSchema,
                    () -> super.createDataContext(parameterValues, rootSchema));
        }

        @Override
        public TimeZone getTimeZone() {
            TimeZone tz = timeZone;
            if (tz == null) {
                tz = super.getTimeZone();
                timeZone = tz;
            }
            return (TimeZone) tz.clone(); // callers may change what they get, as with Avatica's
        }
    }
}
