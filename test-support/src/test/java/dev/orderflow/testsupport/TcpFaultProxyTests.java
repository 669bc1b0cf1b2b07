package dev.orderflow.testsupport;

import static dev.orderflow.testsupport.Jdbc.connect;
import static dev.orderflow.testsupport.Jdbc.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpFaultProxyTests {

    private TcpFaultProxy proxy;
    private String url;

    @BeforeEach
    void startProxy() {
        proxy = TcpFaultProxy.start(SharedPostgres.host(), SharedPostgres.port());
        url = SharedPostgres.createDatabase("proxied", proxy);
    }

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    @Test
    void forwardsJdbcConnectionsToTheTarget() throws SQLException {
        assertThat(url).contains(":" + proxy.port() + "/");
        assertThat(query(url, "SELECT current_database()")).startsWith("proxied_");
    }

    @Test
    void cutBreaksOpenConnectionsAndRefusesNewOnesUntilRestored() throws SQLException {
        try (Connection open = connect(url)) {
            assertThat(query(open, "SELECT 1")).isEqualTo("1");

            proxy.cut();

            assertThat(proxy.isCut()).isTrue();
            assertThatExceptionOfType(SQLException.class).isThrownBy(() -> query(open, "SELECT 1"));
        }
        assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(url));

        proxy.restore();

        assertThat(query(url, "SELECT 1")).isEqualTo("1");
    }

    @Test
    void cutLeavesTheSharedServerAvailableToEveryoneElse() throws SQLException {
        String direct = SharedPostgres.createDatabase("direct");

        proxy.cut();

        assertThat(query(direct, "SELECT 1")).isEqualTo("1");
    }

    @Test
    void blackHoleSilencesOpenConnectionsWithoutClosingEitherEnd() throws SQLException {
        Connection open = connect(url);
        try {
            assertThat(query(open, "SELECT 1")).isEqualTo("1");

            proxy.blackHole();

            assertThat(proxy.isBlackHole()).isTrue();
            open.setNetworkTimeout(Runnable::run, 500);
            assertThatExceptionOfType(SQLException.class)
                    .isThrownBy(() -> query(open, "SELECT 1"))
                    .withRootCauseInstanceOf(SocketTimeoutException.class);
            assertThat(proxy.openConnections()).isOne();
        } finally {
            open.abort(Runnable::run);
        }
        // The client gave up, but the server was never told: its session lives on, as behind a lost route.
        assertThat(serverSessions()).isOne();
    }

    @Test
    void blackHoleAcceptsNewConnectionsAndNeverAnswersThem() throws SQLException {
        proxy.blackHole();

        assertThatExceptionOfType(SQLException.class)
                .isThrownBy(() -> connect(url + (url.contains("?") ? "&" : "?") + "socketTimeout=1"))
                .withRootCauseInstanceOf(SocketTimeoutException.class);
        assertThat(serverSessions()).isZero();
    }

    @Test
    void restoreAfterBlackHoleForwardsNewConnectionsWhileSilencedOnesStaySilent() throws SQLException {
        Connection silenced = connect(url);
        try {
            assertThat(query(silenced, "SELECT 1")).isEqualTo("1");
            proxy.blackHole();

            proxy.restore();

            assertThat(query(url, "SELECT 1")).isEqualTo("1");
            silenced.setNetworkTimeout(Runnable::run, 500);
            assertThatExceptionOfType(SQLException.class)
                    .isThrownBy(() -> query(silenced, "SELECT 1"))
                    .withRootCauseInstanceOf(SocketTimeoutException.class);
        } finally {
            silenced.abort(Runnable::run);
        }
    }

    @Test
    void closeResetsItsConnectionsAndEndsEveryThreadItStarted() throws SQLException {
        String threadPrefix = "tcp-fault-proxy-" + proxy.port();
        Connection open = connect(url);
        try {
            assertThat(query(open, "SELECT 1")).isEqualTo("1");
            assertThat(proxy.openConnections()).isOne();
            assertThat(threadsNamed(threadPrefix)).isGreaterThanOrEqualTo(3); // acceptor and two pumps

            proxy.close();

            assertThat(proxy.openConnections()).isZero();
            assertThatExceptionOfType(SQLException.class).isThrownBy(() -> query(open, "SELECT 1"));
            // A thread that has finished its work may take a moment to be reported dead.
            await().atMost(Duration.ofSeconds(5)).until(() -> threadsNamed(threadPrefix) == 0);
        } finally {
            open.abort(Runnable::run); // close() would try to say goodbye over the reset socket
        }
    }

    /** Sessions the server holds on the proxied database, seen past the proxy. */
    private long serverSessions() throws SQLException {
        String database = url.substring(url.lastIndexOf('/') + 1);
        String direct = "jdbc:postgresql://%s:%d/%s".formatted(SharedPostgres.host(), SharedPostgres.port(), database);
        return Long.parseLong(
                query(
                        direct,
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"));
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix) && thread.isAlive())
                .count();
    }
}
