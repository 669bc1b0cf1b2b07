package dev.orderflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

@SpringBootTest(classes = EmbeddedInfrastructureTests.TestApplication.class)
@EmbeddedInfrastructure(databasePrefix = "itest")
class EmbeddedInfrastructureTests {

    private final DataSource dataSource;
    private final Environment environment;

    @Autowired
    EmbeddedInfrastructureTests(DataSource dataSource, Environment environment) {
        this.dataSource = dataSource;
        this.environment = environment;
    }

    @Test
    void connectsTheDataSourceToADatabaseOfItsOwn() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String database = Jdbc.query(connection, "SELECT current_database()");

            assertThat(database).matches("itest_[0-9a-f]{12}");
            assertThat(environment.getProperty(OrderflowTestProperties.DATASOURCE_URL))
                    .matches(".*/" + database + "(\\?.*)?");
        }
    }

    @Test
    void givesTheContextATopicPrefixOfItsOwn() {
        assertThat(environment.getProperty(OrderflowTestProperties.TOPIC_PREFIX))
                .matches("t[a-z0-9]{8}\\.");
    }

    @Test
    void pointsKafkaClientsAtTheSharedBroker() {
        assertThat(environment.getProperty(OrderflowTestProperties.KAFKA_BOOTSTRAP_SERVERS))
                .isEqualTo(SharedKafka.bootstrapServers());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApplication {}
}
