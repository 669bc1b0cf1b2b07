package dev.orderflow.testsupport;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A broker of one fault test's own, on a fixed port, that the test starts and stops at will, so clients can be pointed
 * at it before it exists and see it vanish, without disturbing {@link SharedKafka}.
 *
 * <p>Always an in-JVM KRaft broker, also with {@code -Dorderflow.test.infra=containers}: it needs no Docker, and a
 * container could not promise the fixed host port. Every {@link #start()} begins with empty logs: a restart keeps the
 * address, not the topics or committed offsets.
 */
public final class DedicatedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DedicatedKafka.class);

    /**
     * The test kit binds its own listeners to random ports, so the fixed port is an extra listener. Clients that
     * bootstrap through it are told about it alone, because brokers advertise the listener a client came in on.
     */
    private static final String FIXED_LISTENER = "FIXED";

    private final int port;
    private EmbeddedKafkaKraftBroker broker;

    private DedicatedKafka(int port) {
        this.port = port;
    }

    /** A broker that will listen on {@code localhost:port} once started. */
    public static DedicatedKafka onPort(int port) {
        return new DedicatedKafka(port);
    }

    /** A broker that will listen on a port that is free now; see {@link TestPorts#freePort()}. */
    public static DedicatedKafka onFreePort() {
        return onPort(TestPorts.freePort());
    }

    public int port() {
        return port;
    }

    /** The address to give clients; valid before the broker starts, which is the point. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public synchronized boolean isRunning() {
        return broker != null;
    }

    /** Starts the broker and returns once it accepts clients; does nothing if it runs already. */
    public synchronized DedicatedKafka start() {
        if (broker == null) {
            broker = EmbeddedKafkaBrokers.start(Map.of(
                    "listeners",
                    "EXTERNAL://localhost:0,CONTROLLER://localhost:0,%s://localhost:%d".formatted(FIXED_LISTENER, port),
                    "listener.security.protocol.map",
                    "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,%s:PLAINTEXT".formatted(FIXED_LISTENER)));
            log.info("Dedicated Kafka broker started on {}", bootstrapServers());
        }
        return this;
    }

    /** Stops the broker; its port refuses connections afterwards. Does nothing if it is not running. */
    public synchronized void stop() {
        if (broker != null) {
            broker.destroy();
            broker = null;
            log.info("Dedicated Kafka broker on {} stopped", bootstrapServers());
        }
    }

    @Override
    public void close() {
        stop();
    }
}
