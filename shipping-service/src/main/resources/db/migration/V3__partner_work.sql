-- Carrier calls move to partner work (common-messaging's partner_work table, ADR 0010). Calls due at the upgrade
-- become work items: a pending booking, and the carrier cancellation of a cancelled scheduled shipment. A call that was
-- attempted may have reached the carrier, so it is in doubt: a cancellation asks the carrier before anything new
-- happens. The columns that drove the calls (payment_event_id, traceparent, attempts, next_attempt_at, last_error) are
-- no longer written; they go in a later release (expand/contract).
insert into partner_work (id, order_id, action, partner, idempotency_key, status, void_requested, in_doubt, attempts,
                          next_attempt_at, last_error, correlation_id, causation_id, traceparent, request, created_at,
                          updated_at)
select gen_random_uuid(), order_id, 'BOOK', 'carrier', order_id::text, 'DUE', cancelled, attempts > 0, attempts, now(),
       last_error, correlation_id, payment_event_id, traceparent,
       jsonb_build_object('orderId', order_id) || (shipping_address - 'orderId'),
       now(), now()
from shipment
where status = 'PENDING' and next_attempt_at is not null and shipping_address is not null;

insert into partner_work (id, order_id, action, partner, idempotency_key, status, attempts, next_attempt_at,
                          last_error, correlation_id, causation_id, traceparent, request, created_at, updated_at)
select gen_random_uuid(), order_id, 'CANCEL_BOOKING', 'carrier', 'cancel:' || order_id, 'DUE', attempts, now(),
       last_error, correlation_id, cancel_event_id, traceparent, jsonb_build_object('orderId', order_id), now(), now()
from shipment
where status = 'SCHEDULED' and cancelled and next_attempt_at is not null;

update shipment set next_attempt_at = null where next_attempt_at is not null;
