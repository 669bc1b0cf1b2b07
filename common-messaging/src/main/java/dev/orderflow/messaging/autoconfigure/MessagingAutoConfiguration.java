package dev.orderflow.messaging.autoconfigure;

import dev.orderflow.events.Producer;
import dev.orderflow.events.Topics;
import dev.orderflow.messaging.EventHandlers;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.deadletter.DeadLetterController;
import dev.orderflow.messaging.deadletter.DeadLetterRecorder;
import dev.orderflow.messaging.deadletter.DeadLetterStore;
import dev.orderflow.messaging.deadletter.DeadLetters;
import dev.orderflow.messaging.health.KafkaHealthIndicator;
import dev.orderflow.messaging.housekeeping.MessagingHousekeeping;
import dev.orderflow.messaging.housekeeping.RetentionCleanup;
import dev.orderflow.messaging.inbox.ConsumerErrorHandling;
import dev.orderflow.messaging.inbox.ConsumerLag;
import dev.orderflow.messaging.inbox.ConsumerMetrics;
import dev.orderflow.messaging.inbox.EventConsumers;
import dev.orderflow.messaging.inbox.EventDispatcher;
import dev.orderflow.messaging.inbox.Inbox;
import dev.orderflow.messaging.incident.CompensationIncidents;
import dev.orderflow.messaging.incident.CompensationRetry;
import dev.orderflow.messaging.incident.IncidentController;
import dev.orderflow.messaging.outbox.OutboxBacklog;
import dev.orderflow.messaging.outbox.OutboxConfiguration;
import dev.orderflow.messaging.partner.PartnerActions;
import dev.orderflow.messaging.partner.PartnerWork;
import dev.orderflow.messaging.tracing.MicrometerTracePropagation;
import dev.orderflow.messaging.tracing.OrderIdSpans;
import dev.orderflow.messaging.tracing.TraceContextPropagation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reliable messaging for an Orderflow service: outbox and relay, inbox-backed consumers for every
 * {@link EventHandlers} bean, classified error handling with per-group dead-letter topics, the dead-letter admin API,
 * retention clean-up and metrics. A service declares what it handles; everything else is here.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnClass({KafkaTemplate.class, JdbcClient.class})
@EnableConfigurationProperties(MessagingProperties.class)
@Import(OutboxConfiguration.class)
public final class MessagingAutoConfiguration {

    /**
     * The messaging tables are migrated first: they are the platform's foundation, and a service's own migration may
     * build on them (moving its in-flight partner calls into {@code partner_work}, for instance).
     */
    @Bean
    MessagingSchema orderflowMessagingSchema(DataSource dataSource) {
        return new MessagingSchema(dataSource);
    }

    /** The service's own migration runs once the messaging tables exist. */
    @Bean
    @ConditionalOnClass(name = "org.flywaydb.core.Flyway")
    @ConditionalOnMissingBean
    FlywayMigrationStrategy orderflowMigrationAfterMessagingSchema(MessagingSchema schema) {
        return Flyway::migrate;
    }

    /**
     * A new database already holds the messaging tables when the service's migration first runs: it starts from an
     * empty baseline instead of refusing a schema it did not create.
     */
    @Bean
    @ConditionalOnClass(name = "org.flywaydb.core.Flyway")
    FlywayConfigurationCustomizer orderflowBaselineBesideMessagingSchema() {
        return configuration -> configuration.baselineOnMigrate(true).baselineVersion("0");
    }

    @Bean
    @ConditionalOnMissingBean
    Clock orderflowClock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    JdbcClient orderflowJdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    @Bean
    TraceContextPropagation orderflowTracePropagation(
            ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer t = tracer.getIfUnique();
        Propagator p = propagator.getIfUnique();
        if (t == null || p == null || t == Tracer.NOOP) {
            return TraceContextPropagation.passThrough();
        }
        return new MicrometerTracePropagation(t, p);
    }

    /**
     * The producer of the relay and the dead-letter recoverer: idempotent, acks=all, bounded waits when Kafka is down.
     * Not observed: the relay carries the trace context itself (see {@link TraceContextPropagation}).
     */
    @Bean
    KafkaTemplate<String, byte[]> orderflowKafkaTemplate(ProducerFactory<?, ?> producerFactory) {
        return new KafkaTemplate<>(KafkaClientSettings.producerFactory(producerFactory));
    }

