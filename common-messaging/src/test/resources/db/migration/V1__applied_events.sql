-- The test application's own schema: the effect its handlers apply, next to the messaging tables.
create table applied_event (
    consumer_group text        not null,
    event_id       uuid        not null,
    event_type     text        not null,
    order_id       uuid        not null,
    customer_id    text,
    trace_id       text,
    applied_at     timestamptz not null default clock_timestamp()
);

create index applied_event_order on applied_event (order_id);
