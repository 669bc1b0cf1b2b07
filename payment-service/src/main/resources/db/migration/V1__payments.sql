-- One row per order: what payment-service did for it. Every handler locks it (select ... for update), so writers of
-- one order serialise on it and its outbox rows stay in commit order.
create table payment (
    order_id            uuid          primary key,
    -- The provider's idempotency key; null while the row is only a tombstone.
    payment_id          uuid          unique,
    status              text          not null
        check (status in ('PENDING', 'AUTHORIZED', 'DECLINED', 'REFUNDED', 'VOIDED')),
    customer_id         text,
    amount              numeric(12,2),
    currency            text,
    -- Personal data, kept only until PaymentAuthorized (which carries it on to shipping) is written.
    customer_email      text,
    shipping_address    jsonb,
    decline_reason      text,
    refunded_amount     numeric(12,2) not null default 0,
    -- OrderCancelled arrived: a tombstone, a cancel request for a charge in flight, or a refund to make.
    cancelled           boolean       not null default false,
    correlation_id      uuid,
    reservation_event_id uuid,
    cancel_event_id     uuid,
    -- The partner call due for this row (charge or refund): attempts so far, when to (re)try, why the last failed.
    attempts            int           not null default 0,
    next_attempt_at     timestamptz,
    last_error          text,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null
);

-- The processor's work queue: only rows with a partner call due.
create index payment_due on payment (next_attempt_at) where next_attempt_at is not null;
