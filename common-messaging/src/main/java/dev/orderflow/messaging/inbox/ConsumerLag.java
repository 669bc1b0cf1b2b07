package dev.orderflow.messaging.inbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer lag as the broker sees it, per group and topic: log end offset minus the group's committed offset, summed
 * over the partitions ({@code orderflow_consumer_lag_records}). Unlike the consumer's own lag metric it keeps counting
 * while a consumer is stuck or gone, which is when it matters. Read every {@code lag-interval} by the messaging
 * housekeeping, on one admin client opened at the first read and closed with the application.
 */
public final class ConsumerLag implements AutoCloseable {

    /** A group to watch: its name in metrics, its Kafka group id, its topics. */
    public record Watched(String group, String groupId, List<String> topics) {}

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Object> adminConfig;
    private final List<Watched> watched;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();
    private @Nullable Admin admin;
    private boolean closed;

    public ConsumerLag(Map<String, Object> adminConfig, List<Watched> watched, MeterRegistry registry) {
        this.adminConfig = new HashMap<>(adminConfig);
        this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        this.adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        this.adminConfig.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "orderflow-consumer-lag");
        this.watched = List.copyOf(watched);
        this.registry = registry;
    }

    /** Reads every watched group's lag once; a group that cannot be read keeps its last value. */
    public void refresh() {
        Admin client = admin();
        if (client == null) {
            return;
        }
        for (Watched w : watched) {
            try {
                refresh(client, w);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
                log.debug("Could not read the lag of group {}: {}", w.groupId(), e.toString());
            }
        }
    }

    private void refresh(Admin client, Watched w) throws Exception {
        Map<String, TopicDescription> topics =
                client.describeTopics(w.topics()).allTopicNames().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        topics.values()
                .forEach(t -> t.partitions()
                        .forEach(
                                p -> partitions.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                client.listOffsets(partitions).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(w.groupId())
                .partitionsToOffsetAndMetadata()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Long> byTopic = ends.entrySet().stream()
                .collect(Collectors.groupingBy(e -> e.getKey().topic(), Collectors.summingLong(e -> {
                    OffsetAndMetadata offset = committed.get(e.getKey());
                    long position = offset == null ? 0 : offset.offset();
                    return Math.max(0, e.getValue().offset() - position);
                })));
        byTopic.forEach((topic, lag) -> gauge(w.group(), topic).set(lag));
    }

    private AtomicLong gauge(String group, String topic) {
        return lags.computeIfAbsent(group + "\u0000" + topic, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("orderflow.consumer.lag", value, AtomicLong::get)
                    .description("Records not yet consumed by the group: log end offset - committed offset")
                    .baseUnit("records")
                    .tag("group", group)
                    .tag("topic", topic)
                    .register(registry);
            return value;
        });
    }

    private synchronized @Nullable Admin admin() {
        if (admin == null && !closed && !watched.isEmpty()) {
            admin = Admin.create(adminConfig);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        closed = true;
        Admin client = admin;
        admin = null;
        if (client != null) {
            client.close(Duration.ofSeconds(1));
        }
    }
}
