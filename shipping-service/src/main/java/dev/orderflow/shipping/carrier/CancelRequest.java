package dev.orderflow.shipping.carrier;

import java.util.UUID;

/** A cancellation of an order's booking, as partner work stores it. */
public record CancelRequest(UUID orderId) {}
