-- Order-service consumes each participant's topic on its own, so a payment or shipping answer can arrive before the step
-- it follows (ADR 0013). The order holds it here, not applied, until that step is: the order never shows a status without
-- the facts it implies, and its timeline lists the steps in saga order, each at the time it was learned (held_*_at).
-- Expand only: nullable columns without a default, so adding them rewrites nothing; a replica of the previous version
-- ignores them during a rollout.
alter table orders
    add column held_payment     text,
    add column held_payment_at  timestamptz,
    add column held_shipment    text,
    add column held_shipment_at timestamptz,
    -- Every existing row holds nothing, so there is nothing to validate: "not valid" spares a scan of the whole table
    -- under this migration's exclusive lock; new and updated rows are checked all the same.
    add constraint orders_held_payment check (
        (held_payment is null) = (held_payment_at is null)
        and held_payment in ('PaymentAuthorized', 'PaymentDeclined')) not valid,
    add constraint orders_held_shipment check (
        (held_shipment is null) = (held_shipment_at is null)
        and held_shipment in ('ShipmentScheduled', 'ShipmentFailed')) not valid;
