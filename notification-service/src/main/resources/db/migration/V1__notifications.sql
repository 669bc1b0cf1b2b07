-- One notification per order, outcome and channel: the unique key is what makes a redelivered or repeated outcome
-- event harmless. Rows are written PENDING in the inbox transaction and delivered after commit by the dispatcher.
create table notification (
    id              uuid        primary key,
    order_id        uuid        not null,
    outcome         text        not null check (outcome in ('CONFIRMED', 'CANCELLED')),
    channel         text        not null,
    -- Personal data: read only to deliver, never logged or served by the API.
    recipient       text        not null,
    reason          text,
    total           numeric(12, 2),
    currency        char(3),
    status          text        not null check (status in ('PENDING', 'SENT')),
    attempts        int         not null default 0,
    last_error      text,
    -- When the dispatcher may next try: now for a new row, the end of the claim while a delivery runs, later after
    -- a failure (backoff).
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    event_id        uuid        not null,
    constraint notification_once unique (order_id, outcome, channel)
);

-- The dispatcher's work queue: only pending rows, by when they are due.
create index notification_due on notification (next_attempt_at) where status = 'PENDING';
