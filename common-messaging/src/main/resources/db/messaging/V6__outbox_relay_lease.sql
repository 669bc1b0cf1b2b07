-- Relay leadership by a lease in the database's clock (ADR 0015). A relay leads while its lease runs and renews it
-- well before the end; a standby takes it over only once it has run out, with the next epoch; every delete of
-- published rows checks the epoch in the same statement, so a former leader changes nothing. The session advisory
-- lock it replaces was kept, with the session, by a half-open connection for as long as TCP took to notice: hours.
create table outbox_relay_lease (
    relay      text        primary key,
    epoch      bigint      not null,
    holder     text,
    expires_at timestamptz not null
);

insert into outbox_relay_lease (relay, epoch, holder, expires_at) values ('outbox', 0, null, '-infinity');
