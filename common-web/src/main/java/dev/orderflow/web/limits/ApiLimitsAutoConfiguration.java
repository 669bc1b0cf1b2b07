package dev.orderflow.web.limits;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The limits of a servlet service's API, as each service sets them ({@code orderflow.api.*}): a request body limit and
 * load shedding, both off unless configured.
 */
@AutoConfiguration(
        afterName = {
            "io.github.resilience4j.springboot.bulkhead.autoconfigure.BulkheadAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ApiLimitsProperties.class)
public final class ApiLimitsAutoConfiguration {

    @Bean
    @ConditionalOnProperty("orderflow.api.max-request-body")
    RequestBodyLimit orderflowRequestBodyLimit(ApiLimitsProperties properties) {
        return new RequestBodyLimit(properties.maxRequestBody());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("orderflow.api.load-shedding.enabled")
    static class LoadSheddingConfiguration {

        @Bean
        LoadShedding orderflowLoadShedding(
                ApiLimitsProperties properties, BulkheadRegistry bulkheads, MeterRegistry meters) {
            return new LoadShedding(properties.loadShedding(), bulkheads, meters);
        }

        /** On the API's paths only: the operations endpoints (health above all) must answer under load. */
        @Bean
        WebMvcConfigurer orderflowLoadSheddingPaths(LoadShedding loadShedding, ApiLimitsProperties properties) {
            return new WebMvcConfigurer() {
                @Override
                public void addInterceptors(InterceptorRegistry registry) {
                    registry.addInterceptor(loadShedding)
                            .addPathPatterns(properties.loadShedding().paths());
                }
            };
        }
    }
}
