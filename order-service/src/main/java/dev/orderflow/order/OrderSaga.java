package dev.orderflow.order;

import dev.orderflow.events.InvalidPayloadException;
import dev.orderflow.events.SagaEvent;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.shipping.ShipmentFailed;
import dev.orderflow.events.shipping.ShipmentScheduled;
import dev.orderflow.messaging.EventContext;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How the order reacts to the other services' events. Each reaction locks the order's row (loading only what its
 * transition needs), applies one transition and publishes what follows from it, all in the inbox transaction of the
 * event, which may hold other orders' events of the same poll: so the reactions stay short and lock one row each. A
 * payment or shipping answer that comes before the step it follows is held on the row, and the reaction to that step
 * applies it too (ADR 0013): what follows is then caused by the event that completed the facts.
 */
@Component
class OrderSaga {

    private final Orders orders;
    private final OrderChanges changes;
    private final Clock clock;

    OrderSaga(Orders orders, OrderChanges changes, Clock clock) {
        this.orders = orders;
        this.changes = changes;
        this.clock = clock;
    }

    @Transactional
    public void stockReserved(StockReserved event, EventContext context) {
        // Pricing checks inventory's lines against the order's items: the only transition that needs them.
        Order order = orders.lockWithItems(event.orderId()).orElseThrow(() -> neverPlaced(context));
        react(
                order,
                event,
                context,
                (o, trigger) -> o.reserveStock(event.lines(), event.total(), event.currency(), trigger));
    }

    @Transactional
    public void stockRejected(StockRejected event, EventContext context) {
        CancellationReason reason = CancellationReason.ofRejection(event);
        react(event, context, (order, trigger) -> order.cancel(reason, trigger));
    }

    @Transactional
    public void paymentAuthorized(PaymentAuthorized event, EventContext context) {
        react(event, context, Order::markPaid);
    }

    @Transactional
    public void paymentDeclined(PaymentDeclined event, EventContext context) {
        react(event, context, Order::declinePayment);
    }

    @Transactional
    public void shipmentScheduled(ShipmentScheduled event, EventContext context) {
        react(event, context, Order::complete);
    }

    @Transactional
    public void shipmentFailed(ShipmentFailed event, EventContext context) {
        react(event, context, Order::failShipment);
    }

    /** Compensations the participants report (StockReleased, PaymentRefunded, ShipmentCancelled): history only. */
    @Transactional
    public void note(SagaEvent event, EventContext context) {
        react(event, context, Order::note);
    }

    private void react(SagaEvent event, EventContext context, BiConsumer<Order, Trigger> transition) {
        Order order = orders.lock(event.orderId()).orElseThrow(() -> neverPlaced(context));
        react(order, event, context, transition);
    }

    private void react(Order order, SagaEvent event, EventContext context, BiConsumer<Order, Trigger> transition) {
        Trigger trigger = Trigger.of(event, context, clock.instant().truncatedTo(ChronoUnit.MICROS));
        changes.apply(order, o -> transition.accept(o, trigger), context.causation());
    }

    private static InvalidPayloadException neverPlaced(EventContext context) {
        return new InvalidPayloadException(context.envelope().type() + " refers to an order this service never placed");
    }
}
