package dev.orderflow.bench.relay;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The smallest service on the messaging module: an outbox and its relay, as auto-configured for every Orderflow
 * service, and no consumers. The benchmark drives it from outside.
 */
@SpringBootApplication
class RelayBenchApplication {}
