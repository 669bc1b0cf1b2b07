package dev.orderflow.messaging.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderflow.testsupport.SharedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * With Orderflow's defaults a service's pool holds connections to the primary only (ADR 0014): a connection whose server
 * turned read-only is evicted at its first refused write, and a read-only server is refused at connect.
 */
class PrimaryOnlyConnectionsTests {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withInitializer(context ->
                    new MessagingDefaults().postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
            .withPropertyValues(
                    "spring.datasource.username=" + SharedPostgres.username(),
                    "spring.datasource.password=" + SharedPostgres.password(),
                    "spring.datasource.hikari.maximum-pool-size=1",
                    "spring.datasource.hikari.connection-timeout=2000");

    @Test
    void aPooledConnectionWhoseServerTurnedReadOnlyIsEvictedAtItsFirstRefusedWrite() {
        String url = database("evict", false);
        service.withPropertyValues("spring.datasource.url=" + url).run(context -> {
            DataSource pool = context.getBean(DataSource.class);
            int before;
            try (Connection connection = pool.getConnection();
                    Statement statement = connection.createStatement()) {
                before = backend(statement);
                // What a switchover does to a session on the old primary, for this one session only.
                statement.execute("set session characteristics as transaction read only");
            }
            try (Connection connection = pool.getConnection();
                    Statement statement = connection.createStatement()) {
                assertThat(backend(statement)).as("the pool's only connection").isEqualTo(before);
                assertThatThrownBy(() -> statement.executeUpdate("insert into written values (1)"))
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("25006"));
            }
            try (Connection connection = pool.getConnection();
                    Statement statement = connection.createStatement()) {
                assertThat(backend(statement)).as("a new connection").isNotEqualTo(before);
                assertThat(statement.executeUpdate("insert into written values (2)"))
                        .isEqualTo(1);
            }
        });
    }

    @Test
    void aServerThatIsReadOnlyIsRefusedAtConnect() throws SQLException {
        String url = database("standby", true);
        try (Connection direct =
                        DriverManager.getConnection(url, SharedPostgres.username(), SharedPostgres.password());
                Statement statement = direct.createStatement();
                ResultSet readOnly = statement.executeQuery("show transaction_read_only")) {
            readOnly.next();
            assertThat(readOnly.getString(1)).as("what a standby answers").isEqualTo("on");
        }

        service.withPropertyValues("spring.datasource.url=" + url)
                .run(context -> assertThatThrownBy(() -> context.getBean(DataSource.class)
                                .getConnection()
                                .close())
                        .hasStackTraceContaining("targetServerType"));
    }

    /** A database of the shared server with one table; read-only for every new session if {@code readOnly}. */
    private static String database(String prefix, boolean readOnly) {
        String url = SharedPostgres.createDatabase(prefix);
        try (Connection connection =
                        DriverManager.getConnection(url, SharedPostgres.username(), SharedPostgres.password());
                Statement statement = connection.createStatement()) {
            statement.execute("create table written (n int)");
            if (readOnly) {
                statement.execute(
                        "alter database " + connection.getCatalog() + " set default_transaction_read_only = on");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return url;
    }

    private static int backend(Statement statement) throws SQLException {
        try (ResultSet pid = statement.executeQuery("select pg_backend_pid()")) {
            pid.next();
            return pid.getInt(1);
        }
    }
}
