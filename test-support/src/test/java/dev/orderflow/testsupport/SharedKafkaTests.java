package dev.orderflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class SharedKafkaTests {

    @Test
    void startsOnceAndKeepsItsAddress() {
        String first = SharedKafka.bootstrapServers();

        assertThat(first).matches("[^,]+:\\d+");
        assertThat(SharedKafka.bootstrapServers()).isEqualTo(first);
    }

    @Test
    void roundTripsARecordThroughATopicItCreatesOnFirstUse() throws Exception {
        String topic = OrderflowTestProperties.newTopicPrefix() + "round-trip";

        try (KafkaProducer<String, String> producer = KafkaClients.producer(SharedKafka.bootstrapServers())) {
            producer.send(new ProducerRecord<>(topic, "order-1", "placed")).get(60, TimeUnit.SECONDS);
            assertThat(producer.partitionsFor(topic)).hasSize(EmbeddedKafkaBrokers.PARTITIONS);
        }
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(SharedKafka.bootstrapServers(), topic)) {
            KafkaClients.awaitValues(consumer, "placed");
        }
    }
}
