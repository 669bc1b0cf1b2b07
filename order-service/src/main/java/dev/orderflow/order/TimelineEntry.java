package dev.orderflow.order;

import java.time.Instant;

/**
 * Something that happened to an order, and the status the order had right after it was applied.
 *
 * @param at when this service learned of it; a saga step learned before the step it follows waits for that one, so its
 *     entry comes after it and reads earlier
 */
public record TimelineEntry(OrderStatus status, String event, Instant at) {}
