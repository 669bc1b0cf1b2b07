package dev.orderflow.order;

import java.time.Instant;

/** Something that happened to an order, and the status the order had right after it. */
public record TimelineEntry(OrderStatus status, String event, Instant at) {}
