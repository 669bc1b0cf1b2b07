package dev.orderflow.web.problem;

import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of a servlet service's API as RFC 9457 problem details with {@code instance} and {@code traceId}: one
 * {@link ApiProblems} for every service, in place of Spring Boot's plainer {@code ProblemDetailsExceptionHandler}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class ApiProblemsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
    ApiProblems orderflowApiProblems() {
        return new ApiProblems();
    }

    @Bean
    ProblemEnrichment orderflowProblemEnrichment(ObjectProvider<Tracer> tracer) {
        return new ProblemEnrichment(tracer);
    }
}
