package dev.orderflow.messaging.incident;

import java.util.UUID;

/** Runs an order's compensation again right now, for an operator; implemented by partner work. */
public interface CompensationRetry {

    void retryNow(UUID orderId, String action);
}
