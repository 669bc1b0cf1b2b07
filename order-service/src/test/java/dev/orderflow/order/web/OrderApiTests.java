package dev.orderflow.order.web;

import static dev.orderflow.order.support.OrderTestKit.customer;
import static dev.orderflow.order.support.OrderTestKit.lines;
import static dev.orderflow.order.support.OrderTestKit.orderBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.order.support.OrderServiceIntegrationTest;
import dev.orderflow.order.support.OrderTestKit;
import dev.orderflow.order.support.SagaEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** The order API's successful answers and its 404/409 answers (validation: {@link OrderValidationTests}). */
@OrderServiceIntegrationTest
class OrderApiTests {

    private final MockMvc mvc;
    private final OrderTestKit kit;

    OrderApiTests(MockMvc mvc, OrderTestKit kit) {
        this.mvc = mvc;
        this.kit = kit;
    }

    @Test
    void placingAnOrderAnswers202WithItsLocationAndThePendingUnpricedOrder() throws Exception {
        String customerId = customer("api-place");

        MvcResult result = mvc.perform(post("/api/orders")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(orderBody(customerId, lines("SKU-1", 2, "SKU-2", 1))))
                .andExpect(status().isAccepted())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.cancellationReason").value(nullValue()))
                .andExpect(jsonPath("$.customerId").value(customerId))
                .andExpect(jsonPath("$.items[0].sku").value("SKU-1"))
                .andExpect(jsonPath("$.items[0].quantity").value(2))
                .andExpect(jsonPath("$.items[0].unitPrice").value(nullValue()))
                .andExpect(jsonPath("$.items[1].sku").value("SKU-2"))
                .andExpect(jsonPath("$.total").value(nullValue()))
                .andExpect(jsonPath("$.currency").value(nullValue()))
                .andExpect(jsonPath("$.timeline.length()").value(1))
                .andExpect(jsonPath("$.timeline[0].status").value("PENDING"))
                .andExpect(jsonPath("$.timeline[0].event").value("OrderPlaced"))
                .andExpect(jsonPath("$.customerEmail").doesNotExist())
                .andExpect(jsonPath("$.shippingAddress").doesNotExist())
                .andReturn();

        JsonNode body = kit.readJson(result);
        String id = body.get("id").asString();
        assertThat(result.getResponse().getHeader("Location")).isEqualTo("/api/orders/" + id);
        assertThat(body.get("createdAt").asString())
                .isEqualTo(body.get("updatedAt").asString());
        assertThat(body.get("timeline").get(0).get("at").asString())
                .isEqualTo(body.get("createdAt").asString());
    }

    @Test
    void orderViewShowsPricesTotalAndTimelineOnceStockIsReserved() throws Exception {
        UUID id = kit.place(customer("api-view"));
        kit.inject(SagaEvents.stockReserved(id));
        kit.awaitTimeline(id, "StockReserved");

        mvc.perform(get("/api/orders/{id}", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id.toString()))
                .andExpect(jsonPath("$.status").value("STOCK_RESERVED"))
                .andExpect(jsonPath("$.items[0].unitPrice").value("12.50"))
                .andExpect(jsonPath("$.items[1].unitPrice").value("5.00"))
                .andExpect(jsonPath("$.total").value("30.00"))
                .andExpect(jsonPath("$.currency").value("EUR"))
                .andExpect(jsonPath("$.timeline[1].status").value("STOCK_RESERVED"))
                .andExpect(jsonPath("$.timeline[1].event").value("StockReserved"))
                .andExpect(jsonPath("$.timeline[1].at").isString());
    }

    @Test
    void unknownOrderIsA404Problem() throws Exception {
        UUID unknown = UUID.randomUUID();

        mvc.perform(get("/api/orders/{id}", unknown))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Order not found"))
                .andExpect(jsonPath("$.detail").value("Order " + unknown + " does not exist"))
                .andExpect(jsonPath("$.instance").value("/api/orders/" + unknown));
    }

