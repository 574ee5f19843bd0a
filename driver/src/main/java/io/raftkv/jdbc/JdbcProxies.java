package io.raftkv.jdbc;

import io.raftkv.calcite.KvSession;
import io.raftkv.calcite.KvSqlException;
import io.raftkv.calcite.CallOptions;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Thin dynamic proxies over Calcite's JDBC objects that (1) turn every failure into a
 * {@link java.sql.SQLException} with a SQLState ({@link SqlErrors}), never an
 * {@code AssertionError} or unchecked exception; (2) answer what Avatica gets wrong for raftkv:
 * {@code isValid} asks the store, {@code supportsTransactions} is true, the isolation level is
 * repeatable read. Each proxy is as thread-safe as the object it wraps.
 */
final class JdbcProxies {

    private JdbcProxies() {
    }

    /** The connection handed to the application. */
    static Connection connection(Connection target, KvSession session) {
        return (Connection) Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new ConnectionHandler(target, session));
    }

    private abstract static class Handler implements InvocationHandler {
        final Object target;

        Handler(Object target) {
            this.target = target;
        }

        Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw SqlErrors.translate(e.getCause());
            } catch (AssertionError | RuntimeException e) {
                throw SqlErrors.translate(e);
            }
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                switch (method.getName()) {
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    default:
                        return "raftkv:" + target;
                }
            }
            return handle(proxy, method, args);
        }

        abstract Object handle(Object proxy, Method method, Object[] args) throws Throwable;
    }

    private static final class ConnectionHandler extends Handler {
        private final KvSession session;

        ConnectionHandler(Connection target, KvSession session) {
            super(target);
            this.session = session;
        }

        @Override
        Object handle(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "isValid":
                    return isValid((Connection) proxy, (Integer) args[0]);
                case "getMetaData":
                    return wrap(DatabaseMetaData.class, call(method, args), (Connection) proxy);
                case "createStatement":
                    return wrap(Statement.class, call(method, args), (Connection) proxy);
                case "prepareStatement":
                    return wrap(PreparedStatement.class, call(method, args), (Connection) proxy);
                case "prepareCall":
                    return wrap(CallableStatement.class, call(method, args), (Connection) proxy);
                case "getTransactionIsolation":
                    return Connection.TRANSACTION_REPEATABLE_READ;
                default:
                    return call(method, args);
            }
        }

        private boolean isValid(Connection proxy, int timeoutSeconds) throws Throwable {
            if (timeoutSeconds < 0) {
                throw SqlErrors.of("isValid timeout must be at least 0 seconds, was " + timeoutSeconds, "HY000", null);
            }
            if (proxy.isClosed()) {
                return false;
            }
            long ms = timeoutSeconds == 0 ? session.defaultCallOptions().remainingNanos() / 1_000_000
                    : timeoutSeconds * 1000L;
            try {
                session.ping(CallOptions.within(session.consistency(), Math.max(1, ms), new AtomicBoolean()));
                return true;
            } catch (KvSqlException e) {
                return false;
            }
        }
    }

    private static Object wrap(Class<?> type, Object target, Connection connection) {
        return Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(), new Class<?>[] {type},
                new ChildHandler(target, connection));
    }

    /** Statements, result sets and metadata: translate errors, return the proxy connection. */
    private static final class ChildHandler extends Handler {
        private final Connection connection;

        ChildHandler(Object target, Connection connection) {
            super(target);
            this.connection = connection;
        }

        @Override
        Object handle(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "getConnection":
                    return connection;
                case "supportsTransactions":
                    return true;
                case "getDefaultTransactionIsolation":
                    return Connection.TRANSACTION_REPEATABLE_READ;
                case "supportsTransactionIsolationLevel":
                    return (Integer) args[0] == Connection.TRANSACTION_REPEATABLE_READ;
                case "supportsBatchUpdates":
                    return true;
                default:
                    break;
            }
            Object result = call(method, args);
            if (result instanceof ResultSet && method.getReturnType() == ResultSet.class) {
                return wrap(ResultSet.class, result, connection);
            }
            return result;
        }
    }
}