    /**
     * Kafka's state in {@code /actuator/health} and {@code orderflow_kafka_reachable}, never in readiness (see
     * orderflow-messaging-defaults.properties): orders are accepted into the outbox while the broker is away.
     */
    @Bean(name = "kafkaHealthIndicator")
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
        return new KafkaHealthIndicator(admin.getConfigurationProperties(), Duration.ofSeconds(3));
    }

    @Bean
    ConsumerMetrics orderflowConsumerMetrics(MeterRegistry registry) {
        return new ConsumerMetrics(registry);
    }

    @Bean
    Inbox orderflowInbox(MessagingSchema schema, JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        return new Inbox(jdbc, new TransactionTemplate(transactionManager));
    }

    @Bean
    EventDispatchers orderflowEventDispatchers(
            ObjectProvider<EventHandlers> handlers,
            Inbox inbox,
            ObjectProvider<Validator> validator,
            ConsumerMetrics metrics,
            TraceContextPropagation tracing,
            MessagingProperties properties) {
        Validator v = validator.getIfAvailable(
                () -> Validation.buildDefaultValidatorFactory().getValidator());
        Map<String, EventDispatcher> byGroup = new LinkedHashMap<>();
        handlers.orderedStream().forEach(h -> {
            if (byGroup.put(
                            h.consumerGroup(),
                            new EventDispatcher(h, inbox, v, metrics, tracing, properties.topicNames()))
                    != null) {
                throw new IllegalStateException("Two EventHandlers beans declare consumer group " + h.consumerGroup());
            }
        });
        return new EventDispatchers(byGroup);
    }

    @Bean
    DeadLetterStore orderflowDeadLetterStore(
            MessagingSchema schema, JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        return new DeadLetterStore(jdbc, clock, meters);
    }

    @Bean
    DeadLetters orderflowDeadLetters(DeadLetterStore store, EventDispatchers dispatchers) {
        return new DeadLetters(store, dispatchers.byGroup());
    }

    /**
     * Containers from Spring Boot's listener container factory, so {@code spring.kafka.listener.*} and
     * {@code spring.kafka.consumer.*} apply; Orderflow lays its guarantees over them (ADR 0009).
     */
    @Bean
    @SuppressWarnings("unchecked")
    EventConsumers orderflowEventConsumers(
            ObjectProvider<EventHandlers> handlers,
            EventDispatchers dispatchers,
            DeadLetterStore deadLetterStore,
            ConcurrentKafkaListenerContainerFactory<?, ?> kafkaListenerContainerFactory,
            KafkaTemplate<String, byte[]> orderflowKafkaTemplate,
            ConsumerMetrics metrics,
            MessagingProperties properties,
            Environment environment,
            Clock clock,
            ObjectProvider<ObservationRegistry> observationRegistry) {
        RemovedProperties.failIfSet(environment);
        MessagingProperties.Consumer settings = properties.consumer();
        List<EventConsumers.Subscription> subscriptions = new ArrayList<>();
        handlers.orderedStream().forEach(h -> {
            String group = h.consumerGroup();
            List<String> topics = topicsOf(h, properties.topicNames());
            EventDispatcher dispatcher = dispatchers.byGroup().get(group);
            // Kafka group ids carry the topic prefix too, so deployments sharing a cluster never share a group.
            String groupId = properties.topicPrefix() + group;
            metrics.expectDeadLetters(group, topics);
            subscriptions.add(EventConsumers.Subscription.batches(
                    groupId,
                    topics,
                    dispatcher::dispatchBatch,
                    ConsumerErrorHandling.create(group, orderflowKafkaTemplate, settings, metrics)));
            if (settings.recordDeadLetters()) {
                // Dead letters are rare: one consumer per group records them, whatever the listener concurrency.
                DeadLetterRecorder recorder = new DeadLetterRecorder(deadLetterStore, group, clock);
                subscriptions.add(EventConsumers.Subscription.records(
                        groupId + ".dead-letters",
                        topics.stream().map(t -> Topics.deadLetter(t, group)).toList(),
                        recorder::record,
                        ConsumerErrorHandling.forRecorder(settings),
                        1));
            }
        });
        // The factory's consumer factory is the application's; the containers read keys and values as Orderflow's
        // deserializers produce them (ConsumerSettings.GUARANTEES).
        return new EventConsumers(
                (ConcurrentKafkaListenerContainerFactory<String, byte[]>) kafkaListenerContainerFactory,
                subscriptions,
                new EventConsumers.ObservationSettings(
                        properties.observationEnabled(),
                        observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP)));
    }

    /** Every consuming group's lag as the broker sees it, dead-letter recorders included. */
    @Bean
    ConsumerLag orderflowConsumerLag(
            ObjectProvider<EventHandlers> handlers,
            MessagingProperties properties,
            KafkaAdmin admin,
            MeterRegistry registry) {
        List<ConsumerLag.Watched> watched = new ArrayList<>();
        handlers.orderedStream().forEach(h -> {
            List<String> topics = topicsOf(h, properties.topicNames());
            String groupId = properties.topicPrefix() + h.consumerGroup();
            watched.add(new ConsumerLag.Watched(h.consumerGroup(), groupId, topics));
            if (properties.consumer().recordDeadLetters()) {
                watched.add(new ConsumerLag.Watched(
                        h.consumerGroup() + ".dead-letters",
                        groupId + ".dead-letters",
                        topics.stream()
                                .map(t -> Topics.deadLetter(t, h.consumerGroup()))
                                .toList()));
            }
        });
        return new ConsumerLag(admin.getConfigurationProperties(), watched, registry);
    }

    /** Declares the saga topics and this service's dead-letter topics so consumers never wait for them. */
    @Bean
    @ConditionalOnBooleanProperty(name = "orderflow.messaging.topics.create", matchIfMissing = true)
    KafkaAdmin.NewTopics orderflowTopics(ObjectProvider<EventHandlers> handlers, MessagingProperties properties) {
        Topics names = properties.topicNames();
        MessagingProperties.TopicSettings settings = properties.topics();
        List<NewTopic> topics = new ArrayList<>();
        for (Producer producer : Producer.values()) {
            topics.add(new NewTopic(names.of(producer), settings.partitions(), settings.replicationFactor()));
        }
        handlers.orderedStream()
                .forEach(h -> topicsOf(h, names)
                        .forEach(t -> topics.add(new NewTopic(
                                Topics.deadLetter(t, h.consumerGroup()),
                                settings.partitions(),
                                settings.replicationFactor()))));
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    RetentionCleanup orderflowRetentionCleanup(
            MessagingSchema schema, JdbcClient jdbc, MessagingProperties properties, Clock clock) {
        return new RetentionCleanup(jdbc, properties.retention(), clock);
    }

    /** Compensations that keep failing: any saga participant that compensates through a partner records them here. */
    @Bean
    CompensationIncidents orderflowCompensationIncidents(
            MessagingSchema schema, JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        return new CompensationIncidents(jdbc, clock, meters);
    }

    /** The periodic passes, on a TaskScheduler of their own built by Boot's builder (spring.task.scheduling.*). */
    @Bean
    MessagingHousekeeping orderflowHousekeeping(
            OutboxBacklog backlog,
            DeadLetterStore deadLetters,
            RetentionCleanup cleanup,
            ConsumerLag lag,
            ObjectProvider<KafkaHealthIndicator> kafkaHealth,
            MessagingProperties properties,
            ObjectProvider<ThreadPoolTaskSchedulerBuilder> schedulerBuilder) {
        Duration cleanupInterval = properties.retention().cleanupInterval();
        Duration lagInterval = properties.consumer().lagInterval();
        List<MessagingHousekeeping.Task> tasks = new ArrayList<>(List.of(
                new MessagingHousekeeping.Task(
                        "sample the outbox backlog",
                        backlog::refresh,
                        Duration.ZERO,
                        properties.relay().metricsInterval()),
                new MessagingHousekeeping.Task(
                        "sample the pending dead letters", deadLetters::refreshPending, Duration.ZERO, lagInterval),
                new MessagingHousekeeping.Task(
                        "clean up messaging tables", cleanup::run, cleanupInterval, cleanupInterval),
                new MessagingHousekeeping.Task("read the consumer lag", lag::refresh, Duration.ZERO, lagInterval)));
        kafkaHealth.ifAvailable(kafka -> tasks.add(new MessagingHousekeeping.Task(
                "check that Kafka is reachable", () -> kafka.health(false), Duration.ZERO, lagInterval)));
        return new MessagingHousekeeping(schedulerBuilder.getIfAvailable(ThreadPoolTaskSchedulerBuilder::new), tasks);
    }

    /** Partner work (ADR 0010), in every service that declares {@link PartnerActions}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(PartnerActions.class)
    static class PartnerWorkConfiguration {

        @Bean
        PartnerWork orderflowPartnerWork(
                MessagingSchema schema,
                JdbcClient jdbc,
                ObjectProvider<PartnerActions> actions,
                PlatformTransactionManager transactionManager,
                CompensationIncidents incidents,
                MessagingProperties properties,
                Clock clock,
                TraceContextPropagation tracing,
                MeterRegistry meters) {
            return PartnerWork.create(
                    jdbc,
                    () -> actions.orderedStream()
                            .flatMap(declared -> declared.actions().stream())
                            .toList(),
                    new TransactionTemplate(transactionManager),
                    incidents,
                    properties.partnerWork(),
                    clock,
                    tracing,
                    meters);
        }
    }

    private static List<String> topicsOf(EventHandlers handlers, Topics names) {
        return handlers.producers().stream().map(names::of).toList();
    }

    /** {@code order.id} on every span of an order's trace (when the application traces with OpenTelemetry). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.opentelemetry.sdk.trace.SpanProcessor")
    static class OrderIdSpansConfiguration {

        @Bean
        OrderIdSpans orderflowOrderIdSpans() {
            return new OrderIdSpans();
        }
    }

    /**
     * The admin APIs, in every service that serves HTTP; common-web guards them ({@code /api/admin/**} needs
     * {@code orders:admin}) and answers their errors as problem details.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
    static class DeadLetterWebConfiguration {

        @Bean
        DeadLetterController orderflowDeadLetterController(DeadLetters deadLetters) {
            return new DeadLetterController(deadLetters);
        }

        /**
         * The incident admin API, in the services whose partner work can run a compensation again ({@link
         * CompensationRetry}, implemented by partner work).
         */
        @Bean
        @ConditionalOnBean(PartnerActions.class)
        IncidentController orderflowIncidentController(CompensationIncidents incidents, CompensationRetry retry) {
            return new IncidentController(incidents, retry);
        }
    }

    /** The dispatchers of this service's consumer groups, by group. */
    public record EventDispatchers(Map<String, EventDispatcher> byGroup) {

        public EventDispatchers {
            byGroup = Map.copyOf(byGroup);
        }
    }
}
