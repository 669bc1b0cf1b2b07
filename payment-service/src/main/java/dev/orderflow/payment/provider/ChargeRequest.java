package dev.orderflow.payment.provider;

import java.math.BigDecimal;
import java.util.UUID;

/** A charge as the provider takes it; {@code paymentId} is also the idempotency key. */
public record ChargeRequest(UUID paymentId, UUID orderId, String customerId, BigDecimal amount, String currency) {}
