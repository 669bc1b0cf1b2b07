package dev.orderflow.shipping.carrier;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CarrierProperties.class)
class CarrierConfiguration {

    @Bean
    Carrier carrier(CarrierProperties properties, ObjectProvider<ObservationRegistry> observations) {
        return Carrier.create(properties, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
