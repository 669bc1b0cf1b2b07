package dev.orderflow.sandbox.journal;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A request body that names its order; the journal takes the order from it even when the body fails validation. */
public interface OrderScopedRequest {

    @Nullable
    UUID orderId();
}
