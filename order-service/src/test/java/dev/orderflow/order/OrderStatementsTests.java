package dev.orderflow.order;

import static dev.orderflow.order.support.OrderTestKit.customer;
import static dev.orderflow.order.support.OrderTestKit.lines;
import static dev.orderflow.order.support.OrderTestKit.orderBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.orderflow.events.EventEnvelope;
import dev.orderflow.events.EventType;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.SagaEvent;
import dev.orderflow.messaging.EventContext;
import dev.orderflow.order.support.OrderServiceIntegrationTest;
import dev.orderflow.order.support.OrderTestKit;
import dev.orderflow.order.support.SagaEvents;
import dev.orderflow.order.support.StatementLog;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The round trips order-service makes per order, counted at the JDBC driver: the order's own statements, without the
 * messaging machinery's (outbox, inbox), which common-messaging accounts for. A saga event locks the order's row and
 * writes what changed in one statement, whatever the event; placing an order writes it in one statement.
 */
@OrderServiceIntegrationTest
class OrderStatementsTests {

    private final OrderTestKit kit;
    private final OrderSaga saga;
    private final StatementLog statements;
    private final MockMvc mvc;

    OrderStatementsTests(OrderTestKit kit, OrderSaga saga, StatementLog statements, MockMvc mvc) {
        this.kit = kit;
        this.saga = saga;
        this.statements = statements;
        this.mvc = mvc;
    }

    @Test
    void placingAnOrderUnderAnIdempotencyKeyTakesFiveStatementsOfItsOwnAndOneCommit() {
        String body = orderBody(customer("statements-place"), lines("SKU-1", 2, "SKU-2", 1, "SKU-3", 4));

        List<String> sent = statements.during(() -> {
            try {
                mvc.perform(post("/api/orders")
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                        .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(202));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // Bound the wait for the key, claim it, lift the bound, insert the order, store the response.
        assertThat(own(sent)).as("%s", sent).hasSize(5);
        assertThat(sent).as("%s", sent).containsOnlyOnce(StatementLog.COMMIT);
    }

    @Test
    void stockReservedLocksTheRowWithItsItemsAndWritesPricesRowAndTimelineInOneStatement() {
        UUID id = kit.place(customer("statements-reserved"));

        List<String> sent = handle(EventTypes.STOCK_RESERVED, SagaEvents.stockReserved(id), saga::stockReserved);

        assertThat(own(sent)).as("%s", sent).hasSize(2);
        assertThat(kit.order(id).items()).extracting(OrderItem::unitPrice).doesNotContainNull();
    }

    @Test
    void paymentAuthorizedLocksOnlyTheRowAndWritesOnce() {
        UUID id = reservedOrder("statements-paid");

        List<String> sent =
                handle(EventTypes.PAYMENT_AUTHORIZED, SagaEvents.paymentAuthorized(id), saga::paymentAuthorized);

        assertThat(own(sent)).as("%s", sent).hasSize(2);
        assertThat(kit.order(id).status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void shipmentScheduledLocksOnlyTheRowAndWritesOnceBesidesItsOrderCompleted() {
        UUID id = reservedOrder("statements-completed");
        handle(EventTypes.PAYMENT_AUTHORIZED, SagaEvents.paymentAuthorized(id), saga::paymentAuthorized);

        List<String> sent =
                handle(EventTypes.SHIPMENT_SCHEDULED, SagaEvents.shipmentScheduled(id), saga::shipmentScheduled);

        assertThat(own(sent)).as("%s", sent).hasSize(2);
        assertThat(kit.order(id).status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(kit.published(id, EventTypes.ORDER_COMPLETED.name())).hasSize(1);
    }

    @Test
    void cancellationLocksOnlyTheRowAndWritesOnceBesidesItsOrderCancelled() {
        UUID id = reservedOrder("statements-declined");

        List<String> sent = handle(EventTypes.PAYMENT_DECLINED, SagaEvents.paymentDeclined(id), saga::paymentDeclined);

        assertThat(own(sent)).as("%s", sent).hasSize(2);
        assertThat(kit.order(id).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void answerHeldForTheStepItFollowsLocksOnlyTheRowAndWritesOnce() {
        UUID id = kit.place(customer("statements-held"));

        List<String> sent =
                handle(EventTypes.SHIPMENT_SCHEDULED, SagaEvents.shipmentScheduled(id), saga::shipmentScheduled);

        assertThat(own(sent)).as("%s", sent).hasSize(2);
        assertThat(kit.order(id).status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void reservationThatAppliesHeldAnswersStillLocksOnceAndWritesOnceBesidesItsOrderCompleted() {
        UUID id = kit.place(customer("statements-release"));
        handle(EventTypes.SHIPMENT_SCHEDULED, SagaEvents.shipmentScheduled(id), saga::shipmentScheduled);
        handle(EventTypes.PAYMENT_AUTHORIZED, SagaEvents.paymentAuthorized(id), saga::paymentAuthorized);

        List<String> sent = handle(EventTypes.STOCK_RESERVED, SagaEvents.stockReserved(id), saga::stockReserved);

        assertThat(own(sent)).as("%s", sent).hasSize(2);
        assertThat(kit.order(id).status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(OrderTestKit.events(kit.order(id)))
                .containsExactly("OrderPlaced", "StockReserved", "PaymentAuthorized", "ShipmentScheduled");
        assertThat(kit.published(id, EventTypes.ORDER_COMPLETED.name())).hasSize(1);
    }

    @Test
    void compensationReportLocksOnlyTheRowAndAppendsToTheTimelineInOneStatement() {
        UUID id = kit.place(customer("statements-note"));

        List<String> sent = handle(EventTypes.STOCK_RELEASED, SagaEvents.stockReleased(id), saga::note);

        assertThat(own(sent)).as("%s", sent).hasSize(2);
        assertThat(OrderTestKit.events(kit.order(id))).endsWith("StockReleased");
    }

    private UUID reservedOrder(String customerName) {
        UUID id = kit.place(customer(customerName));
        handle(EventTypes.STOCK_RESERVED, SagaEvents.stockReserved(id), saga::stockReserved);
        return id;
    }

    /** Runs one handler the way the inbox does, in its own transaction here, and returns what it sent. */
    private <E extends SagaEvent> List<String> handle(EventType<E> type, E event, BiConsumer<E, EventContext> handler) {
        UUID correlationId = kit.correlationId(event.orderId());
        EventEnvelope envelope =
                EventEnvelope.create(type, event.orderId(), Instant.now(), correlationId, correlationId);
        EventContext context = new EventContext(envelope, "order-service", "test");
        return statements.during(() -> handler.accept(event, context));
    }

    /** The order service's own statements: not the outbox's or the inbox's, nor the commit. */
    private static List<String> own(List<String> sent) {
        return sent.stream()
                .filter(sql -> !sql.equals(StatementLog.COMMIT))
                .filter(sql ->
                        !sql.contains("outbox_event") && !sql.contains("inbox_event") && !sql.contains("pg_notify"))
                .toList();
    }
}
