package dev.orderflow.order;

import static dev.orderflow.order.support.OrderTestKit.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.SagaEvent;
import dev.orderflow.order.support.OrderServiceIntegrationTest;
import dev.orderflow.order.support.OrderTestKit;
import dev.orderflow.order.support.OrderTestKit.Published;
import dev.orderflow.order.support.SagaEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Order-service consumes inventory's, payment's and shipping's topics separately, so a lagging topic delivers a step
 * after the steps that follow it. Each event here is handled before the next is sent, in the order the test names, and
 * after each one the client's view must have the facts its status implies and list the saga's steps in saga order.
 */
@OrderServiceIntegrationTest
class EventsDeliveredInTheWorstOrderTests {

    private static final List<String> SAGA_STEPS = List.of("StockReserved", "PaymentAuthorized", "ShipmentScheduled");
    private static final Map<String, Function<UUID, SagaEvent>> EVENTS = Map.of(
            "StockReserved", SagaEvents::stockReserved,
            "PaymentAuthorized", SagaEvents::paymentAuthorized,
            "ShipmentScheduled", SagaEvents::shipmentScheduled,
            "PaymentDeclined", SagaEvents::paymentDeclined,
            "ShipmentFailed", SagaEvents::shipmentFailed);

    private final OrderTestKit kit;
    private final MockMvc mvc;

    EventsDeliveredInTheWorstOrderTests(OrderTestKit kit, MockMvc mvc) {
        this.kit = kit;
        this.mvc = mvc;
    }

