package dev.orderflow.testsupport;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.util.ClassUtils;

/**
 * Makes every MockMvc request of a test context carry the tests' client token (every scope), the way a real client
 * carries its token; a request that sets its own {@code Authorization} header keeps it. Tests of authentication itself
 * talk to the service over real HTTP, where no default applies.
 */
final class TestBearerToken {

    private static final String CUSTOMIZER =
            "org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer";

    private TestBearerToken() {}

    static void register(ConfigurableApplicationContext context, TestIdentityProvider identity) {
        if (!ClassUtils.isPresent(CUSTOMIZER, TestBearerToken.class.getClassLoader())) {
            return;
        }
        context.getBeanFactory().registerSingleton("orderflowTestBearerToken", Customizer.of(identity));
    }

    /** Separate, so this class loads without MockMvc on the class path. */
    private static final class Customizer {
        static Object of(TestIdentityProvider identity) {
            String header = "Bearer " + identity.clientToken();
            return (org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer) builder ->
                    builder.defaultRequest(MockMvcRequestBuilders.get("/").header(HttpHeaders.AUTHORIZATION, header));
        }
    }
}
