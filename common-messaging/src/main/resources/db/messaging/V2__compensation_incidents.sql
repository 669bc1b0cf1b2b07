-- Compensations (refunds, carrier cancellations) that keep failing, for operators and alerts; one per order and
-- action. Written by the saga participants that compensate through a partner.
create table compensation_incident (
    id          uuid        primary key,
    order_id    uuid        not null,
    action      text        not null,
    status      text        not null check (status in ('OPEN', 'RESOLVED')),
    attempts    int         not null,
    last_error  text,
    opened_at   timestamptz not null,
    updated_at  timestamptz not null,
    resolved_at timestamptz,
    unique (order_id, action)
);

create index compensation_incident_open on compensation_incident (opened_at) where status = 'OPEN';
