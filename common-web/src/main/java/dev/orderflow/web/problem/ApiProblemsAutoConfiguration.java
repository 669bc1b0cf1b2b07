package dev.orderflow.web.problem;

import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** Every error of a servlet service's API as RFC 9457 problem details with {@code instance} and {@code traceId}. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class ApiProblemsAutoConfiguration {

    @Bean
    ProblemEnrichment orderflowProblemEnrichment(ObjectProvider<Tracer> tracer) {
        return new ProblemEnrichment(tracer);
    }
}