    @Test
    void malformedOrderIdIsA400Problem() throws Exception {
        mvc.perform(get("/api/orders/{id}", "not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("id must be a UUID"));
        mvc.perform(post("/api/orders/{id}/cancel", "42"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("id must be a UUID"));
    }

    @Test
    void listingIsPagedNewestFirstInSpringDatasPageShape() throws Exception {
        String customerId = customer("api-list");
        List<UUID> placed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            placed.add(kit.place(customerId));
        }

        mvc.perform(get("/api/orders").param("customerId", customerId).param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content.length()").value(2))
                .andExpect(jsonPath("$.content[0].id").value(placed.get(2).toString()))
                .andExpect(jsonPath("$.content[1].id").value(placed.get(1).toString()))
                .andExpect(jsonPath("$.content[0].timeline").isArray())
                .andExpect(jsonPath("$.page.number").value(0))
                .andExpect(jsonPath("$.page.size").value(2))
                .andExpect(jsonPath("$.page.totalElements").value(3))
                .andExpect(jsonPath("$.page.totalPages").value(2));
        mvc.perform(get("/api/orders")
                        .param("customerId", customerId)
                        .param("size", "2")
                        .param("page", "1"))
                .andExpect(jsonPath("$.content.length()").value(1))
                .andExpect(jsonPath("$.content[0].id").value(placed.get(0).toString()))
                .andExpect(jsonPath("$.page.number").value(1));
    }

    @Test
    void listingDefaultsTo20AndClampsLargerSizesTo100() throws Exception {
        mvc.perform(get("/api/orders"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page.size").value(20))
                .andExpect(jsonPath("$.page.number").value(0));
        mvc.perform(get("/api/orders").param("size", "1000"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page.size").value(100));
    }

    @Test
    void listingFiltersByStatus() throws Exception {
        String customerId = customer("api-status");
        UUID pending = kit.place(customerId);
        UUID cancelled = kit.place(customerId);
        mvc.perform(post("/api/orders/{id}/cancel", cancelled)).andExpect(status().isAccepted());

        mvc.perform(get("/api/orders").param("customerId", customerId).param("status", "CANCELLED"))
                .andExpect(jsonPath("$.content.length()").value(1))
                .andExpect(jsonPath("$.content[0].id").value(cancelled.toString()))
                .andExpect(jsonPath("$.content[0].cancellationReason").value("CUSTOMER_CANCELLED"));
        mvc.perform(get("/api/orders").param("customerId", customerId).param("status", "PENDING"))
                .andExpect(jsonPath("$.content.length()").value(1))
                .andExpect(jsonPath("$.content[0].id").value(pending.toString()));
    }

    @Test
    void invalidListingParametersAre400Problems() throws Exception {
        mvc.perform(get("/api/orders").param("status", "SHIPPED"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value("status must be one of PENDING, STOCK_RESERVED, PAID, COMPLETED, CANCELLED"));
        mvc.perform(get("/api/orders").param("page", "-1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
        mvc.perform(get("/api/orders").param("size", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    @Test
    void cancellingAnOrderInFlightAnswers202AndCancelsIt() throws Exception {
        UUID id = kit.place(customer("api-cancel"));

        mvc.perform(post("/api/orders/{id}/cancel", id))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.cancellationReason").value("CUSTOMER_CANCELLED"))
                .andExpect(jsonPath("$.timeline[1].event").value("CancellationRequested"));
    }

    @Test
    void cancellingAFinalOrderIsA409Problem() throws Exception {
        UUID cancelled = kit.place(customer("api-cancel-twice"));
        mvc.perform(post("/api/orders/{id}/cancel", cancelled)).andExpect(status().isAccepted());
        UUID completed = kit.place(customer("api-cancel-completed"));
        kit.complete(completed);

        mvc.perform(post("/api/orders/{id}/cancel", cancelled))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(409))
                .andExpect(jsonPath("$.detail")
                        .value("Order " + cancelled + " is CANCELLED and can no longer be cancelled"));
        mvc.perform(post("/api/orders/{id}/cancel", completed))
                .andExpect(status().isConflict())
                .andExpect(header().doesNotExist("Location"))
                .andExpect(jsonPath("$.detail")
                        .value("Order " + completed + " is COMPLETED and can no longer be cancelled"));
        assertThat(kit.order(completed).status().name()).isEqualTo("COMPLETED");
    }

    @Test
    void cancellingAnUnknownOrderIsA404Problem() throws Exception {
        mvc.perform(post("/api/orders/{id}/cancel", UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
