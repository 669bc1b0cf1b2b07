package dev.orderflow.bench.saga;

import org.jspecify.annotations.Nullable;

/**
 * One order of the run: what kind it is, when it was due and sent, how the API answered and how long it took (from
 * the due time, so a slow platform cannot hide its queueing), and its outcome from the platform's own timestamps.
 */
final class PlacedOrder {

    /** The SPEC mix: most orders complete; some are out of stock, declined or undeliverable. */
    enum Kind {
        OK("COMPLETED"),
        OUT_OF_STOCK("OUT_OF_STOCK"),
        DECLINED("PAYMENT_DECLINED"),
        UNDELIVERABLE("SHIPPING_FAILED");

        final String expected;

        Kind(String expected) {
            this.expected = expected;
        }

        /** 85 % OK, 5 % each of the others, deterministic by index. */
        static Kind of(long index) {
            return switch ((int) (index % 20)) {
                case 7 -> OUT_OF_STOCK;
                case 13 -> DECLINED;
                case 19 -> UNDELIVERABLE;
                default -> OK;
            };
        }
    }

    final long index;
    final Kind kind;
    final long dueEpochMillis;
    volatile int status;
    volatile long intakeMicros;
    volatile @Nullable String orderId;
    volatile @Nullable String outcome;
    volatile long createdEpochMillis;
    volatile long terminalEpochMillis;

    PlacedOrder(long index, Kind kind, long dueEpochMillis) {
        this.index = index;
        this.kind = kind;
        this.dueEpochMillis = dueEpochMillis;
    }

    boolean accepted() {
        return status == 202 && orderId != null;
    }

    boolean terminal() {
        return outcome != null;
    }

    long placeToTerminalMillis() {
        return terminalEpochMillis - createdEpochMillis;
    }
}
