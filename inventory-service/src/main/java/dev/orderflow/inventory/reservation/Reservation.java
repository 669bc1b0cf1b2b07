package dev.orderflow.inventory.reservation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Inventory's record of one order. It says what inventory did for the order, so each saga step acts at most once:
 * stock is held only in {@code RESERVED}, released or sold exactly once from there, and a {@code CANCELLED} tombstone
 * (cancelled before anything was reserved) makes a late OrderPlaced a no-op.
 */
record Reservation(UUID orderId, @Nullable UUID reservationId, State state, List<ReservedLine> lines) {

    enum State {
        /** Every line is held in reserved stock. */
        RESERVED,
        /** Nothing was reserved: unknown product or not enough stock. */
        REJECTED,
        /** The order was cancelled; the stock went back to available. */
        RELEASED,
        /** The order completed; the stock is sold. */
        SOLD,
        /** Tombstone: the order was cancelled before inventory reserved anything. */
        CANCELLED
    }

    Reservation {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(state, "state");
        lines = List.copyOf(lines);
        if ((reservationId != null) != (state == State.RESERVED || state == State.RELEASED || state == State.SOLD)) {
            throw new IllegalArgumentException("a reservation id belongs to reserved stock only, not to " + state);
        }
    }

    static Reservation reserved(UUID orderId, UUID reservationId, List<ReservedLine> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reservation holds at least one line");
        }
        return new Reservation(orderId, Objects.requireNonNull(reservationId), State.RESERVED, lines);
    }

    static Reservation rejected(UUID orderId) {
        return new Reservation(orderId, null, State.REJECTED, List.of());
    }

    static Reservation tombstone(UUID orderId) {
        return new Reservation(orderId, null, State.CANCELLED, List.of());
    }

    boolean holdsStock() {
        return state == State.RESERVED;
    }

    Reservation release() {
        return moveFromReserved(State.RELEASED);
    }

    Reservation sell() {
        return moveFromReserved(State.SOLD);
    }

    BigDecimal total() {
        return lines.stream()
                .map(ReservedLine::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.UNNECESSARY);
    }

    private Reservation moveFromReserved(State next) {
        if (!holdsStock()) {
            throw new IllegalStateException("order " + orderId + " holds no reserved stock: it is " + state);
        }
        return new Reservation(orderId, reservationId, next, lines);
    }
}
