package dev.orderflow.messaging.autoconfigure;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Evicts a pooled connection that was refused a write because its server is read-only (SQLSTATE 25006): after a
 * failover or switchover it still talks to the old primary, now a standby, and HikariCP would otherwise keep it for up to
 * {@code max-lifetime}. New connections go to the primary ({@code targetServerType=primary}); the failed transaction is
 * retried as a transient failure (ADR 0014). Set by {@code spring.datasource.hikari.exception-override-class-name} in
 * orderflow-messaging-defaults.properties; HikariCP's own rules (class 08, shutdown, 0A000) still apply to every other
 * state.
 */
public final class ReadOnlyConnectionEviction implements SQLExceptionOverride {

    static final String READ_ONLY_SQL_TRANSACTION = "25006";

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException failure) {
        return READ_ONLY_SQL_TRANSACTION.equals(failure.getSQLState())
                ? SQLExceptionOverride.Override.MUST_EVICT
                : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
