-- Partner work (ADR 0010): one row per intended partner call (a charge, a refund, a booking, a carrier cancellation, a
-- notification), written in the transaction that decided the call, leased to one worker at a time, settled once.
create table partner_work (
    id               uuid        primary key,
    order_id         uuid        not null,
    -- The service's name for the call (CHARGE, REFUND, BOOK, ...) and the partner it goes to (resilience4j instance).
    action           text        not null,
    partner          text        not null,
    -- What the partner de-duplicates the call by; the same on every attempt.
    idempotency_key  text        not null,
    status           text        not null
        check (status in ('DUE', 'IN_FLIGHT', 'DONE', 'FAILED', 'VOIDED')),
    -- The order was cancelled: nothing new may be created at the partner for it.
    void_requested   boolean     not null default false,
    -- An attempt may have reached the partner without an answer we could read: a cancellation asks the partner first.
    in_doubt         boolean     not null default false,
    attempts         int         not null default 0,
    dispatched       int         not null default 0,
    -- Lease epoch: one more per claim; a worker records a result only while it holds the current one.
    fence            bigint      not null default 0,
    -- DUE: when a worker may take it; IN_FLIGHT: when the lease runs out; null once settled.
    next_attempt_at  timestamptz,
    last_error       text,
    correlation_id   uuid,
    causation_id     uuid,
    traceparent      text,
    -- What the call sends (JSON). May hold personal data (an address, an email): cleared when the work settles.
    request          jsonb,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    settled_at       timestamptz,
    unique (action, idempotency_key)
);

-- The workers' queue: only unsettled rows, by partner and time.
create index partner_work_due on partner_work (partner, next_attempt_at) where status in ('DUE', 'IN_FLIGHT');
-- Cancellations and operators find an order's work.
create index partner_work_order on partner_work (order_id);
-- Retention clean-up walks settled rows by age.
create index partner_work_settled on partner_work (settled_at) where settled_at is not null;
