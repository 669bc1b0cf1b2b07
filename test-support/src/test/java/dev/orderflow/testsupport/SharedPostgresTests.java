package dev.orderflow.testsupport;

import static dev.orderflow.testsupport.Jdbc.execute;
import static dev.orderflow.testsupport.Jdbc.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SharedPostgresTests {

    @Test
    void createsDatabasesThatDoNotSeeEachOthersTables() throws SQLException {
        String first = SharedPostgres.createDatabase("orders");
        String second = SharedPostgres.createDatabase("orders");

        assertThat(first).isNotEqualTo(second).startsWith("jdbc:postgresql://").contains("/orders_");
        execute(first, "CREATE TABLE outbox (id bigint PRIMARY KEY)");
        assertThat(tableCount(first, "outbox")).isOne();
        assertThat(tableCount(second, "outbox")).isZero();
    }

    @Test
    void runsPostgresql17WithRoomForManyConnectionPools() throws SQLException {
        String url = SharedPostgres.createDatabase("settings");

        assertThat(query(url, "SHOW server_version")).startsWith("17.");
        assertThat(Integer.parseInt(query(url, "SHOW max_connections"))).isGreaterThanOrEqualTo(300);
        // Under a plain C locale upper() would leave the ü alone.
        assertThat(query(url, "SELECT upper('über')")).isEqualTo("ÜBER");
    }

    /**
     * The local platform and every test connect with these URLs, as the services do in production (issue 18): an error's
     * message names the failed constraint, never the values PostgreSQL puts in its detail (an email, an address), so
     * they reach no log and no dead letter.
     */
    @Test
    void errorMessagesLeaveOutTheValuesOfTheServersDetail() throws SQLException {
        String url = SharedPostgres.createDatabase("error_detail");
        execute(url, "CREATE TABLE customer (email text UNIQUE)");
        execute(url, "INSERT INTO customer VALUES ('ana@example.com')");

        assertThatExceptionOfType(SQLException.class)
                .isThrownBy(() -> execute(url, "INSERT INTO customer VALUES ('ana@example.com')"))
                .withMessageContaining("customer_email_key")
                .withMessageNotContaining("ana@example.com")
                .satisfies(e -> assertThat(e.getSQLState()).isEqualTo("23505"));
    }

    @Test
    void turnsAnyPrefixIntoALegalUniqueDatabaseName() {
        assertThat(SharedPostgres.databaseName("Order-Service")).matches("order_service_[0-9a-f]{12}");
        assertThat(SharedPostgres.databaseName("1st")).matches("db_1st_[0-9a-f]{12}");
        assertThat(SharedPostgres.databaseName("x".repeat(100))).hasSizeLessThanOrEqualTo(63);
    }

    private static int tableCount(String url, String table) throws SQLException {
        return Integer.parseInt(query(url, "SELECT count(*) FROM pg_tables WHERE tablename = '" + table + "'"));
    }
}
