-- The trace context a handler's outbox rows would carry (TraceContextPropagation.capture()), for the sampling tests.
alter table applied_event add column carried_traceparent text;
