package dev.orderflow.events.order;

import dev.orderflow.events.SagaEvent;

/** Events order-service publishes on the orders topic. */
public sealed interface OrderEvent extends SagaEvent permits OrderPlaced, OrderCompleted, OrderCancelled {}
