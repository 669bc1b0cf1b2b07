package dev.orderflow.payment.provider;

import java.math.BigDecimal;
import java.util.UUID;

/** A refund of a charge as partner work stores it: which payment, how much. */
public record RefundRequest(UUID paymentId, BigDecimal amount) {}
