package dev.orderflow.messaging.inbox;

import dev.orderflow.messaging.tracing.OrderIdSpans;
import io.micrometer.common.KeyValues;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/** The listener's observation as spring-kafka makes it, with the order it is about: the record key. */
final class OrderIdListenerConvention extends KafkaListenerObservation.DefaultKafkaListenerObservationConvention {

    @Override
    public KeyValues getHighCardinalityKeyValues(KafkaRecordReceiverContext context) {
        KeyValues values = super.getHighCardinalityKeyValues(context);
        Object key = context.getRecord().key();
        return key == null ? values : values.and(OrderIdSpans.ORDER_ID, key.toString());
    }
}
