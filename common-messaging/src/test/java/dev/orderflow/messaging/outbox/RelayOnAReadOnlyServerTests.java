package dev.orderflow.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.testsupport.SharedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A relay whose session cannot write (a standby, or a server turned read-only) never leads (ADR 0014): it could send the
 * rows it reads there but never delete them. The service's pool connects to the primary only; these sessions come
 * straight from the driver, as one would through an address that now points at a standby.
 */
class RelayOnAReadOnlyServerTests {

    @Test
    void aRelayOnAReadOnlyServerNeverLeads() throws SQLException {
        DataSource readOnly = database("relay-read-only", true);

        try (RelayConnection relay = new RelayConnection(readOnly)) {
            assertThat(relay.tryLead()).isFalse();
        }
    }

    @Test
    void aRelayOnAWritableServerLeads() throws SQLException {
        DataSource writable = database("relay-writable", false);

        try (RelayConnection relay = new RelayConnection(writable)) {
            assertThat(relay.tryLead()).isTrue();
        }
    }

    /** A database of the shared server, whose every session is read-only if {@code readOnly}, as on a standby. */
    private static DataSource database(String prefix, boolean readOnly) throws SQLException {
        String url = SharedPostgres.createDatabase(prefix);
        if (readOnly) {
            try (Connection connection =
                            DriverManager.getConnection(url, SharedPostgres.username(), SharedPostgres.password());
                    Statement statement = connection.createStatement()) {
                statement.execute(
                        "alter database \"" + connection.getCatalog() + "\" set default_transaction_read_only = on");
            }
        }
        return new SimpleDriverDataSource(
                DriverManager.getDriver(url), url, SharedPostgres.username(), SharedPostgres.password());
    }
}
