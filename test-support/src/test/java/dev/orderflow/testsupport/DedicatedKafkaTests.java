package dev.orderflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DedicatedKafkaTests {

    private final String topic = OrderflowTestProperties.newTopicPrefix() + "dedicated";

    @Test
    void startsOnItsFixedPortForClientsConfiguredBeforeItExisted() throws Exception {
        int port = TestPorts.freePort();
        try (DedicatedKafka kafka = DedicatedKafka.onPort(port);
                KafkaProducer<String, String> producer = KafkaClients.producer(kafka.bootstrapServers());
                KafkaConsumer<String, String> consumer = KafkaClients.consumer(kafka.bootstrapServers(), topic)) {
            assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + port);
            assertThat(kafka.isRunning()).isFalse();
            assertThat(consumer.poll(Duration.ofMillis(100))).isEmpty();

            kafka.start();

            assertThat(kafka.isRunning()).isTrue();
            producer.send(new ProducerRecord<>(topic, "order-1", "placed")).get(60, TimeUnit.SECONDS);
            KafkaClients.awaitValues(consumer, "placed");
        }
    }

    @Test
    void stopClosesThePortAndStartOpensTheSameOneAgain() throws Exception {
        try (DedicatedKafka kafka = DedicatedKafka.onFreePort().start()) {
            kafka.stop();

            assertThat(kafka.isRunning()).isFalse();
            assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(kafka.port()));

            kafka.start();

            try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka.bootstrapServers());
                    KafkaConsumer<String, String> consumer = KafkaClients.consumer(kafka.bootstrapServers(), topic)) {
                producer.send(new ProducerRecord<>(topic, "order-2", "restarted"))
                        .get(60, TimeUnit.SECONDS);
                KafkaClients.awaitValues(consumer, "restarted");
            }
        }
    }

    @Test
    void leavesTheSharedBrokerAlone() throws Exception {
        String shared = SharedKafka.bootstrapServers();

        try (DedicatedKafka kafka = DedicatedKafka.onFreePort().start()) {
            assertThat(kafka.bootstrapServers()).isNotEqualTo(shared);
        }

        try (KafkaProducer<String, String> producer = KafkaClients.producer(shared)) {
            producer.send(new ProducerRecord<>(topic, "order-3", "still-there")).get(60, TimeUnit.SECONDS);
        }
        assertThat(System.getProperty("spring.kafka.bootstrap-servers")).isNull();
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            assertThat(socket.isConnected()).isTrue();
        }
    }
}
