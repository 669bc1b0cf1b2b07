package dev.orderflow.order;

import static dev.orderflow.order.support.OrderTestKit.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventTypes;
import dev.orderflow.order.support.OrderServiceIntegrationTest;
import dev.orderflow.order.support.OrderTestKit;
import dev.orderflow.order.support.OrderTestKit.Published;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/** The deadline scan (run by hand here; scheduled in production): TIMED_OUT exactly once, whatever runs at once. */
@OrderServiceIntegrationTest
class OrderDeadlineTests {

    /** Five times issue 15's target of 200 orders a second: the rate at which orders could time out at once. */
    private static final long ORDERS_PER_SECOND = 1_000;

    private final OrderTestKit kit;
    private final OrderDeadlines deadlines;
    private final TransactionTemplate transactions;
    private final OrderProperties properties;

    OrderDeadlineTests(
            OrderTestKit kit, OrderDeadlines deadlines, TransactionTemplate transactions, OrderProperties properties) {
        this.kit = kit;
        this.deadlines = deadlines;
        this.transactions = transactions;
        this.properties = properties;
    }

    @Test
    void overdueOrderIsTimedOutExactlyOnceByTwoScannersRunningAtOnce() throws Exception {
        UUID id = kit.place(customer("deadline-overdue"));
        double timedOutBefore = kit.counter("orderflow.orders.cancelled", "reason", "TIMED_OUT");
        passDeadline(id);

        CyclicBarrier start = new CyclicBarrier(2);
        try (ExecutorService scanners = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> runs = List.of(
                    scanners.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return deadlines.cancelOverdue();
                    }),
                    scanners.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return deadlines.cancelOverdue();
                    }));
            for (Future<Integer> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        }

        Order order = kit.order(id);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.TIMED_OUT);
        assertThat(OrderTestKit.events(order)).containsOnlyOnce("DeadlinePassed");
        List<Published> cancelled = kit.published(id, EventTypes.ORDER_CANCELLED.name());
        assertThat(cancelled).hasSize(1);
        assertThat(cancelled.getFirst().payload().get("reason").asString()).isEqualTo("TIMED_OUT");
        assertThat(cancelled.getFirst().causationId()).isEqualTo(kit.correlationId(id));
        await().atMost(OrderTestKit.WAIT)
                .until(() -> kit.counter("orderflow.orders.cancelled", "reason", "TIMED_OUT") == timedOutBefore + 1);

        deadlines.cancelOverdue();
        assertThat(kit.published(id, EventTypes.ORDER_CANCELLED.name())).hasSize(1);
    }

    @Test
    void ordersBeforeTheirDeadlineAndFinalOrdersAreLeftAlone() {
        UUID inTime = kit.place(customer("deadline-in-time"));
        UUID completed = kit.place(customer("deadline-completed"));
        kit.complete(completed);
        passDeadline(completed);

        deadlines.cancelOverdue();

        assertThat(kit.order(inTime).status()).isEqualTo(OrderStatus.PENDING);
        assertThat(kit.order(completed).status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(kit.published(completed, EventTypes.ORDER_CANCELLED.name())).isEmpty();
    }

    @Test
    void orderLockedByAnotherTransactionIsSkippedAndTimedOutByTheNextScan() throws Exception {
        UUID id = kit.place(customer("deadline-locked"));
        passDeadline(id);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            kit.jdbc()
                    .sql("select id from orders where id = :id for update")
                    .param("id", id)
                    .query(UUID.class)
                    .single();
            locked.countDown();
            await().atMost(OrderTestKit.WAIT).until(() -> release.getCount() == 0);
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        deadlines.cancelOverdue();
        assertThat(kit.order(id).status()).isEqualTo(OrderStatus.PENDING);

        release.countDown();
        holder.get(60, TimeUnit.SECONDS);
        deadlines.cancelOverdue();
        assertThat(kit.order(id).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(kit.order(id).cancellationReason()).isEqualTo(CancellationReason.TIMED_OUT);
    }

    @Test
    void scanKeepsUpWithAThousandOrdersASecondPassingTheirDeadline() {
        // The orders that pass their deadline between two scans at that rate (say a participant is down): one scan
        // must time them all out.
        long overdue = ORDERS_PER_SECOND * properties.deadlineScan().interval().toMillis() / 1000;
        String customer = customer("deadline-capacity");
        kit.jdbc().sql("""
                        insert into orders (id, customer_id, customer_email, ship_name, ship_line1, ship_city,
                                            ship_postal_code, ship_country, status, correlation_id, last_event_id,
                                            created_at, updated_at, status_changed_at, deadline_at)
                        select gen_random_uuid(), :customer, 'ana@example.com', 'Ana', 'Main St 1', 'Berlin', '10115',
                               'DE', 'PENDING', placed, placed, now() - interval '6 minutes',
                               now() - interval '6 minutes', now() - interval '6 minutes', now() - interval '1 minute'
                        from (select gen_random_uuid() as placed from generate_series(1, :count)) as orders
                        """).param("customer", customer).param("count", overdue).update();

        deadlines.cancelOverdue();

        assertThat(kit.jdbc()
                        .sql("""
                                select count(*) from orders
                                where customer_id = :customer and status = 'CANCELLED'
                                  and cancellation_reason = 'TIMED_OUT'
                                """)
                        .param("customer", customer)
                        .query(Long.class)
                        .single())
                .isEqualTo(overdue);
    }

    private void passDeadline(UUID id) {
        kit.jdbc()
                .sql("update orders set deadline_at = now() - interval '1 second' where id = :id")
                .param("id", id)
                .update();
    }
}
