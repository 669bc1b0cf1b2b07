package dev.orderflow.payment.provider;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProviderProperties.class)
class ProviderConfiguration {

    @Bean
    PaymentProvider paymentProvider(ProviderProperties properties, ObjectProvider<ObservationRegistry> observations) {
        return PaymentProvider.create(properties, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
