package dev.orderflow.events;

import java.util.UUID;

/**
 * Every saga event, keyed by its order. Each producer's events sit under their own sealed interface ({@code OrderEvent},
 * {@code InventoryEvent}, {@code PaymentEvent}, {@code ShippingEvent}) so the producer can switch over them
 * exhaustively; this root cannot be sealed across packages outside a named module.
 */
public interface SagaEvent {

    UUID orderId();
}
