-- Deliveries move to partner work (common-messaging's partner_work table, ADR 0010): one work item per notification,
-- keyed by the notification id (the stable message id), under the action of its channel. Notifications pending at the
-- upgrade become due work items whose request carries what the channel needs; it holds the recipient (personal data),
-- which partner work clears once the item settles. Attempted ones may have reached the receiver: in doubt.
insert into partner_work (id, order_id, action, partner, idempotency_key, status, in_doubt, attempts, next_attempt_at,
                          last_error, causation_id, request, created_at, updated_at)
select gen_random_uuid(), order_id, 'NOTIFY_' || upper(channel),
       case channel when 'email' then 'smtp' else channel end,
       id::text, 'DUE', attempts > 0, attempts, now(), last_error, event_id,
       jsonb_build_object('notificationId', id, 'orderId', order_id, 'outcome', outcome, 'recipient', recipient,
                          'reason', reason, 'total', total::text, 'currency', currency),
       now(), now()
from notification
where status = 'PENDING'
on conflict (action, idempotency_key) do nothing;

-- attempts, last_error and next_attempt_at drove the previous version's dispatcher and are no longer written; they go
-- in a later release (expand/contract). 'infinity' keeps a replica of that version, still running during the rollout,
-- off the rows partner work now delivers.
update notification set next_attempt_at = 'infinity' where status = 'PENDING';
