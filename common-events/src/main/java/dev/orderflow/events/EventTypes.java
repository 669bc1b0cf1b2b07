package dev.orderflow.events;

import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.inventory.StockReleased;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.order.OrderCompleted;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.events.payment.PaymentAuthorized;
import dev.orderflow.events.payment.PaymentAuthorizedAfterCancellation;
import dev.orderflow.events.payment.PaymentDeclined;
import dev.orderflow.events.payment.PaymentRefunded;
import dev.orderflow.events.shipping.ShipmentCancelled;
import dev.orderflow.events.shipping.ShipmentFailed;
import dev.orderflow.events.shipping.ShipmentScheduled;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalog of wire types ({@code ce_type}): one constant per event type and version. */
public final class EventTypes {

    public static final EventType<OrderPlaced> ORDER_PLACED =
            new EventType<>("dev.orderflow.order.placed.v1", OrderPlaced.class, Producer.ORDER);
    public static final EventType<OrderCompleted> ORDER_COMPLETED =
            new EventType<>("dev.orderflow.order.completed.v1", OrderCompleted.class, Producer.ORDER);
    public static final EventType<OrderCancelled> ORDER_CANCELLED =
            new EventType<>("dev.orderflow.order.cancelled.v1", OrderCancelled.class, Producer.ORDER);

    public static final EventType<StockReserved> STOCK_RESERVED =
            new EventType<>("dev.orderflow.inventory.stock-reserved.v1", StockReserved.class, Producer.INVENTORY);
    public static final EventType<StockRejected> STOCK_REJECTED =
            new EventType<>("dev.orderflow.inventory.stock-rejected.v1", StockRejected.class, Producer.INVENTORY);
    public static final EventType<StockReleased> STOCK_RELEASED =
            new EventType<>("dev.orderflow.inventory.stock-released.v1", StockReleased.class, Producer.INVENTORY);

    public static final EventType<PaymentAuthorized> PAYMENT_AUTHORIZED =
            new EventType<>("dev.orderflow.payment.payment-authorized.v1", PaymentAuthorized.class, Producer.PAYMENT);
    public static final EventType<PaymentDeclined> PAYMENT_DECLINED =
            new EventType<>("dev.orderflow.payment.payment-declined.v1", PaymentDeclined.class, Producer.PAYMENT);
    public static final EventType<PaymentAuthorizedAfterCancellation> PAYMENT_AUTHORIZED_AFTER_CANCELLATION =
            new EventType<>(
                    "dev.orderflow.payment.payment-authorized-after-cancellation.v1",
                    PaymentAuthorizedAfterCancellation.class,
                    Producer.PAYMENT);
    public static final EventType<PaymentRefunded> PAYMENT_REFUNDED =
            new EventType<>("dev.orderflow.payment.payment-refunded.v1", PaymentRefunded.class, Producer.PAYMENT);

    public static final EventType<ShipmentScheduled> SHIPMENT_SCHEDULED =
            new EventType<>("dev.orderflow.shipping.shipment-scheduled.v1", ShipmentScheduled.class, Producer.SHIPPING);
    public static final EventType<ShipmentFailed> SHIPMENT_FAILED =
            new EventType<>("dev.orderflow.shipping.shipment-failed.v1", ShipmentFailed.class, Producer.SHIPPING);
    public static final EventType<ShipmentCancelled> SHIPMENT_CANCELLED =
            new EventType<>("dev.orderflow.shipping.shipment-cancelled.v1", ShipmentCancelled.class, Producer.SHIPPING);

    public static final List<EventType<?>> ALL = List.of(
            ORDER_PLACED,
            ORDER_COMPLETED,
            ORDER_CANCELLED,
            STOCK_RESERVED,
            STOCK_REJECTED,
            STOCK_RELEASED,
            PAYMENT_AUTHORIZED,
            PAYMENT_DECLINED,
            PAYMENT_AUTHORIZED_AFTER_CANCELLATION,
            PAYMENT_REFUNDED,
            SHIPMENT_SCHEDULED,
            SHIPMENT_FAILED,
            SHIPMENT_CANCELLED);

    private static final Map<String, EventType<?>> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, EventType<?>> BY_PAYLOAD = new LinkedHashMap<>();

    static {
        for (EventType<?> type : ALL) {
            if (BY_NAME.put(type.name(), type) != null || BY_PAYLOAD.put(type.payloadType(), type) != null) {
                throw new IllegalStateException("Event type registered twice: " + type);
            }
        }
    }

    private EventTypes() {}

    /** The type with this wire name, if this version of the contracts knows it. */
    public static Optional<EventType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The wire type of a payload; every {@link SagaEvent} record has exactly one. */
    @SuppressWarnings("unchecked")
    public static <T extends SagaEvent> EventType<T> of(Class<T> payloadType) {
        EventType<?> type = BY_PAYLOAD.get(payloadType);
        if (type == null) {
            throw new IllegalArgumentException("No event type for " + payloadType.getName());
        }
        return (EventType<T>) type;
    }

    @SuppressWarnings("unchecked")
    public static <T extends SagaEvent> EventType<T> of(T event) {
        return of((Class<T>) event.getClass());
    }
}
