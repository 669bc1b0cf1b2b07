package dev.orderflow.testsupport;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The one Kafka broker of a test JVM, started on first use and stopped when the JVM exits. Tests keep out of each
 * other's way with a topic prefix of their own (see {@link EmbeddedInfrastructure}), never by restarting it; a test
 * that needs a broker to fail uses a {@link DedicatedKafka}.
 *
 * <p>An in-JVM KRaft broker by default; a Testcontainers {@code apache/kafka} broker with
 * {@code -Dorderflow.test.infra=containers}.
 */
public final class SharedKafka {

    private static final SharedResource<KafkaServer> BROKER = new SharedResource<>("Kafka", SharedKafka::start);

    private SharedKafka() {}

    /** The {@code bootstrap.servers} of the shared broker, starting it if this is the first use. */
    public static String bootstrapServers() {
        return BROKER.get().bootstrapServers();
    }

    private static KafkaServer start() {
        return switch (InfrastructureMode.current()) {
            case EMBEDDED -> embedded();
            case CONTAINERS -> ContainerInfrastructure.kafka();
        };
    }

    private static KafkaServer embedded() {
        EmbeddedKafkaKraftBroker broker = EmbeddedKafkaBrokers.start(Map.of());
        return new KafkaServer(broker.getBrokersAsString(), broker::destroy);
    }

    /** A running broker, whichever kind, and how to stop it. */
    record KafkaServer(String bootstrapServers, AutoCloseable stopper) implements AutoCloseable {

        @Override
        public void close() throws Exception {
            stopper.close();
        }
    }
}
