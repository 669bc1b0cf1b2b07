package dev.orderflow.payment.provider;

import dev.orderflow.messaging.partner.PartnerCalls;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * The provider's HTTP service client (group {@value ProviderApi#GROUP}: {@code spring.http.serviceclient.provider.*})
 * and its resilience4j guard ({@code resilience4j.*.instances.provider.*}).
 */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = ProviderApi.GROUP, types = ProviderApi.class)
class ProviderConfiguration {

    @Bean
    PaymentProvider paymentProvider(
            ProviderApi api,
            CircuitBreakerRegistry circuitBreakers,
            BulkheadRegistry bulkheads,
            TimeLimiterRegistry timeLimiters) {
        return new PaymentProvider(api, PartnerCalls.of(ProviderApi.GROUP, circuitBreakers, bulkheads, timeLimiters));
    }
}
