package dev.orderflow.order;

import dev.orderflow.events.OrderLine;
import dev.orderflow.events.ShippingAddress;
import java.util.List;

/** What a customer asks for, already validated by the API: who, what (unpriced) and where to. */
public record NewOrder(
        String customerId, String customerEmail, List<OrderLine> items, ShippingAddress shippingAddress) {

    public NewOrder {
        items = List.copyOf(items);
    }
}
