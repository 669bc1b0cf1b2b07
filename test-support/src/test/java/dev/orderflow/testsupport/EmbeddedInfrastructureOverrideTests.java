package dev.orderflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The fault-test pattern: the context's database sits behind a proxy the test can cut. */
@SpringBootTest(
        classes = EmbeddedInfrastructureTests.TestApplication.class,
        properties = {
            "orderflow.messaging.topic-prefix=custom.",
            // Fail fast while the proxy is cut instead of waiting out Hikari's default 30 seconds.
            "spring.datasource.hikari.connection-timeout=1000"
        })
@EmbeddedInfrastructure
class EmbeddedInfrastructureOverrideTests {

    static final TcpFaultProxy proxy = TcpFaultProxy.start(SharedPostgres.host(), SharedPostgres.port());

    @DynamicPropertySource
    static void databaseBehindProxy(DynamicPropertyRegistry registry) {
        registry.add(OrderflowTestProperties.DATASOURCE_URL, () -> SharedPostgres.createDatabase("faulty", proxy));
    }

    @AfterAll
    static void closeProxy() {
        proxy.close();
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    Environment environment;

    @Test
    void keepsPropertiesTheTestDeclaresItself() {
        assertThat(environment.getProperty(OrderflowTestProperties.TOPIC_PREFIX))
                .isEqualTo("custom.");
        assertThat(environment.getProperty(OrderflowTestProperties.DATASOURCE_URL))
                .contains(":" + proxy.port() + "/faulty_");
    }

    @Test
    void losesItsDatabaseWhileTheProxyIsCutAndRecoversAfterwards() throws SQLException {
        assertThat(currentDatabase()).startsWith("faulty_");

        proxy.cut();
        try {
            assertThatExceptionOfType(SQLException.class).isThrownBy(this::currentDatabase);
        } finally {
            proxy.restore();
        }

        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(currentDatabase()).startsWith("faulty_"));
    }

    private String currentDatabase() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return Jdbc.query(connection, "SELECT current_database()");
        }
    }
}
