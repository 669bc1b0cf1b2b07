package dev.orderflow.events.shipping;

import dev.orderflow.events.SagaEvent;

/** Events shipping-service publishes on the shipping topic. */
public sealed interface ShippingEvent extends SagaEvent permits ShipmentScheduled, ShipmentFailed, ShipmentCancelled {}
