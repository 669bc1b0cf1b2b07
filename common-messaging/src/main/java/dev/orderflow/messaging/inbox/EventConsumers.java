package dev.orderflow.messaging.inbox;

import dev.orderflow.messaging.MessagingProperties;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;

/**
 * Runs one listener container per consumer group over the topics its handlers read, and one per group over its
 * dead-letter topics that records what arrives there. Offsets are committed after the listener returns, that is after
 * the inbox transaction committed.
 */
public final class EventConsumers implements SmartLifecycle {

    /** A container to build: a group, its topics and what to do with each record. */
    public record Subscription(
            String groupId,
            List<String> topics,
            Consumer<ConsumerRecord<String, byte[]>> listener,
            CommonErrorHandler errorHandler,
            int concurrency) {}

    private final ConsumerFactory<String, byte[]> consumerFactory;
    private final List<Subscription> subscriptions;
    private final ApplicationContext context;
    private final ObservationRegistry observationRegistry;
    private final boolean observationEnabled;
    private final MessagingProperties.Consumer tuning;
    private final List<ConcurrentMessageListenerContainer<String, byte[]>> containers = new ArrayList<>();
    private volatile boolean running;

    public EventConsumers(
            ConsumerFactory<String, byte[]> consumerFactory,
            List<Subscription> subscriptions,
            ApplicationContext context,
            ObservationRegistry observationRegistry,
            boolean observationEnabled,
            MessagingProperties.Consumer tuning) {
        this.consumerFactory = consumerFactory;
        this.tuning = tuning;
        this.subscriptions = List.copyOf(subscriptions);
        this.context = context;
        this.observationRegistry = observationRegistry;
        this.observationEnabled = observationEnabled;
    }

    /**
     * The consumer settings Orderflow relies on and its tuning ({@code orderflow.messaging.consumer.*}), applied over
     * the application's own Kafka consumer settings.
     */
    static Properties consumerOverrides(MessagingProperties.Consumer tuning) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, tuning.maxPollRecords());
        properties.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, tuning.fetchMinBytes());
        properties.put(
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                Math.toIntExact(tuning.fetchMaxWait().toMillis()));
        properties.put(
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                Math.toIntExact(tuning.maxPollInterval().toMillis()));
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return properties;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        for (Subscription subscription : subscriptions) {
            ContainerProperties properties =
                    new ContainerProperties(subscription.topics().toArray(String[]::new));
            properties.setGroupId(subscription.groupId());
            properties.setAckMode(ContainerProperties.AckMode.BATCH);
            properties.setKafkaConsumerProperties(consumerOverrides(tuning));
            properties.setObservationEnabled(observationEnabled);
            properties.setObservationRegistry(observationRegistry);
            properties.setObservationConvention(new OrderIdListenerConvention());
            properties.setMessageListener((MessageListener<String, byte[]>) subscription.listener()::accept);
            ConcurrentMessageListenerContainer<String, byte[]> container =
                    new ConcurrentMessageListenerContainer<>(consumerFactory, properties);
            container.setConcurrency(subscription.concurrency());
            container.setCommonErrorHandler(subscription.errorHandler());
            container.setBeanName("orderflow-" + subscription.groupId());
            container.setApplicationContext(context);
            container.setApplicationEventPublisher(context);
            container.start();
            containers.add(container);
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        containers.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether every container has its partitions (for tests and readiness). */
    public boolean isAssigned() {
        return running
                && containers.stream().allMatch(c -> !c.getAssignedPartitions().isEmpty());
    }

    public List<ConcurrentMessageListenerContainer<String, byte[]>> containers() {
        return List.copyOf(containers);
    }
}
