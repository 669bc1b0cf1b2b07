package dev.orderflow.order.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document served at {@code /v3/api-docs} and committed as {@code openapi/order-service.json}. The server
 * is relative, so the document is the same wherever it is served.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {

    private static final String BEARER = "bearer";

    @Bean
    OpenAPI orderServiceOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Orderflow order-service API")
                        .version("v1")
                        .description("Place orders and follow them through the Orderflow saga. Errors are RFC 9457"
                                + " problem details (application/problem+json) with the request's traceId."))
                .servers(List.of(new Server().url("/").description("This service")))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("An OAuth2 access token of the configured identity provider"
                                                + " (SECURITY.md): orders:write to place and cancel, orders:read to"
                                                + " read, orders:admin for /api/admin. A customer's token sees only"
                                                + " that customer's orders.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
