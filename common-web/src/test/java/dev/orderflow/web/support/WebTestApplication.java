package dev.orderflow.web.support;

import dev.orderflow.testsupport.TestIdentityProvider;
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

    @Bean
    ObservationNames observationNames() {
        return new ObservationNames();
    }
}
