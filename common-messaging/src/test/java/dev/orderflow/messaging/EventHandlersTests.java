package dev.orderflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderflow.events.EventTypes;
import dev.orderflow.events.Producer;
import org.junit.jupiter.api.Test;

class EventHandlersTests {

    @Test
    void subscribesToTheTopicsOfTheProducersWhoseEventsItHandles() {
        EventHandlers handlers = EventHandlers.group("payment-service")
                .on(EventTypes.STOCK_RESERVED, (event, context) -> {})
                .on(EventTypes.ORDER_CANCELLED, (event, context) -> {})
                .build();

        assertThat(handlers.producers()).containsExactly(Producer.INVENTORY, Producer.ORDER);
        assertThat(handlers.handlerFor(EventTypes.STOCK_RESERVED.name())).isPresent();
        assertThat(handlers.handlerFor(EventTypes.STOCK_REJECTED.name())).isEmpty();
        assertThat(handlers.handlerFor("dev.orderflow.order.unknown.v9")).isEmpty();
    }

    @Test
    void refusesTwoHandlersForOneTypeAnEmptyGroupAndAGroupNameKafkaCannotCarry() {
        assertThatThrownBy(() -> EventHandlers.group("g")
                        .on(EventTypes.ORDER_PLACED, (event, context) -> {})
                        .on(EventTypes.ORDER_PLACED, (event, context) -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventHandlers.group("g").build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> EventHandlers.group("not a group")).isInstanceOf(IllegalArgumentException.class);
    }
}
