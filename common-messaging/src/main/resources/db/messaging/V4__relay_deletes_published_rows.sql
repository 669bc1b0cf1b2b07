-- The relay deletes the rows it published (ADR 0011) and wakes on commits itself: a commit in the relay's own JVM wakes
-- it directly, another replica's commit sends pg_notify explicitly. The trigger notified on every insert, which
-- serialises notifying commits in PostgreSQL; it goes. The function stays for older relays during a rollout.
drop trigger if exists outbox_event_notify on outbox_event;
