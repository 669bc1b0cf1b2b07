package dev.orderflow.payment.provider;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The provider's answer to a charge, validated: authorized, or declined with a reason. */
public record ChargeResult(
        UUID paymentId, boolean authorized, @Nullable String declineReason) {

    public static ChargeResult authorized(UUID paymentId) {
        return new ChargeResult(paymentId, true, null);
    }

    public static ChargeResult declined(UUID paymentId, String reason) {
        return new ChargeResult(paymentId, false, Objects.requireNonNull(reason));
    }
}
