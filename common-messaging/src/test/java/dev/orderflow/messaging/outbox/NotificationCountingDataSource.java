package dev.orderflow.messaging.outbox;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The test's database, counting the notifications pgjdbc hands over from its connections. The driver keeps every
 * notification a listening connection receives in a list until someone takes them ({@code getNotifications}); what was
 * sent and not taken is what that list holds, or will once the driver reads its socket.
 */
final class NotificationCountingDataSource extends DelegatingDataSource {

    private final Map<String, AtomicLong> taken = new ConcurrentHashMap<>();

    NotificationCountingDataSource(DataSource target) {
        super(target);
    }

    /** Notifications with this payload taken from the driver so far, on every connection of this data source. */
    long taken(String payload) {
        AtomicLong count = taken.get(payload);
        return count == null ? 0 : count.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        return proxy(Connection.class, (self, method, args) -> {
            if (method.getName().equals("unwrap") && args[0] == PGConnection.class) {
                return counting(connection.unwrap(PGConnection.class));
            }
            return call(method, connection, args);
        });
    }

    private PGConnection counting(PGConnection connection) {
        return proxy(PGConnection.class, (self, method, args) -> {
            Object result = call(method, connection, args);
            if (method.getName().equals("getNotifications") && result instanceof PGNotification[] notifications) {
                for (PGNotification notification : notifications) {
                    taken.computeIfAbsent(notification.getParameter(), p -> new AtomicLong())
                            .incrementAndGet();
                }
            }
            return result;
        });
    }

    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
