-- Dead letters stay until an operator resolves them (issue 16, SPEC §5): replayed (replayed_at, since V1) or discarded.
-- Retention deletes resolved ones only, 14 days after they were resolved; unresolved ones are kept and alerted on.
alter table dead_letter add column discarded_at timestamptz;
-- The dead-letter record's own Kafka timestamp, kept beside dead_lettered_at, which is when this service recorded it.
alter table dead_letter add column record_timestamp timestamptz;

-- Retention walks resolved dead letters by the time they were resolved.
create index dead_letter_resolved_at on dead_letter ((coalesce(replayed_at, discarded_at)));
-- The unresolved ones by age: the oldest one's age is a metric (alert DeadLettersUnresolved).
create index dead_letter_unresolved on dead_letter (dead_lettered_at) where replayed_at is null and discarded_at is null;
