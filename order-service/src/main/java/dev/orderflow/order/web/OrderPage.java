package dev.orderflow.order.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of orders, in Spring Data's page shape. */
@Schema(name = "OrderPage")
record OrderPage(List<OrderView> content, Metadata page) {

    @Schema(name = "PageMetadata")
    record Metadata(int number, int size, long totalElements, long totalPages) {}

    static OrderPage of(List<OrderView> content, int number, int size, long totalElements) {
        return new OrderPage(content, new Metadata(number, size, totalElements, (totalElements + size - 1) / size));
    }
}
