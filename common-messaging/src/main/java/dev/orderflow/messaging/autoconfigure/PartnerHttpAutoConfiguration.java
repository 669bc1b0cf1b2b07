package dev.orderflow.messaging.autoconfigure;

import dev.orderflow.messaging.partner.PartnerHttp;
import java.net.http.HttpClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/**
 * How every partner HTTP client is built, on Boot's own {@code RestClient} and HTTP service clients: base URLs and
 * time-outs from {@code spring.http.serviceclient.<partner>.*}, observed like every Boot client
 * ({@code http.client.requests}), HTTP/1.1, and JSON with the events' mapping (money as plain decimal strings) or raw
 * bytes (a signed webhook body goes out exactly as it was signed).
 */
@AutoConfiguration(
        beforeName = "org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration")
@ConditionalOnClass({RestClient.class, JdkClientHttpRequestFactoryBuilder.class})
public final class PartnerHttpAutoConfiguration {

    /** HTTP/1.1: partners are plain HTTP/1.1 services; no h2c upgrade attempt on every new connection. */
    @Bean
    ClientHttpRequestFactoryBuilderCustomizer<JdkClientHttpRequestFactoryBuilder> orderflowPartnerHttpVersion() {
        return builder -> builder.withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1));
    }

    /** Every HTTP service group of an Orderflow service is a partner: the partner message converters for each. */
    @Bean
    RestClientHttpServiceGroupConfigurer orderflowPartnerJson() {
        return groups -> groups.forEachClient((group, builder) -> builder.messageConverters(converters -> {
            converters.clear();
            converters.addAll(PartnerHttp.messageConverters());
        }));
    }
}
