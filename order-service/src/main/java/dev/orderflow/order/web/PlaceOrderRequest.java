package dev.orderflow.order.web;

import dev.orderflow.events.OrderLine;
import dev.orderflow.events.ShippingAddress;
import dev.orderflow.events.Skus;
import dev.orderflow.order.NewOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/orders}. There is no field for prices, totals or status: inventory prices the order and
 * the saga moves it, and unknown fields are refused.
 */
@Schema(name = "PlaceOrderRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record PlaceOrderRequest(
        @Schema(
                description = "The customer: with a customer's token it must be the token's subject or absent;"
                        + " a client's own token must name it")
        @Nullable
        @Size(min = 1, max = 64)
        String customerId,

        @NotBlank
        @Size(max = 254)
        @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a well-formed email address")
        String customerEmail,

        @NotEmpty(message = "must have at least one line")
        @Size(max = 100, message = "must have at most 100 lines")
        @DistinctSkus
        List<@NotNull @Valid Line> items,

        @NotNull @Valid Address shippingAddress) {

    @Schema(name = "OrderLineRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Line(
            @NotNull @Pattern(regexp = Skus.PATTERN, message = "must match " + Skus.PATTERN)
            String sku,

            @NotNull
            @Min(value = 1, message = "must be between 1 and 1000")
            @Max(value = 1000, message = "must be between 1 and 1000")
            Integer quantity) {}

    @Schema(name = "ShippingAddressRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Address(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 200) String line1,
            @Nullable @Size(max = 200) String line2,
            @NotBlank @Size(max = 100) String city,
            @NotBlank @Size(max = 20) String postalCode,

            @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as DE")
            String country) {}

    /** The same request for the given customer. */
    PlaceOrderRequest forCustomer(String customer) {
        return new PlaceOrderRequest(customer, customerEmail, items, shippingAddress);
    }

    NewOrder toNewOrder() {
        return new NewOrder(
                Objects.requireNonNull(customerId, "customerId is resolved before the order is placed"),
                customerEmail,
                items.stream()
                        .map(line -> new OrderLine(line.sku(), line.quantity()))
                        .toList(),
                new ShippingAddress(
                        shippingAddress.name(),
                        shippingAddress.line1(),
                        shippingAddress.line2(),
                        shippingAddress.city(),
                        shippingAddress.postalCode(),
                        shippingAddress.country()));
    }
}
