-- The test application's record of an order for partner work: what the results of its test actions did.
create table partner_test_order (
    order_id    uuid primary key,
    completions int  not null default 0,
    voids       int  not null default 0,
    last_result text
);
