package dev.orderflow.sandbox.provider;

import java.math.BigDecimal;
import java.util.UUID;

record RefundAnswer(UUID paymentId, String status, BigDecimal refundedAmount) {}
