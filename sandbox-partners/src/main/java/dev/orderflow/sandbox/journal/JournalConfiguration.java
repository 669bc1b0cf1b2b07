package dev.orderflow.sandbox.journal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JournalProperties.class)
class JournalConfiguration implements WebMvcConfigurer {

    private final Journal journal;

    JournalConfiguration(Journal journal) {
        this.journal = journal;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PartnerCallInterceptor(journal));
    }
}
