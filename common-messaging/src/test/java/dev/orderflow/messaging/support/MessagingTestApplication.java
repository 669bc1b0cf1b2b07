package dev.orderflow.messaging.support;

import dev.orderflow.events.EventTypes;
import dev.orderflow.messaging.EventHandlers;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A minimal service on the messaging module: two consumer groups whose handlers record what they applied. */
@SpringBootApplication
public class MessagingTestApplication {

    public static final String GROUP = "test-consumer";
    public static final String OTHER_GROUP = "other-consumer";

    @Bean
    EventHandlers testConsumerHandlers(TestHandlers handlers) {
        return EventHandlers.group(GROUP)
                .on(EventTypes.ORDER_PLACED, (event, context) -> handlers.apply(event, context))
                .on(EventTypes.ORDER_CANCELLED, (event, context) -> handlers.apply(event, context))
                .build();
    }

    @Bean
    EventHandlers otherConsumerHandlers(TestHandlers handlers) {
        return EventHandlers.group(OTHER_GROUP)
                .on(EventTypes.ORDER_PLACED, (event, context) -> handlers.apply(event, context))
                .build();
    }
}
