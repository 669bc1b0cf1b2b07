package dev.orderflow.events.order;

import dev.orderflow.events.OrderLine;
import dev.orderflow.events.ShippingAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A customer placed an order; it starts the saga and is the correlation id of every event that follows. */
public record OrderPlaced(
        @NotNull UUID orderId,
        @NotBlank @Size(max = 64) String customerId,
        @NotBlank @Email String customerEmail,
        @NotEmpty @Size(max = 100) List<@Valid @NotNull OrderLine> items,
        @NotNull @Valid ShippingAddress shippingAddress,
        @NotNull Instant placedAt)
        implements OrderEvent {

    public OrderPlaced {
        items = items == null ? null : List.copyOf(items);
    }
}
