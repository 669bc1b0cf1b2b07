package dev.orderflow.bench.relay;

import dev.orderflow.events.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;

/**
 * The far end of the measured path: a plain consumer on every partition of a topic, noting when each event (by its
 * {@code ce_id}) arrives, on the same monotonic clock the writers note their commits with, and when the relay handed
 * it to its producer (the record's timestamp, which the producer sets on send).
 */
final class TopicReceiver implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    /** One event's arrival: {@link System#nanoTime()} and wall-clock micros, and the relay's send time in millis. */
    record Arrival(long nanos, long epochMicros, long sentEpochMillis) {}

    private final Map<UUID, Arrival> arrivals = new ConcurrentHashMap<>();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    private TopicReceiver(KafkaConsumer<String, byte[]> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
        this.thread = Thread.ofPlatform().name("bench-receiver").daemon().unstarted(this::run);
    }

    /** Starts reading at the current end of the topic; returns once that position is fixed, so nothing later is missed. */
    static TopicReceiver atEndOf(KafkaConsumer<String, byte[]> consumer, String topic) throws InterruptedException {
        TopicReceiver receiver = new TopicReceiver(consumer, topic);
        receiver.thread.start();
        if (!receiver.positioned.await(30, TimeUnit.SECONDS) || receiver.failure != null) {
            receiver.close();
            throw new IllegalStateException("The receiver could not position itself on " + topic, receiver.failure);
        }
        return receiver;
    }

    /** When the event arrived; null if it has not. */
    Arrival arrivalOf(UUID eventId) {
        return arrivals.get(eventId);
    }

    int received() {
        return arrivals.size();
    }

    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = BenchKafka.partitionsOf(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                long nanos = System.nanoTime();
                long micros = epochMicros();
                for (ConsumerRecord<String, byte[]> record : records) {
                    Header id = record.headers().lastHeader(CloudEventHeaders.ID);
                    if (id != null) {
                        arrivals.putIfAbsent(
                                UUID.fromString(new String(id.value(), StandardCharsets.UTF_8)),
                                new Arrival(nanos, micros, record.timestamp()));
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            positioned.countDown();
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        if (failure != null) {
            throw new IllegalStateException("The receiver failed", failure);
        }
    }
}
