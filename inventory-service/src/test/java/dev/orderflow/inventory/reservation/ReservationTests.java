package dev.orderflow.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReservationTests {

    private static final UUID ORDER = UUID.randomUUID();
    private static final List<ReservedLine> LINES = List.of(
            new ReservedLine("MUG", 2, new BigDecimal("12.50")), new ReservedLine("TEA", 3, new BigDecimal("3.99")));

    @Test
    void totalIsTheSumOfQuantityTimesUnitPrice() {
        assertThat(Reservation.reserved(ORDER, UUID.randomUUID(), LINES).total())
                .isEqualTo(new BigDecimal("36.97"));
    }

    @Test
    void onlyAReservationHoldingStockCanBeReleasedOrSoldAndOnlyOnce() {
        Reservation reserved = Reservation.reserved(ORDER, UUID.randomUUID(), LINES);

        Reservation released = reserved.release();
        Reservation sold = reserved.sell();

        assertThat(released.state()).isEqualTo(Reservation.State.RELEASED);
        assertThat(sold.state()).isEqualTo(Reservation.State.SOLD);
        assertThat(released.reservationId()).isEqualTo(reserved.reservationId());
        assertThatThrownBy(released::release).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(released::sell).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(sold::release).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectedOrdersAndTombstonesHoldNoStock() {
        for (Reservation nothingHeld : List.of(Reservation.rejected(ORDER), Reservation.tombstone(ORDER))) {
            assertThat(nothingHeld.holdsStock()).isFalse();
            assertThat(nothingHeld.reservationId()).isNull();
            assertThatThrownBy(nothingHeld::release).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(nothingHeld::sell).isInstanceOf(IllegalStateException.class);
        }
        assertThat(Reservation.tombstone(ORDER).state()).isEqualTo(Reservation.State.CANCELLED);
    }

    @Test
    void aReservationHoldsAtLeastOneLine() {
        assertThatThrownBy(() -> Reservation.reserved(ORDER, UUID.randomUUID(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
