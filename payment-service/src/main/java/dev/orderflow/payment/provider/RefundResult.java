package dev.orderflow.payment.provider;

import java.math.BigDecimal;
import java.util.UUID;

/** The provider's answer to a refund, validated: how much it gave back. */
public record RefundResult(UUID paymentId, BigDecimal refundedAmount) {}
