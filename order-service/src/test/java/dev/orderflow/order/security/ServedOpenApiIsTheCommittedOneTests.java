package dev.orderflow.order.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.order.support.OrderServiceIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OWASP API9:2023 Improper Inventory Management. The OpenAPI document the service serves is the one committed in the
 * repository, so no endpoint appears or changes without review; it declares the bearer-token requirement, and the
 * operations endpoints are not part of it.
 * After an intended change, regenerate it: {@code ./mvnw -f order-service/pom.xml verify -Dorderflow.openapi.update=true}.
 */
@OrderServiceIntegrationTest
class ServedOpenApiIsTheCommittedOneTests {

    static final Path COMMITTED = Path.of("src/main/resources/openapi/order-service.json");
    static final String UPDATE = "orderflow.openapi.update";

    private final MockMvc mvc;
    private final JsonMapper json;

    ServedOpenApiIsTheCommittedOneTests(MockMvc mvc, JsonMapper json) {
        this.mvc = mvc;
        this.json = json;
    }

    @Test
    void servedDocumentIsTheCommittedOne() throws Exception {
        JsonNode served = served();
        if (Boolean.getBoolean(UPDATE)) {
            Files.writeString(COMMITTED, json.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n");
        }

        assertThat(COMMITTED)
                .as("committed OpenAPI document; create it with -D%s=true", UPDATE)
                .exists();
        assertThat(served)
                .as(
                        "served /v3/api-docs differs from %s: review the API change, then regenerate with -D%s=true",
                        COMMITTED, UPDATE)
                .isEqualTo(json.readTree(Files.readString(COMMITTED)));
    }

    @Test
    void documentDescribesTheOrderApiAndItsProblems() throws Exception {
        JsonNode document = served();

        JsonNode paths = document.get("paths");
        assertThat(paths.has("/api/orders")).isTrue();
        assertThat(paths.get("/api/orders").has("post")).isTrue();
        assertThat(paths.get("/api/orders").has("get")).isTrue();
        assertThat(paths.get("/api/orders/{id}").has("get")).isTrue();
        assertThat(paths.get("/api/orders/{id}/cancel").has("post")).isTrue();
        JsonNode place = paths.get("/api/orders").get("post");
        assertThat(place.get("responses").propertyNames()).contains("202", "400", "409", "413", "422");
        assertThat(place.get("responses").get("422").get("content").has("application/problem+json"))
                .isTrue();
        assertThat(place.get("parameters").findValuesAsString("name")).contains("Idempotency-Key");
        JsonNode schemas = document.get("components").get("schemas");
        assertThat(schemas.get("PlaceOrderRequest").get("properties").propertyNames())
                .containsExactlyInAnyOrder("customerId", "customerEmail", "items", "shippingAddress");
        assertThat(schemas.get("Order").get("properties").propertyNames())
                .contains("id", "status", "cancellationReason", "items", "total", "currency", "timeline");
    }

    @Test
    void everyOperationNeedsABearerToken() throws Exception {
        JsonNode document = served();

        assertThat(document.at("/components/securitySchemes/bearer/scheme").asString())
                .isEqualTo("bearer");
        assertThat(document.at("/components/securitySchemes/bearer/bearerFormat")
                        .asString())
                .isEqualTo("JWT");
        assertThat(document.get("security").get(0).has("bearer")).isTrue();
    }

    @Test
    void onlyTheApiIsDocumented() throws Exception {
        assertThat(served().get("paths").propertyNames()).allMatch(path -> path.startsWith("/api/"));
    }

    private JsonNode served() throws Exception {
        String body = mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readTree(body);
    }
}
