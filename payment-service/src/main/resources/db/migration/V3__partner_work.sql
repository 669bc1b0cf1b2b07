-- Partner calls move to partner work (common-messaging's partner_work table, ADR 0010). Calls due at the upgrade
-- become work items: a pending charge, and the refund of a cancelled authorized payment. A call that was attempted
-- may have reached the provider, so it is in doubt: a cancellation asks the provider before anything new happens.
-- The columns that drove the calls (reservation_event_id, traceparent, attempts, next_attempt_at, last_error) are no
-- longer written; they go in a later release (expand/contract).
insert into partner_work (id, order_id, action, partner, idempotency_key, status, void_requested, in_doubt, attempts,
                          next_attempt_at, last_error, correlation_id, causation_id, traceparent, request, created_at,
                          updated_at)
select gen_random_uuid(), order_id, 'CHARGE', 'provider', payment_id::text, 'DUE', cancelled, attempts > 0, attempts,
       now(), last_error, correlation_id, reservation_event_id, traceparent,
       jsonb_build_object('paymentId', payment_id, 'orderId', order_id, 'customerId', customer_id,
                          'amount', amount::text, 'currency', currency),
       now(), now()
from payment
where status = 'PENDING' and next_attempt_at is not null;

insert into partner_work (id, order_id, action, partner, idempotency_key, status, attempts, next_attempt_at,
                          last_error, correlation_id, causation_id, traceparent, request, created_at, updated_at)
select gen_random_uuid(), order_id, 'REFUND', 'provider', 'refund:' || payment_id, 'DUE', attempts, now(), last_error,
       correlation_id, cancel_event_id, traceparent,
       jsonb_build_object('paymentId', payment_id, 'amount', amount::text),
       now(), now()
from payment
where status = 'AUTHORIZED' and cancelled and next_attempt_at is not null;

update payment set next_attempt_at = null where next_attempt_at is not null;
