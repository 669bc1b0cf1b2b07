-- The trace the shipment intent was recorded in (W3C traceparent): the carrier calls and the events they lead to
-- continue it, so one order is one trace across the partner hop (issue 5).
alter table shipment add column traceparent text;
