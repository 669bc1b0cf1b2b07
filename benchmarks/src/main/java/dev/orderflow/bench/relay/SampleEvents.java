package dev.orderflow.bench.relay;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.ShippingAddress;
import dev.orderflow.events.order.OrderPlaced;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The one event both sides of the comparison send: an OrderPlaced of a realistic size (about 400 bytes of JSON) for a
 * fresh order every time, so keys spread over the partitions as real orders do.
 */
final class SampleEvents {

    private static final ShippingAddress ADDRESS =
            new ShippingAddress("Ana Example", "Main Street 1", "Second floor, left door", "Berlin", "10115", "DE");

    private SampleEvents() {}

    static OrderPlaced orderPlaced() {
        UUID orderId = UUID.randomUUID();
        String customer = "customer-%06d".formatted(ThreadLocalRandom.current().nextInt(1_000_000));
        return new OrderPlaced(
                orderId,
                customer,
                customer + "@example.com",
                List.of(
                        new OrderLine("SKU-BENCH-0001", 2),
                        new OrderLine("SKU-BENCH-0002", 1),
                        new OrderLine("SKU-BENCH-0003", 4)),
                ADDRESS,
                Instant.now());
    }

    /** The record the relay would send for a new OrderPlaced: same key, payload bytes and CloudEvents headers. */
    static ProducerRecord<String, byte[]> record(String topic) {
        OrderPlaced event = orderPlaced();
        EventEnvelope envelope = EventEnvelope.first(EventTypes.ORDER_PLACED, event.orderId(), Instant.now());
        RecordHeaders headers = new RecordHeaders();
        envelope.toHeaders().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(topic, null, null, envelope.subject(), EventJson.write(event), headers);
    }

    static int headerBytes(ProducerRecord<String, byte[]> record) {
        int bytes = 0;
        for (Header header : record.headers()) {
            bytes += header.key().length() + header.value().length;
        }
        return bytes;
    }
}
