package dev.orderflow.messaging.inbox;

import dev.orderflow.events.EventEnvelope;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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

    public TransactionTemplate transactions() {
        return transactions;
    }

    /**
     * Runs {@code work} unless this group already applied the event.
     *
     * @return {@code true} if the work ran and committed, {@code false} for a duplicate
     */
    public boolean applyOnce(String consumerGroup, EventEnvelope envelope, Runnable work) {
        Boolean applied = transactions.execute(status -> {
            if (record(consumerGroup, List.of(envelope)).isEmpty()) {
                return false;
            }
            work.run();
            return true;
        });
        return Boolean.TRUE.equals(applied);
    }

    /**
     * Notes, in the caller's transaction, that this group applies these events: one statement for all of them.
     *
     * @return the ids of the events noted now; the others were applied before (duplicates)
     */
    Set<UUID> record(String consumerGroup, List<EventEnvelope> envelopes) {
        UUID[] ids = new UUID[envelopes.size()];
        String[] types = new String[envelopes.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = envelopes.get(i).id();
            types[i] = envelopes.get(i).type();
        }
        return new HashSet<>(jdbc.sql("""
                        insert into inbox_event (consumer_group, event_id, event_type)
                        select :group, id, type from unnest(:ids, :types) as e(id, type)
                        on conflict do nothing
                        returning event_id
                        """)
                .param("group", consumerGroup)
                .param("ids", ids)
                .param("types", types)
                .query(UUID.class)
                .list());
    }

    /** Whether this group has applied the event (for operators and tests). */
    public boolean contains(String consumerGroup, UUID eventId) {
        return jdbc.sql("select count(*) from inbox_event where consumer_group = :group and event_id = :id")
                        .param("group", consumerGroup)
                        .param("id", eventId)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
