package dev.orderflow.messaging.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.testsupport.SharedPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Pending dead letters, on a database of the test's own with the messaging tables: counted, with the age of the oldest
 * since it was recorded, until an operator replays or discards them (alert DeadLettersUnresolved).
 */
class PendingDeadLettersTests {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private final AtomicLong offsets = new AtomicLong();
    private volatile Instant now = START;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void pendingDeadLettersAreGaugedWithTheAgeOfTheOldestUntilAnOperatorResolvesThem() {
        MeterRegistry meters = new SimpleMeterRegistry();
        DeadLetterStore store = new DeadLetterStore(messagingDatabase(), clock, meters);
        long first = record(store);
        now = START.plus(Duration.ofHours(1));
        long second = record(store);
        now = START.plus(Duration.ofDays(20));

        store.refreshPending();
        assertThat(pending(meters)).isEqualTo(2);
        assertThat(oldestAge(meters)).isEqualTo(Duration.ofDays(20).toSeconds());

        assertThat(store.markDiscarded(first)).isTrue();
        store.refreshPending();
        assertThat(pending(meters)).isEqualTo(1);
        assertThat(oldestAge(meters))
                .isEqualTo(Duration.ofDays(20).minus(Duration.ofHours(1)).toSeconds());

        store.markReplayed(second);
        store.refreshPending();
        assertThat(pending(meters)).isZero();
        assertThat(oldestAge(meters)).isZero();
        assertThat(store.markDiscarded(second))
                .as("a replayed dead letter is not pending")
                .isFalse();
    }

    /** Records a dead letter now, by the test's clock. */
    private long record(DeadLetterStore store) {
        long offset = offsets.incrementAndGet();
        store.record(new DeadLetter(
                0,
                "pending-test",
                "orderflow.orders",
                "orderflow.orders.pending-test.dlt",
                0,
                offset,
                "key-" + offset,
                null,
                null,
                "HANDLER_FAILED",
                null,
                Map.of(),
                null,
                clock.instant(),
                null,
                null,
                null,
                0,
                null));
        return store.list("pending-test", false, 0, 100).stream()
                .filter(letter -> letter.offset() == offset)
                .findFirst()
                .orElseThrow()
                .id();
    }

    private static double pending(MeterRegistry meters) {
        return meters.get(DeadLetterStore.PENDING_METRIC).gauge().value();
    }

    private static double oldestAge(MeterRegistry meters) {
        return meters.get(DeadLetterStore.OLDEST_PENDING_METRIC).gauge().value();
    }

    private static JdbcClient messagingDatabase() {
        String url = SharedPostgres.createDatabase("pending_dead_letters");
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(url, SharedPostgres.username(), SharedPostgres.password());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/messaging")
                .load()
                .migrate();
        return JdbcClient.create(dataSource);
    }
}
