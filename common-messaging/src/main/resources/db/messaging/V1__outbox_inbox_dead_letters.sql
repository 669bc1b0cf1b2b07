-- Reliable-messaging tables, versioned on their own (history table messaging_schema_history) so they evolve
-- independently of each service's schema. Changes follow expand/contract.

-- Outgoing events, written in the business transaction; the relay publishes them in id order.
create table outbox_event (
    id             bigint generated always as identity primary key,
    event_id       uuid        not null unique,
    topic          text        not null,
    message_key    text        not null,
    event_type     text        not null,
    source         text        not null,
    correlation_id uuid        not null,
    causation_id   uuid        not null,
    payload        text        not null,
    traceparent    text,
    tracestate     text,
    created_at     timestamptz not null,
    published_at   timestamptz
);

-- The relay's work queue: small, since published rows drop out of it.
create index outbox_event_unpublished on outbox_event (id) where published_at is null;
-- Retention clean-up walks published rows by age.
create index outbox_event_published_at on outbox_event (published_at) where published_at is not null;

-- Wakes the relay right after a commit that wrote to the outbox (one notification per statement, coalesced per
-- transaction); the relay also polls, so a lost notification only costs latency.
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('orderflow_outbox', '');
    return null;
end;
$$;

create trigger outbox_event_notify
    after insert on outbox_event
    for each statement execute function outbox_event_notify();

-- Events each consumer group has applied, recorded in the same transaction as their effect.
create table inbox_event (
    consumer_group text        not null,
    event_id       uuid        not null,
    event_type     text        not null,
    processed_at   timestamptz not null default now(),
    primary key (consumer_group, event_id)
);

create index inbox_event_processed_at on inbox_event (processed_at);

-- Dead letters of this service's consumer groups, copied from their dead-letter topics for inspection and replay.
create table dead_letter (
    id                bigint generated always as identity primary key,
    consumer_group    text        not null,
    original_topic    text        not null,
    dlt_topic         text        not null,
    dlt_partition     int         not null,
    dlt_offset        bigint      not null,
    message_key       text,
    event_id          text,
    event_type        text,
    reason            text        not null,
    detail            text,
    headers           jsonb       not null,
    payload           bytea,
    dead_lettered_at  timestamptz not null default now(),
    replayed_at       timestamptz,
    replay_attempts   int         not null default 0,
    last_replay_error text,
    unique (dlt_topic, dlt_partition, dlt_offset)
);

create index dead_letter_pending on dead_letter (consumer_group, id) where replayed_at is null;
create index dead_letter_dead_lettered_at on dead_letter (dead_lettered_at);
