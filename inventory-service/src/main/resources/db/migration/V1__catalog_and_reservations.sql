-- The catalog with its stock counters. The check constraint is the last line of defence for the stock invariant:
-- a bug that would oversell or lose a unit fails its transaction instead of committing.
create table product (
    sku        text          primary key,
    name       text          not null,
    price      numeric(12,2) not null check (price > 0),
    currency   char(3)       not null,
    stocked    bigint        not null default 0,
    available  bigint        not null default 0,
    reserved   bigint        not null default 0,
    sold       bigint        not null default 0,
    created_at timestamptz   not null default now(),
    updated_at timestamptz   not null default now(),
    constraint product_stock_balanced check (
        available >= 0 and reserved >= 0 and sold >= 0 and available + reserved + sold = stocked)
);

-- Inventory's record of each order it has seen: one row per order, locked by every handler touching the order.
-- A row in CANCELLED state without lines is a tombstone: the order was cancelled before it was ever reserved.
create table reservation (
    order_id       uuid        primary key,
    reservation_id uuid,
    state          text        not null check (state in ('RESERVED', 'REJECTED', 'RELEASED', 'SOLD', 'CANCELLED')),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    check ((state in ('RESERVED', 'RELEASED', 'SOLD')) = (reservation_id is not null))
);

-- What a reservation holds, at the price it was sold for.
create table reservation_line (
    order_id   uuid          not null references reservation (order_id),
    sku        text          not null references product (sku),
    quantity   int           not null check (quantity > 0),
    unit_price numeric(12,2) not null,
    primary key (order_id, sku)
);
