package dev.orderflow.shipping.carrier;

import dev.orderflow.messaging.partner.PartnerCalls;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CarrierProperties.class)
class CarrierConfiguration {

    /** The partner's name in resilience4j settings and metrics: {@code resilience4j.*.instances.carrier.*}. */
    static final String PARTNER = "carrier";

    @Bean
    Carrier carrier(
            CarrierProperties properties,
            CircuitBreakerRegistry circuitBreakers,
            BulkheadRegistry bulkheads,
            TimeLimiterRegistry timeLimiters,
            ObjectProvider<ObservationRegistry> observations) {
        return Carrier.create(
                properties,
                PartnerCalls.of(PARTNER, circuitBreakers, bulkheads, timeLimiters),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
