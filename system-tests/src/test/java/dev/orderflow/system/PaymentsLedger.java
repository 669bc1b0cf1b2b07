package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.CloudEventHeaders;
import dev.orderflow.events.EventTypes;
import dev.orderflow.events.Topics;
import dev.orderflow.testsupport.SharedKafka;
import dev.orderflow.testsupport.TopicReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payments topic read as a ledger, independently of payment-service's database: per order, PaymentAuthorized and
 * PaymentAuthorizedAfterCancellation add the amount charged, PaymentRefunded takes it away. Redeliveries are folded by
 * event id. Reading it checks the ledger rule as it goes: a refund never comes before the charge it refunds, and no
 * order's balance is ever negative.
 */
final class PaymentsLedger {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, BigDecimal> netByOrder;

    private PaymentsLedger(Map<String, BigDecimal> netByOrder) {
        this.netByOrder = netByOrder;
    }

    /** Reads the whole payments topic as it is now, checking the ledger rule on every event. */
    static PaymentsLedger read() {
        String topic = new Topics(Topics.DEFAULT_PREFIX).payments();
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(SharedKafka.bootstrapServers(), topic);
        Map<String, BigDecimal> net = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String eventId = header(record, CloudEventHeaders.ID);
            if (eventId == null || !seen.add(eventId)) {
                continue;
            }
            String type = header(record, CloudEventHeaders.TYPE);
            String orderId = record.key();
            BigDecimal before = net.getOrDefault(orderId, BigDecimal.ZERO);
            BigDecimal after = before;
            if (EventTypes.PAYMENT_AUTHORIZED.name().equals(type)
                    || EventTypes.PAYMENT_AUTHORIZED_AFTER_CANCELLATION.name().equals(type)) {
                after = before.add(amount(record));
            } else if (EventTypes.PAYMENT_REFUNDED.name().equals(type)) {
                assertThat(before.signum())
                        .as("order %s: a refund on the payments topic only after the charge it refunds", orderId)
                        .isPositive();
                after = before.subtract(amount(record));
            }
            assertThat(after.signum())
                    .as("order %s: the payments ledger never goes negative", orderId)
                    .isNotNegative();
            net.put(orderId, after);
        }
        return new PaymentsLedger(net);
    }

    /** The net amount the payments topic says the provider holds for an order. */
    BigDecimal netOf(String orderId) {
        return netByOrder.getOrDefault(orderId, BigDecimal.ZERO);
    }

    private static BigDecimal amount(ConsumerRecord<String, byte[]> record) {
        JsonNode payload = JSON.readTree(record.value());
        return new BigDecimal(payload.get("amount").asString());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
