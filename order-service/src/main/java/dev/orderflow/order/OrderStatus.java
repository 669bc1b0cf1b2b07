package dev.orderflow.order;

/**
 * Where an order is in the saga. Statuses are ranked: an order only ever moves to a higher rank, and COMPLETED and
 * CANCELLED are final.
 */
public enum OrderStatus {
    PENDING(0),
    STOCK_RESERVED(1),
    PAID(2),
    COMPLETED(3),
    CANCELLED(3);

    private final int rank;

    OrderStatus(int rank) {
        this.rank = rank;
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == CANCELLED;
    }

    /** Whether moving from this status to {@code next} goes forward. */
    boolean precedes(OrderStatus next) {
        return !isTerminal() && next.rank > rank;
    }
}
