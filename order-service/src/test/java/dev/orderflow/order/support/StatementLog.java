package dev.orderflow.order.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Records the round trips the calling thread makes to PostgreSQL while it runs a piece of work: every statement
 * executed (its SQL) and every commit. Wraps the application's DataSource; costs nothing on threads not recording.
 */
@Component
public class StatementLog implements BeanPostProcessor {

    public static final String COMMIT = "commit";

    private static final Set<String> EXECUTIONS =
            Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch");
    private static final ThreadLocal<List<String>> RECORDING = new ThreadLocal<>();

    /** The statements and commits {@code work} sent to the database from this thread, in order. */
    public List<String> during(Runnable work) {
        List<String> log = new ArrayList<>();
        RECORDING.set(log);
        try {
            work.run();
        } finally {
            RECORDING.remove();
        }
        return List.copyOf(log);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof DelegatingDataSource)) {
            return new Recording(dataSource);
        }
        return bean;
    }

    private static void record(String entry) {
        List<String> log = RECORDING.get();
        if (log != null) {
            log.add(entry.strip().replaceAll("\\s+", " "));
        }
    }

    private static final class Recording extends DelegatingDataSource {

        Recording(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return connection(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return connection(super.getConnection(username, password));
        }

        private static Connection connection(Connection target) {
            return proxy(Connection.class, target, (proxy, method, args) -> {
                Object result = invoke(target, method, args);
                switch (method.getName()) {
                    case "commit" -> record(COMMIT);
                    case "prepareStatement" -> {
                        return statement(PreparedStatement.class, (Statement) result, (String) args[0]);
                    }
                    case "prepareCall" -> {
                        return statement(CallableStatement.class, (Statement) result, (String) args[0]);
                    }
                    case "createStatement" -> {
                        return statement(Statement.class, (Statement) result, null);
                    }
                    default -> {}
                }
                return result;
            });
        }

        private static <S extends Statement> S statement(Class<S> type, Statement target, String preparedSql) {
            return proxy(type, target, (proxy, method, args) -> {
                if (EXECUTIONS.contains(method.getName())) {
                    record(
                            preparedSql != null
                                    ? preparedSql
                                    : args != null && args.length > 0 ? (String) args[0] : "?");
                }
                return invoke(target, method, args);
            });
        }

        private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
            return type.cast(
                    Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {type}, handler));
        }

        private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
