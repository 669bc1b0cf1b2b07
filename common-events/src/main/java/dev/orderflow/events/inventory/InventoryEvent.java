package dev.orderflow.events.inventory;

import dev.orderflow.events.SagaEvent;

/** Events inventory-service publishes on the inventory topic. */
public sealed interface InventoryEvent extends SagaEvent permits StockReserved, StockRejected, StockReleased {}
