package dev.orderflow.order.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Load shedding applies to the order API, not to the operations endpoints (health must answer under load). */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final LoadShedding loadShedding;

    WebConfiguration(LoadShedding loadShedding) {
        this.loadShedding = loadShedding;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(loadShedding).addPathPatterns("/api/**");
    }
}
