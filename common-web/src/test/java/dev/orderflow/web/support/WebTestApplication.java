package dev.orderflow.web.support;

import dev.orderflow.testsupport.TestIdentityProvider;
import dev.orderflow.web.security.ApiAuthorization;
import dev.orderflow.web.security.Routes;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** A minimal service on common-web: its test endpoints fail in every way an API can. */
@SpringBootApplication
public class WebTestApplication {

    /** Every MockMvc request carries the tests' client token unless it sets its own, as a real client does. */
    @Bean
    MockMvcBuilderCustomizer testBearerToken() {
        String header = "Bearer " + TestIdentityProvider.shared().clientToken();
        return builder ->
                builder.defaultRequest(MockMvcRequestBuilders.get("/").header(HttpHeaders.AUTHORIZATION, header));
    }

    /** The test endpoints need a valid token, each method named: anything else is denied, as in every service. */
    @Bean
    ApiAuthorization testApiAuthorization() {
        return requests -> requests.requestMatchers(
                        Routes.read("/api/test/**"), Routes.post("/api/test/**"), Routes.put("/api/test/**"))
                .authenticated();
    }

    @Bean
    ObservationNames observationNames() {
        return new ObservationNames();
    }
}
