package dev.orderflow.events.inventory;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** A reservation went back to available stock (compensation). */
public record StockReleased(@NotNull UUID orderId, @NotNull UUID reservationId) implements InventoryEvent {}
