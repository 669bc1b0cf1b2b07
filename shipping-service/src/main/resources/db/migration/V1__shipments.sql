-- One row per order: what shipping-service did for it. Every handler locks it (select ... for update), so writers of
-- one order serialise on it and its outbox rows stay in commit order.
create table shipment (
    order_id            uuid        primary key,
    -- Our id of the shipment; null while the row is only a tombstone. The carrier de-duplicates by order id.
    shipment_id         uuid        unique,
    status              text        not null
        check (status in ('PENDING', 'SCHEDULED', 'FAILED', 'CANCELLED', 'VOIDED')),
    -- Personal data, kept only until the carrier has answered the booking.
    shipping_address    jsonb,
    carrier             text,
    tracking_number     text,
    failure_reason      text,
    -- OrderCancelled arrived: a tombstone, a cancel request for a booking in flight, or a cancellation to make.
    cancelled           boolean     not null default false,
    correlation_id      uuid,
    payment_event_id    uuid,
    cancel_event_id     uuid,
    -- The carrier call due for this row (book or cancel): attempts so far, when to (re)try, why the last failed.
    attempts            int         not null default 0,
    next_attempt_at     timestamptz,
    last_error          text,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);

-- The processor's work queue: only rows with a carrier call due.
create index shipment_due on shipment (next_attempt_at) where next_attempt_at is not null;
