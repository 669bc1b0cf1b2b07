package dev.orderflow.testsupport;

import dev.orderflow.testsupport.SharedKafka.KafkaServer;
import dev.orderflow.testsupport.SharedPostgres.PostgresServer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The best-effort Docker path, chosen with {@code -Dorderflow.test.infra=containers}: the same shared broker and
 * server, as Testcontainers. Kept in one class so Testcontainers is loaded only when asked for.
 */
final class ContainerInfrastructure {

    static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.1.1");
    static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:17");

    private ContainerInfrastructure() {}

    /** Broker settings as the embedded broker's; the container already sets every replication factor to 1. */
    static KafkaServer kafka() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(EmbeddedKafkaBrokers.PARTITIONS))
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
        kafka.start();
        return new KafkaServer(kafka.getBootstrapServers(), kafka::stop);
    }

    /** Server settings as the embedded server's. */
    static PostgresServer postgres() {
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withCommand(
                        "postgres",
                        "-c",
                        "max_connections=300",
                        "-c",
                        "fsync=off",
                        "-c",
                        "full_page_writes=off",
                        "-c",
                        "synchronous_commit=off");
        postgres.start();
        return new PostgresServer(
                postgres.getHost(),
                postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                postgres.getUsername(),
                postgres.getPassword(),
                postgres.getDatabaseName(),
                postgres::stop);
    }
}
