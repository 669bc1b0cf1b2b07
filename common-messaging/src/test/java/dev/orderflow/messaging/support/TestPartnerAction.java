package dev.orderflow.messaging.support;

import dev.orderflow.messaging.partner.PartnerAction;
import dev.orderflow.messaging.partner.PartnerCalls;
import dev.orderflow.messaging.partner.PartnerWorkItem;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A partner action of the test application: calls a {@link ScriptedPartner} and records each result in
 * {@code partner_test_order}, under that row's lock, as a service records a charge.
 */
public final class TestPartnerAction implements PartnerAction<TestPartnerAction.Request, String> {

    /** What the test action sends. */
    public record Request(String payload) {}

    private final String name;
    private final PartnerCalls partner;
    private final ScriptedPartner scripted;
    private final JdbcClient jdbc;
    private final boolean compensation;
    private final boolean lookup;

    public TestPartnerAction(
            String name,
            PartnerCalls partner,
            ScriptedPartner scripted,
            JdbcClient jdbc,
            boolean compensation,
            boolean lookup) {
        this.name = name;
        this.partner = partner;
        this.scripted = scripted;
        this.jdbc = jdbc;
        this.compensation = compensation;
        this.lookup = lookup;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PartnerCalls partner() {
        return partner;
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public boolean compensation() {
        return compensation;
    }

    @Override
    public String call(Request request, PartnerWorkItem work, PartnerCalls.Permit permit) {
        return permit.call(name, () -> scripted.call(work.idempotencyKey()));
    }

    @Override
    public @Nullable Lookup<Request, String> lookup() {
        return lookup ? (request, work, permit) -> scripted.lookup(work.idempotencyKey()) : null;
    }

    @Override
    public void lock(UUID orderId) {
        jdbc.sql("insert into partner_test_order (order_id) values (:orderId) on conflict do nothing")
                .param("orderId", orderId)
                .update();
        jdbc.sql("select order_id from partner_test_order where order_id = :orderId for update")
                .param("orderId", orderId)
                .query(UUID.class)
                .single();
    }

    @Override
    public PartnerWorkItem.Status completed(PartnerWorkItem work, String result) {
        jdbc.sql("""
                        update partner_test_order set completions = completions + 1, last_result = :result
                        where order_id = :orderId
                        """).param("orderId", work.orderId()).param("result", result).update();
        return PartnerWorkItem.Status.DONE;
    }

    @Override
    public void voided(PartnerWorkItem work) {
        jdbc.sql("update partner_test_order set voids = voids + 1 where order_id = :orderId")
                .param("orderId", work.orderId())
                .update();
    }
}
