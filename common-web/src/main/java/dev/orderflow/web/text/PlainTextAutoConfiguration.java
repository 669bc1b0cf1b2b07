package dev.orderflow.web.text;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every API takes plain text only ({@link PlainText}), in one place for all of them: the JSON converter that reads
 * request bodies refuses a string that is not, and an interceptor checks query parameters and path variables. Only the
 * server side: the application's {@link JsonMapper} stays as it is for everything else (partner answers, stored
 * responses), which clean or trust text by their own rules.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class PlainTextAutoConfiguration {

    @Bean
    WebMvcConfigurer orderflowPlainText(ObjectProvider<JsonMapper> json) {
        return new PlainTextConfigurer(json);
    }

    /** Last of the MVC configurers, so its JSON converter is the one Spring Boot's configurer set before it. */
    private static final class PlainTextConfigurer implements WebMvcConfigurer, Ordered {

        private final ObjectProvider<JsonMapper> json;

        PlainTextConfigurer(ObjectProvider<JsonMapper> json) {
            this.json = json;
        }

        @Override
        public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
            JsonMapper base = json.getIfAvailable(JsonMapper::new);
            SimpleModule plainText = new SimpleModule("orderflow-plain-text");
            plainText.addDeserializer(String.class, new PlainTextDeserializer());
            builder.withJsonConverter(new JacksonJsonHttpMessageConverter(
                    base.rebuild().addModule(plainText).build()));
        }

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new PlainTextParameters());
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
