package dev.orderflow.messaging.support;

import dev.orderflow.events.EventTypes;
import dev.orderflow.messaging.EventHandlers;
import dev.orderflow.messaging.partner.PartnerActions;
import dev.orderflow.messaging.partner.PartnerCalls;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A minimal service on the messaging module: two consumer groups whose handlers record what they applied, and partner
 * actions calling a scripted partner.
 */
@SpringBootApplication
public class MessagingTestApplication {

    public static final String GROUP = "test-consumer";
    public static final String OTHER_GROUP = "other-consumer";
    public static final String TEST_CALL = "TEST_CALL";
    public static final String TEST_UNDO = "TEST_UNDO";
    public static final String GUARDED_CALL = "GUARDED_CALL";
    public static final String GUARDED_PARTNER = "guarded-partner";

    /** The scripted partner's calls: unguarded, four at once. */
    static final PartnerCalls SCRIPTED = PartnerCalls.unguarded("scripted", 4);

    @Bean
    EventHandlers testConsumerHandlers(TestHandlers handlers) {
        return EventHandlers.group(GROUP)
                .on(EventTypes.ORDER_PLACED, (event, context) -> handlers.apply(event, context))
                .on(EventTypes.ORDER_CANCELLED, (event, context) -> handlers.apply(event, context))
                .build();
    }

    @Bean
    RecordedSpans recordedSpans() {
        return new RecordedSpans();
    }

    @Bean
    ScriptedPartner scriptedPartner() {
        return new ScriptedPartner();
    }

    /**
     * A forward call to a partner that offers a lookup (as a payment provider's charge), a compensation (as a refund),
     * and a forward call through resilience4j guards: a bulkhead of two calls (application.properties).
     */
    @Bean
    PartnerActions testPartnerActions(
            ScriptedPartner partner,
            JdbcClient jdbc,
            CircuitBreakerRegistry circuitBreakers,
            BulkheadRegistry bulkheads,
            TimeLimiterRegistry timeLimiters) {
        return PartnerActions.of(
                new TestPartnerAction(TEST_CALL, SCRIPTED, partner, jdbc, false, true),
                new TestPartnerAction(TEST_UNDO, SCRIPTED, partner, jdbc, true, false),
                new TestPartnerAction(
                        GUARDED_CALL,
                        PartnerCalls.of(GUARDED_PARTNER, circuitBreakers, bulkheads, timeLimiters),
                        partner,
                        jdbc,
                        false,
                        true));
    }

    @Bean
    EventHandlers otherConsumerHandlers(TestHandlers handlers) {
        return EventHandlers.group(OTHER_GROUP)
                .on(EventTypes.ORDER_PLACED, (event, context) -> handlers.apply(event, context))
                .build();
    }
}
