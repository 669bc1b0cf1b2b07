package dev.orderflow.messaging.outbox;

import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.autoconfigure.MessagingSchema;
import dev.orderflow.messaging.tracing.TraceContextPropagation;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/** The outbox writer, the relay and their metrics. */
@Configuration(proxyBeanMethods = false)
public class OutboxConfiguration {

    @Bean
    RelaySignal orderflowRelaySignal() {
        return new RelaySignal();
    }

    @Bean
    Outbox orderflowOutbox(
            MessagingSchema schema,
            JdbcClient jdbc,
            MessagingProperties properties,
            Clock clock,
            TraceContextPropagation tracing,
            RelaySignal signal,
            ObjectProvider<OutboxRelay> relay) {
        return new JdbcOutbox(jdbc, properties.topicNames(), clock, tracing, signal, () -> {
            OutboxRelay local = relay.getIfAvailable();
            return local != null && local.isLeader();
        });
    }

    @Bean
    RelayMetrics orderflowRelayMetrics(MeterRegistry registry) {
        return new RelayMetrics(registry);
    }

    @Bean
    OutboxBacklog orderflowOutboxBacklog(MessagingSchema schema, JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        return new OutboxBacklog(jdbc, clock, registry);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "orderflow.messaging.relay.enabled", matchIfMissing = true)
    OutboxRelay orderflowOutboxRelay(
            MessagingSchema schema,
            DataSource dataSource,
            RelaySignal signal,
            KafkaTemplate<String, byte[]> orderflowKafkaTemplate,
            TraceContextPropagation tracing,
            RelayMetrics metrics,
            MessagingProperties properties,
            Clock clock) {
        OutboxPublisher publisher = new OutboxPublisher(
                orderflowKafkaTemplate, tracing, properties.relay().sendTimeout());
        return new OutboxRelay(
                "orderflow-outbox-relay", dataSource, signal, publisher, metrics, properties.relay(), clock);
    }
}
