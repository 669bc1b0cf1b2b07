package dev.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class TopicsTests {

    @Test
    void defaultPrefixIsOrderflow() {
        Topics topics = Topics.withDefaultPrefix();

        assertThat(topics.orders()).isEqualTo("orderflow.orders");
        assertThat(topics.inventory()).isEqualTo("orderflow.inventory");
        assertThat(topics.payments()).isEqualTo("orderflow.payments");
        assertThat(topics.shipping()).isEqualTo("orderflow.shipping");
    }

    @Test
    void customPrefixIsolatesTests() {
        Topics topics = new Topics("it-42.");

        assertThat(topics.orders()).isEqualTo("it-42.orders");
        assertThat(topics.name("anything")).isEqualTo("it-42.anything");
    }

    @Test
    void eachProducerPublishesOnItsOwnTopic() {
        Topics topics = Topics.withDefaultPrefix();

        assertThat(topics.of(Producer.ORDER)).isEqualTo(topics.orders());
        assertThat(topics.of(Producer.INVENTORY)).isEqualTo(topics.inventory());
        assertThat(topics.of(Producer.PAYMENT)).isEqualTo(topics.payments());
        assertThat(topics.of(Producer.SHIPPING)).isEqualTo(topics.shipping());
    }

    @Test
    void eventTypeIsPublishedOnItsProducersTopic() {
        Topics topics = Topics.withDefaultPrefix();

        assertThat(topics.of(EventTypes.ORDER_CANCELLED)).isEqualTo("orderflow.orders");
        assertThat(topics.of(EventTypes.STOCK_RESERVED)).isEqualTo("orderflow.inventory");
        assertThat(topics.of(EventTypes.PAYMENT_DECLINED)).isEqualTo("orderflow.payments");
        assertThat(topics.of(EventTypes.SHIPMENT_SCHEDULED)).isEqualTo("orderflow.shipping");
    }

    @Test
    void findsTheProducerOfATopicUnderItsOwnPrefixOnly() {
        Topics topics = new Topics("it-42.");

        assertThat(topics.producerOf("it-42.orders")).contains(Producer.ORDER);
        assertThat(topics.producerOf("it-42.shipping")).contains(Producer.SHIPPING);
        assertThat(topics.producerOf("orderflow.orders")).isEmpty();
        assertThat(topics.producerOf("it-42.orders.inventory-service.dlt")).isEmpty();
    }

    @Test
    void deadLetterTopicIsPerSourceTopicAndConsumerGroup() {
        assertThat(Topics.deadLetter("orderflow.payments", "order-service"))
                .isEqualTo("orderflow.payments.order-service.dlt");
    }

    @Test
    void prefixIsRequired() {
        assertThatNullPointerException().isThrownBy(() -> new Topics(null));
    }
}