    @ParameterizedTest(name = "delivered {0}")
    @ValueSource(
            strings = {
                "StockReserved,PaymentAuthorized,ShipmentScheduled",
                "StockReserved,ShipmentScheduled,PaymentAuthorized",
                "PaymentAuthorized,StockReserved,ShipmentScheduled",
                "PaymentAuthorized,ShipmentScheduled,StockReserved",
                "ShipmentScheduled,StockReserved,PaymentAuthorized",
                "ShipmentScheduled,PaymentAuthorized,StockReserved"
            })
    void completedOrderShowsItsPricesAndTotalAndItsStepsInSagaOrderAtTheTimesTheyWereLearned(String delivery)
            throws Exception {
        UUID id = kit.place(customer("worst-order-completed"));
        List<String> delivered = Arrays.asList(delivery.split(","));

        EventEnvelope last = deliverCheckingTheViewAfterEach(id, delivered);

        JsonNode view = view(id);
        assertThat(view.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(view.get("total").asString()).isEqualTo("30.00");
        assertThat(view.get("items").findValuesAsString("unitPrice")).containsExactly("12.50", "5.00");
        assertThat(timeline(view, "event"))
                .containsExactly("OrderPlaced", "StockReserved", "PaymentAuthorized", "ShipmentScheduled");
        assertThat(timeline(view, "status")).containsExactly("PENDING", "STOCK_RESERVED", "PAID", "COMPLETED");
        assertThat(stepsByTimeLearned(view))
                .as("the steps by the time each was learned")
                .isEqualTo(delivered);
        List<Published> completed = kit.published(id, EventTypes.ORDER_COMPLETED.name());
        assertThat(completed).hasSize(1);
        assertThat(completed.getFirst().payload().get("total").asString()).isEqualTo("30.00");
        assertThat(completed.getFirst().causationId())
                .as("caused by the event that completed the facts")
                .isEqualTo(last.id());
    }

    @Test
    void declineDeliveredBeforeTheReservationCancelsThePricedOrderRightAfterIt() throws Exception {
        UUID id = kit.place(customer("worst-order-declined"));

        EventEnvelope reserved = deliverCheckingTheViewAfterEach(id, List.of("PaymentDeclined", "StockReserved"));

        JsonNode view = view(id);
        assertThat(view.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(view.get("cancellationReason").asString()).isEqualTo("PAYMENT_DECLINED");
        assertThat(view.get("total").asString()).isEqualTo("30.00");
        assertThat(timeline(view, "event")).containsExactly("OrderPlaced", "StockReserved", "PaymentDeclined");
        assertThat(timeline(view, "status")).containsExactly("PENDING", "STOCK_RESERVED", "CANCELLED");
        List<Published> cancelled = kit.published(id, EventTypes.ORDER_CANCELLED.name());
        assertThat(cancelled).hasSize(1);
        assertThat(cancelled.getFirst().payload().get("reason").asString()).isEqualTo("PAYMENT_DECLINED");
        assertThat(cancelled.getFirst().causationId()).isEqualTo(reserved.id());
    }

    @Test
    void shipmentFailureDeliveredFirstCancelsOnlyOnceTheReservationAndThePaymentAreApplied() throws Exception {
        UUID id = kit.place(customer("worst-order-ship-failed"));

        deliverCheckingTheViewAfterEach(id, List.of("ShipmentFailed", "PaymentAuthorized", "StockReserved"));

        JsonNode view = view(id);
        assertThat(view.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(view.get("cancellationReason").asString()).isEqualTo("SHIPPING_FAILED");
        assertThat(timeline(view, "event"))
                .containsExactly("OrderPlaced", "StockReserved", "PaymentAuthorized", "ShipmentFailed");
        assertThat(timeline(view, "status")).containsExactly("PENDING", "STOCK_RESERVED", "PAID", "CANCELLED");
        assertThat(kit.published(id, EventTypes.ORDER_CANCELLED.name())).hasSize(1);
        assertThat(kit.published(id, EventTypes.ORDER_COMPLETED.name())).isEmpty();
    }

    @Test
    void customerCancellingAnOrderThatHoldsAnswersCancelsItAndKeepsThemAsHistory() throws Exception {
        UUID id = kit.place(customer("worst-order-cancel"));
        deliverCheckingTheViewAfterEach(id, List.of("ShipmentScheduled"));

        mvc.perform(post("/api/orders/{id}/cancel", id))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(202));

        JsonNode view = view(id);
        assertThat(view.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(view.get("cancellationReason").asString()).isEqualTo("CUSTOMER_CANCELLED");
        assertThat(timeline(view, "event"))
                .containsExactly("OrderPlaced", "CancellationRequested", "ShipmentScheduled");
        assertThat(kit.published(id))
                .extracting(Published::type)
                .containsExactly(EventTypes.ORDER_PLACED.name(), EventTypes.ORDER_CANCELLED.name());
    }

    /** Sends the events one at a time, each handled before the next; returns the last one. */
    private EventEnvelope deliverCheckingTheViewAfterEach(UUID id, List<String> events) throws Exception {
        EventEnvelope sent = null;
        for (String event : events) {
            sent = kit.inject(EVENTS.get(event).apply(id));
            kit.awaitHandled(sent);
            assertViewHasTheFactsOfItsStatus(view(id), "after " + event);
        }
        return sent;
    }

    /** SPEC §2: the view never runs ahead of its facts, and the timeline's steps are in saga order. */
    private static void assertViewHasTheFactsOfItsStatus(JsonNode view, String when) {
        String status = view.get("status").asString();
        List<String> events = timeline(view, "event");
        List<String> statuses = timeline(view, "status");
        if (List.of("STOCK_RESERVED", "PAID", "COMPLETED").contains(status)) {
            assertThat(view.get("total").isNull())
                    .as("%s: %s without its total: %s", when, status, view)
                    .isFalse();
            assertThat(view.get("items").findValues("unitPrice"))
                    .as("%s: %s with unpriced items: %s", when, status, view)
                    .noneMatch(JsonNode::isNull);
        }
        if (List.of("PAID", "COMPLETED").contains(status)) {
            assertThat(events)
                    .as("%s: %s without its payment: %s", when, status, view)
                    .contains("PaymentAuthorized");
        }
        assertThat(statuses.getLast())
                .as("%s: the last entry has the order's status", when)
                .isEqualTo(status);
        List<String> steps = events.stream().filter(SAGA_STEPS::contains).toList();
        assertThat(steps).as("%s: steps in saga order", when).isEqualTo(SAGA_STEPS.subList(0, steps.size()));
    }

    private JsonNode view(UUID id) throws Exception {
        return kit.readJson(mvc.perform(get("/api/orders/{id}", id))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200))
                .andReturn());
    }

    private static List<String> timeline(JsonNode view, String field) {
        List<String> values = new ArrayList<>();
        view.get("timeline").forEach(entry -> values.add(entry.get(field).asString()));
        return values;
    }

    private static List<String> stepsByTimeLearned(JsonNode view) {
        List<JsonNode> steps = new ArrayList<>();
        view.get("timeline").forEach(entry -> {
            if (SAGA_STEPS.contains(entry.get("event").asString())) {
                steps.add(entry);
            }
        });
        return steps.stream()
                .sorted(Comparator.comparing(
                        entry -> Instant.parse(entry.get("at").asString())))
                .map(entry -> entry.get("event").asString())
                .toList();
    }
}
