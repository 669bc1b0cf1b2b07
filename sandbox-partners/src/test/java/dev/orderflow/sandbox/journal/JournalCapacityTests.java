package dev.orderflow.sandbox.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JournalCapacityTests {

    @Test
    void keepsOnlyTheNewestEntriesOldestFirst() {
        Journal journal = new Journal(Clock.systemUTC(), 3);
        UUID orderId = UUID.randomUUID();

        for (int status = 1; status <= 5; status++) {
            journal.record("provider", "charge", orderId, "key", status);
        }

        assertThat(journal.entries(null)).extracting(JournalEntry::status).containsExactly(3, 4, 5);
        assertThat(journal.entries(orderId)).hasSize(3);
        assertThat(journal.entries(UUID.randomUUID())).isEmpty();
    }
}
