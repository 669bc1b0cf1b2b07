package dev.orderflow.messaging.inbox;

import dev.orderflow.events.EventEnvelope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The idempotent-consumer record: an event's effect and the note that this group applied it commit in one transaction,
 * so a redelivered event finds the note and changes nothing. A concurrent duplicate waits on the note's key and then
 * finds it too.
 */
public final class Inbox {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public Inbox(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Runs {@code work} unless this group already applied the event.
     *
     * @return {@code true} if the work ran and committed, {@code false} for a duplicate
     */
    public boolean applyOnce(String consumerGroup, EventEnvelope envelope, Runnable work) {
        Boolean applied = transactions.execute(status -> {
            int inserted = jdbc.sql("""
                            insert into inbox_event (consumer_group, event_id, event_type) values (:group, :id, :type)
                            on conflict do nothing
                            """)
                    .param("group", consumerGroup)
                    .param("id", envelope.id())
                    .param("type", envelope.type())
                    .update();
            if (inserted == 0) {
                return false;
            }
            work.run();
            return true;
        });
        return Boolean.TRUE.equals(applied);
    }

    /** Whether this group has applied the event (for operators and tests). */
    public boolean contains(String consumerGroup, java.util.UUID eventId) {
        return jdbc.sql("select count(*) from inbox_event where consumer_group = :group and event_id = :id")
                        .param("group", consumerGroup)
                        .param("id", eventId)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
