package dev.orderflow.web.support;

import dev.orderflow.testsupport.TestIdentityProvider;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points the resource server at the JVM's test identity provider, whose tokens the tests carry. */
class TrustTestIdentityProvider implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "testIdentityProvider", TestIdentityProvider.shared().resourceServerProperties()));
    }
}
