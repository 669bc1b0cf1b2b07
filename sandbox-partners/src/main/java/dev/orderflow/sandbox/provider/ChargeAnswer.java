package dev.orderflow.sandbox.provider;

import java.util.UUID;

/** The provider's answer to a charge: {@code AUTHORIZED}, or {@code DECLINED} with a reason. Replayed for its key. */
record ChargeAnswer(UUID paymentId, String status, String reason) {}
