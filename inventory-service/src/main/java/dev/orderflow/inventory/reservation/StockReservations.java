package dev.orderflow.inventory.reservation;

import dev.orderflow.events.InvalidPayloadException;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.inventory.StockRejected;
import dev.orderflow.events.inventory.StockReleased;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.events.order.OrderCancelled;
import dev.orderflow.events.order.OrderCompleted;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.inventory.catalog.CatalogProperties;
import dev.orderflow.inventory.catalog.Product;
import dev.orderflow.inventory.catalog.Products;
import dev.orderflow.messaging.EventContext;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.TransientFailure;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Inventory's part of the saga. Each method runs in the inbox transaction of its event: it locks the order's
 * reservation row first and then the products in SKU order, changes stock, records the new state and writes the
 * outgoing event to the outbox, all in one commit.
 */
@Service
class StockReservations {

    private static final Logger log = LoggerFactory.getLogger(StockReservations.class);

    private final Reservations reservations;
    private final Products products;
    private final Outbox outbox;
    private final CatalogProperties catalog;

    StockReservations(Reservations reservations, Products products, Outbox outbox, CatalogProperties catalog) {
        this.reservations = reservations;
        this.products = products;
        this.outbox = outbox;
        this.catalog = catalog;
    }

    /** OrderPlaced: reserve every line at once and price it, or reject the order without reserving anything. */
    @Transactional
    void reserve(OrderPlaced placed, EventContext context) {
        UUID orderId = placed.orderId();
        Set<String> skus = placed.items().stream().map(OrderLine::sku).collect(Collectors.toSet());
        if (skus.size() != placed.items().size()) {
            throw new InvalidPayloadException("OrderPlaced lists a SKU on more than one line");
        }
        Optional<Reservation> known = reservations.lock(orderId);
        if (known.isPresent()) {
            log.info(
                    "OrderPlaced not acted on: inventory already holds the order as {}",
                    known.get().state());
            return;
        }
        Map<String, Product> locked = products.lockAll(skus);
        switch (StockCheck.check(placed.items(), locked)) {
            case StockCheck.Reservable(List<ReservedLine> lines) -> {
                Reservation reservation = Reservation.reserved(orderId, UUID.randomUUID(), lines);
                record(reservation);
                lines.forEach(line -> products.saveStock(locked.get(line.sku()).reserve(line.quantity())));
                outbox.publish(
                        new StockReserved(
                                orderId,
                                reservation.reservationId(),
                                placed.customerId(),
                                placed.customerEmail(),
                                placed.shippingAddress(),
                                lines.stream().map(ReservedLine::toPriced).toList(),
                                reservation.total(),
                                catalog.currency()),
                        context.causation());
                log.info("Reserved {} lines, total {} {}", lines.size(), reservation.total(), catalog.currency());
            }
            case StockCheck.Rejected rejected -> {
                record(Reservation.rejected(orderId));
                outbox.publish(new StockRejected(orderId, rejected.reason(), rejected.lines()), context.causation());
                log.info("Rejected the order ({}): nothing reserved", rejected.reason());
            }
        }
    }

    /** OrderCancelled: give reserved stock back once; an order never reserved gets a tombstone. */
    @Transactional
    void release(OrderCancelled cancelled, EventContext context) {
        UUID orderId = cancelled.orderId();
        Optional<Reservation> known = reservations.lock(orderId);
        if (known.isEmpty()) {
            record(Reservation.tombstone(orderId));
            log.info("Order cancelled before it was reserved: tombstone recorded");
            return;
        }
        Reservation reservation = known.get();
        if (!reservation.holdsStock()) {
            log.info("OrderCancelled leaves the order as {}: no reserved stock to release", reservation.state());
            return;
        }
        Reservation released = reservation.release();
        moveStock(released, Product::release);
        reservations.updateState(released);
        outbox.publish(new StockReleased(orderId, released.reservationId()), context.causation());
        log.info("Released reservation {}", released.reservationId());
    }

    /** OrderCompleted: the reserved stock is sold. */
    @Transactional
    void complete(OrderCompleted completed, EventContext context) {
        Optional<Reservation> known = reservations.lock(completed.orderId());
        if (known.isEmpty() || !known.get().holdsStock()) {
            log.warn(
                    "OrderCompleted for an order without reserved stock ({}): nothing to sell",
                    known.map(r -> r.state().name()).orElse("unknown order"));
            return;
        }
        Reservation sold = known.get().sell();
        moveStock(sold, Product::sell);
        reservations.updateState(sold);
        log.info("Sold reservation {}", sold.reservationId());
    }

    private void moveStock(Reservation reservation, StockMove move) {
        Map<String, Product> locked = products.lockAll(
                reservation.lines().stream().map(ReservedLine::sku).toList());
        for (ReservedLine line : reservation.lines()) {
            products.saveStock(move.apply(locked.get(line.sku()), line.quantity()));
        }
    }

    /**
     * Two transactions can only race to record the same order on a dead-letter replay; the loser rolls back and its
     * event is retried, and then finds the winner's row.
     */
    private void record(Reservation reservation) {
        if (!reservations.insert(reservation)) {
            throw new TransientFailure("order " + reservation.orderId() + " was recorded concurrently; retrying");
        }
    }

    @FunctionalInterface
    private interface StockMove {
        Product apply(Product product, long quantity);
    }
}
