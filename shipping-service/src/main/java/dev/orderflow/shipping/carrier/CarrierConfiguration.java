package dev.orderflow.shipping.carrier;

import dev.orderflow.messaging.partner.PartnerCalls;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * The carrier's HTTP service client (group {@value CarrierApi#GROUP}: {@code spring.http.serviceclient.carrier.*}) and
 * its resilience4j guard ({@code resilience4j.*.instances.carrier.*}).
 */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = CarrierApi.GROUP, types = CarrierApi.class)
class CarrierConfiguration {

    @Bean
    Carrier carrier(
            CarrierApi api,
            CircuitBreakerRegistry circuitBreakers,
            BulkheadRegistry bulkheads,
            TimeLimiterRegistry timeLimiters) {
        return new Carrier(api, PartnerCalls.of(CarrierApi.GROUP, circuitBreakers, bulkheads, timeLimiters));
    }
}
