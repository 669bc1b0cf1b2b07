-- The trace the payment intent was recorded in (W3C traceparent): the provider calls and the events they lead to
-- continue it, so one order is one trace across the partner hop (issue 5).
alter table payment add column traceparent text;
