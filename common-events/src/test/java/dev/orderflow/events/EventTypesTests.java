package dev.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.orderflow.events.inventory.InventoryEvent;
import dev.orderflow.events.order.OrderEvent;
import dev.orderflow.events.order.OrderPlaced;
import dev.orderflow.events.payment.PaymentEvent;
import dev.orderflow.events.shipping.ShippingEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventTypesTests {

    /** Each producer's sealed interface: its permitted records are every event that producer may publish. */
    private static final Map<Class<? extends SagaEvent>, Producer> SEALED_BY_PRODUCER = Map.of(
            OrderEvent.class, Producer.ORDER,
            InventoryEvent.class, Producer.INVENTORY,
            PaymentEvent.class, Producer.PAYMENT,
            ShippingEvent.class, Producer.SHIPPING);

    @Test
    void namesAreVersionedAndCarryTheProducer() {
        assertThat(EventTypes.ALL).allSatisfy(type -> {
            assertThat(type.name()).matches("dev\\.orderflow\\.[a-z]+\\.[a-z]+(-[a-z]+)*\\.v[1-9][0-9]*");
            assertThat(type.name().split("\\.")[2])
                    .isEqualTo(type.producer().name().toLowerCase());
            assertThat(type.name()).endsWith("." + type.version());
        });
    }

    @Test
    void versionIsTheSuffixOfTheName() {
        assertThat(EventTypes.ORDER_PLACED.version()).isEqualTo("v1");
    }

    @Test
    void namesAndPayloadTypesAreUnique() {
        assertThat(EventTypes.ALL).extracting(EventType::name).doesNotHaveDuplicates();
        assertThat(EventTypes.ALL).extracting(EventType::payloadType).doesNotHaveDuplicates();
    }

    @Test
    void namesAreNeverJavaClassNames() {
        assertThat(EventTypes.ALL)
                .allSatisfy(type ->
                        assertThat(type.name()).isNotEqualTo(type.payloadType().getName()));
    }

    @Test
    void findsATypeByItsWireName() {
        assertThat(EventTypes.byName("dev.orderflow.order.placed.v1")).contains(EventTypes.ORDER_PLACED);
        assertThat(EventTypes.ALL)
                .allSatisfy(type -> assertThat(EventTypes.byName(type.name())).contains(type));
    }

    @Test
    void unknownWireNameIsEmptySoConsumersCanSkipIt() {
        assertThat(EventTypes.byName("dev.orderflow.order.placed.v2")).isEmpty();
        assertThat(EventTypes.byName("dev.orderflow.events.order.OrderPlaced")).isEmpty();
    }

    @Test
    void findsTheTypeOfAPayloadClassAndOfAnEvent() {
        assertThat(EventTypes.of(OrderPlaced.class)).isEqualTo(EventTypes.ORDER_PLACED);
        OrderPlaced event = new OrderPlaced(UUID.randomUUID(), "c", "a@example.com", List.of(), null, null);
        assertThat(EventTypes.of(event)).isEqualTo(EventTypes.ORDER_PLACED);
    }

    @Test
    void payloadClassWithoutTypeIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EventTypes.of(Unregistered.class))
                .withMessageContaining(Unregistered.class.getName());
    }

    @Test
    void everySagaEventRecordHasAType() {
        List<Class<?>> records = SEALED_BY_PRODUCER.keySet().stream()
                .flatMap(events -> Arrays.stream(events.getPermittedSubclasses()))
                .toList();

        List<Class<?>> registered =
                EventTypes.ALL.stream().<Class<?>>map(EventType::payloadType).toList();

        assertThat(records)
                .isNotEmpty()
                .allSatisfy(type -> assertThat(type.isRecord()).isTrue());
        assertThat(registered).containsExactlyInAnyOrderElementsOf(records);
    }

    @Test
    void everyTypeIsProducedByTheServiceWhoseSealedInterfaceItImplements() {
        SEALED_BY_PRODUCER.forEach(
                (events, producer) -> assertThat(events.isSealed()).isTrue());
        assertThat(EventTypes.ALL)
                .allSatisfy(type -> assertThat(SEALED_BY_PRODUCER.entrySet())
                        .filteredOn(entry -> entry.getKey().isAssignableFrom(type.payloadType()))
                        .singleElement()
                        .extracting(Map.Entry::getValue)
                        .isEqualTo(type.producer()));
    }

    private record Unregistered(UUID orderId) implements SagaEvent {}
}
