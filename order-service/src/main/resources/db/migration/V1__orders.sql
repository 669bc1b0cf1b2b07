-- Orders, their lines and timeline, and the Idempotency-Key records of the order API.
-- The messaging tables (outbox, inbox, dead letters) come from common-messaging, versioned on their own.

create table orders (
    id                   uuid primary key,
    customer_id          text        not null,
    -- Personal data: customer_email and ship_* never leave this table except in the events that need them.
    customer_email       text        not null,
    ship_name            text        not null,
    ship_line1           text        not null,
    ship_line2           text,
    ship_city            text        not null,
    ship_postal_code     text        not null,
    ship_country         char(2)     not null,
    status               text        not null,
    cancellation_reason  text,
    total                numeric(12, 2),
    currency             char(3),
    -- The id of the order's OrderPlaced: every event of its saga carries it.
    correlation_id       uuid        not null,
    -- The last event the order received: the cause of what the service decides on its own (cancel, deadline).
    last_event_id        uuid        not null,
    completion_announced boolean     not null default false,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    status_changed_at    timestamptz not null,
    deadline_at          timestamptz not null,
    constraint orders_status check (status in ('PENDING', 'STOCK_RESERVED', 'PAID', 'COMPLETED', 'CANCELLED')),
    constraint orders_cancelled_with_reason check ((status = 'CANCELLED') = (cancellation_reason is not null))
);

-- Listings are newest first, by customer, by status or both.
create index orders_newest on orders (created_at desc, id desc);
create index orders_customer_newest on orders (customer_id, created_at desc, id desc);
create index orders_status_newest on orders (status, created_at desc, id desc);
-- The deadline scan only looks at orders in flight.
create index orders_in_flight_deadline on orders (deadline_at) where status not in ('COMPLETED', 'CANCELLED');

create table order_item (
    order_id   uuid    not null references orders (id),
    line_no    int     not null,
    sku        text    not null,
    quantity   int     not null check (quantity between 1 and 1000),
    unit_price numeric(12, 2),
    primary key (order_id, line_no),
    unique (order_id, sku)
);

create table order_timeline (
    id       bigint generated always as identity primary key,
    order_id uuid        not null references orders (id),
    status   text        not null,
    event    text        not null,
    at       timestamptz not null
);

create index order_timeline_order on order_timeline (order_id, id);

-- Idempotency-Key (IETF httpapi draft): the row is inserted before the order, in the same transaction, so its primary
-- key serialises concurrent requests with the same key; the response is stored with the order and replayed.
create table idempotency_key (
    key             text primary key,
    request_hash    text        not null,
    order_id        uuid,
    response_status int,
    response_body   text,
    created_at      timestamptz not null
);

create index idempotency_key_created_at on idempotency_key (created_at);
