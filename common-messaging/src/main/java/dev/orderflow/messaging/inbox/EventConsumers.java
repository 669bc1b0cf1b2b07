package dev.orderflow.messaging.inbox;

import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.GenericMessageListener;
import org.springframework.kafka.listener.MessageListener;

/**
 * Runs one listener container per consumer group over the topics its handlers read, and one per group over its
 * dead-letter topics that records what arrives there. The containers come from Spring Boot's listener container
 * factory, so {@code spring.kafka.listener.*} and {@code spring.kafka.consumer.*} apply to them; Orderflow sets only what
 * its guarantees rest on ({@link ConsumerSettings}, ADR 0009). Offsets are committed after the listener returns, that is
 * after the inbox transaction committed.
 */
public final class EventConsumers implements SmartLifecycle {

    /**
     * A container to build: a group, its topics and what to do with each record; a {@code null} concurrency is the
     * factory's ({@code spring.kafka.listener.concurrency}).
     */
    public record Subscription(
            String groupId,
            List<String> topics,
            GenericMessageListener<?> listener,
            CommonErrorHandler errorHandler,
            @Nullable Integer concurrency) {

        /** A group's events: a poll's records at once, in one inbox transaction ({@link EventDispatcher}). */
        public static Subscription batches(
                String groupId,
                List<String> topics,
                Consumer<List<ConsumerRecord<String, byte[]>>> listener,
                CommonErrorHandler errorHandler) {
            return new Subscription(
                    groupId, topics, (BatchMessageListener<String, byte[]>) listener::accept, errorHandler, null);
        }

        /** One record at a time (the dead-letter recorders). */
        public static Subscription records(
                String groupId,
                List<String> topics,
                Consumer<ConsumerRecord<String, byte[]>> listener,
                CommonErrorHandler errorHandler,
                int concurrency) {
            return new Subscription(
                    groupId, topics, (MessageListener<String, byte[]>) listener::accept, errorHandler, concurrency);
        }

        boolean isBatch() {
            return listener instanceof BatchMessageListener<?, ?>;
        }
    }

    /** Whether and where the listeners are observed: one trace per order needs them observed (ADR 0005). */
    public record ObservationSettings(boolean enabled, ObservationRegistry registry) {}

    private static final Logger log = LoggerFactory.getLogger(EventConsumers.class);

    private final List<ConcurrentMessageListenerContainer<String, byte[]>> containers;
    private volatile boolean running;

    public EventConsumers(
            ConcurrentKafkaListenerContainerFactory<String, byte[]> factory,
            List<Subscription> subscriptions,
            ObservationSettings observation) {
        Map<String, Object> factoryConfig = factory.getConsumerFactory().getConfigurationProperties();
        List<String> replaced = ConsumerSettings.replaced(factory.getContainerProperties(), factoryConfig);
        if (!replaced.isEmpty()) {
            log.warn("Orderflow's consumers keep their own settings instead of {} (ADR 0009)", replaced);
        }
        this.containers = subscriptions.stream()
                .map(subscription -> create(factory, factoryConfig, subscription, observation))
                .toList();
    }

    private static ConcurrentMessageListenerContainer<String, byte[]> create(
            ConcurrentKafkaListenerContainerFactory<String, byte[]> factory,
            Map<String, Object> factoryConfig,
            Subscription subscription,
            ObservationSettings observation) {
        ConcurrentMessageListenerContainer<String, byte[]> container =
                factory.createContainer(subscription.topics().toArray(String[]::new));
        ContainerProperties properties = container.getContainerProperties();
        properties.setGroupId(subscription.groupId());
        properties.setMessageListener(subscription.listener());
        ConsumerSettings.apply(properties, factoryConfig);
        // A batch's records are traced one by one by the dispatcher, and only when their trace is sampled.
        properties.setObservationEnabled(observation.enabled() && !subscription.isBatch());
        properties.setObservationRegistry(observation.registry());
        properties.setObservationConvention(new OrderIdListenerConvention());
        container.setCommonErrorHandler(subscription.errorHandler());
        if (subscription.concurrency() != null) {
            container.setConcurrency(subscription.concurrency());
        }
        container.setBeanName("orderflow-" + subscription.groupId());
        return container;
    }

    @Override
    public synchronized void start() {
        if (!running) {
            containers.forEach(ConcurrentMessageListenerContainer::start);
            running = true;
        }
    }

    @Override
    public synchronized void stop() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** {@code spring.kafka.listener.auto-startup=false} leaves the consumers to the application to start. */
    @Override
    public boolean isAutoStartup() {
        return containers.stream().allMatch(AbstractMessageListenerContainer::isAutoStartup);
    }

    /** Whether every container has its partitions (for tests and readiness). */
    public boolean isAssigned() {
        return running
                && containers.stream().allMatch(c -> !c.getAssignedPartitions().isEmpty());
    }

    public List<ConcurrentMessageListenerContainer<String, byte[]>> containers() {
        return containers;
    }
}
