package dev.orderflow.order.web;

import dev.orderflow.messaging.tracing.OrderIdSpans;
import dev.orderflow.order.OrderIntake;
import dev.orderflow.order.OrderNotFoundException;
import dev.orderflow.order.OrderStatus;
import dev.orderflow.order.Orders;
import dev.orderflow.order.web.IdempotencyKeys.StoredResponse;
import dev.orderflow.web.security.Caller;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The order API: place, look up, list and cancel orders. Errors are RFC 9457 problem details (common-web's ApiProblems). */
@RestController
@RequestMapping("/api/orders")
@Tag(name = "Orders", description = "Place orders and follow them through the saga")
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private final IdempotentPlacement placement;
    private final IntakeLimiter intakeLimiter;
    private final OrderIntake intake;
    private final Orders orders;
    private final Tracer tracer;

    OrderController(
            IdempotentPlacement placement,
            IntakeLimiter intakeLimiter,
            OrderIntake intake,
            Orders orders,
            ObjectProvider<Tracer> tracer) {
        this.placement = placement;
        this.intakeLimiter = intakeLimiter;
        this.intake = intake;
        this.orders = orders;
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "placeOrder",
            summary = "Place an order",
            description = "Accepts the order as PENDING and starts its saga. Prices come from inventory: total and"
                    + " unitPrice stay null until the stock is reserved. With an Idempotency-Key, the same key and"
                    + " body replay the first response; the same key with another body is refused with 422.")
    @ApiResponse(
            responseCode = "202",
            description = "Accepted; the saga runs on",
            headers = {
                @Header(name = "Location", description = "/api/orders/{id}"),
                @Header(name = REPLAYED, description = "true when this is the replay of an earlier response")
            },
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @ApiResponse(
            responseCode = "400",
            description = "Invalid request",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "409",
            description = "A request with this Idempotency-Key is in progress",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "413",
            description = "Request body over the limit (64 KB)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "415",
            description = "Not JSON",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "422",
            description = "Idempotency-Key reused with another body",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "429",
            description = "Intake saturated; retry after the Retry-After seconds",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<String> place(
            @Parameter(description = "Makes retries safe: kept 24 hours (IETF httpapi Idempotency-Key draft)")
                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                    @Nullable
                    String idempotencyKey,
            @Valid @RequestBody PlaceOrderRequest request) {
        Caller caller = Caller.current();
        PlaceOrderRequest settled = CustomerAccess.settleCustomer(request, caller);
        StoredResponse response = intakeLimiter.admit(() -> placement.place(settled, idempotencyKey, caller.subject()));
        ResponseEntity.BodyBuilder builder =
                ResponseEntity.status(response.status()).contentType(MediaType.APPLICATION_JSON);
        if (response.orderId() != null) {
            builder.location(location(response.orderId()));
            // The request's span starts the order's trace: it carries the order id like every span after it.
            Span span = tracer.currentSpan();
            if (span != null) {
                span.tag(OrderIdSpans.ORDER_ID, response.orderId().toString());
            }
        }
        if (response.replayed()) {
            builder.header(REPLAYED, "true");
        }
        return builder.body(response.body());
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getOrder", summary = "Look up an order, with its timeline")
    @ApiResponse(responseCode = "200", description = "The order")
    @ApiResponse(
            responseCode = "400",
            description = "The id is not a UUID",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such order",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    OrderView order(@PathVariable UUID id) {
        return CustomerAccess.visible(orders.find(id), Caller.current())
                .map(OrderView::of)
                .orElseThrow(() -> new OrderNotFoundException(id));
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "listOrders",
            summary = "List orders, newest first",
            description = "Pages are 0-based; sizes above 100 are clamped to 100.")
    @ApiResponse(responseCode = "200", description = "One page of orders")
    @ApiResponse(
            responseCode = "400",
            description = "Invalid filter or paging",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    OrderPage list(
            @RequestParam(required = false) @Size(max = 64) @Nullable String customerId,
            @RequestParam(required = false) @Nullable OrderStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) @Min(1) int size) {
        int pageSize = Math.min(size, MAX_PAGE_SIZE);
        String customer = CustomerAccess.listingFilter(
                customerId == null || customerId.isBlank() ? null : customerId, Caller.current());
        Orders.Filter filter = new Orders.Filter(customer, status);
        List<OrderView> content = orders.search(filter, (long) page * pageSize, pageSize).stream()
                .map(OrderView::of)
                .toList();
        return OrderPage.of(content, page, pageSize, orders.count(filter));
    }

    @PostMapping(path = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "cancelOrder",
            summary = "Cancel an order",
            description = "While the order is in flight it becomes CANCELLED(CUSTOMER_CANCELLED) and every service"
                    + " undoes what it did for it.")
    @ApiResponse(responseCode = "202", description = "Cancelled; compensation runs on")
    @ApiResponse(
            responseCode = "400",
            description = "The id is not a UUID",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such order",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The order is already COMPLETED or CANCELLED",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<OrderView> cancel(@PathVariable UUID id) {
        Caller caller = Caller.current();
        // Only a customer's token needs the order looked up first: a client acts for any customer.
        if (caller.customer() && CustomerAccess.visible(orders.find(id), caller).isEmpty()) {
            throw new OrderNotFoundException(id);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(OrderView.of(intake.cancel(id)));
    }

    private static URI location(UUID id) {
        return URI.create("/api/orders/" + id);
    }
}
