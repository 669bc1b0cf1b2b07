package dev.orderflow.sandbox.provider;

import dev.orderflow.sandbox.Problems;
import dev.orderflow.sandbox.faults.FaultSettings;
import dev.orderflow.sandbox.faults.Faults;
import dev.orderflow.sandbox.journal.Journalled;
import dev.orderflow.sandbox.journal.OrderInPath;
import dev.orderflow.sandbox.journal.PartnerCall;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox payment provider's HTTP API (docs/saga.md). Injected faults and held answers hit charges and refunds
 * only; both are journalled.
 */
@RestController
@RequestMapping("/provider")
class ProviderController implements OrderInPath {

    private static final String PARTNER = "provider";

    private final PaymentProvider provider;
    private final Faults faults = new Faults("payment provider");

    ProviderController(PaymentProvider provider) {
        this.provider = provider;
    }

    @PostMapping("/charges")
    @Journalled(partner = PARTNER, operation = "charge")
    ChargeAnswer charge(
            @RequestHeader(PartnerCall.IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @RequestBody ChargeRequest request,
            @RequestAttribute(PartnerCall.ATTRIBUTE) PartnerCall call) {
        faults.apply();
        Problems.requireKeyMatches(idempotencyKey, request.paymentId(), "paymentId");
        return call.decide(() -> provider.charge(request), faults::holdAnswer);
    }

    @PostMapping("/charges/{paymentId}/refund")
    @Journalled(partner = PARTNER, operation = "refund")
    RefundAnswer refund(
            @PathVariable UUID paymentId,
            @RequestHeader(PartnerCall.IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @RequestBody RefundRequest request,
            @RequestAttribute(PartnerCall.ATTRIBUTE) PartnerCall call) {
        faults.apply();
        Problems.requireKey(idempotencyKey);
        return call.decide(() -> provider.refund(idempotencyKey, paymentId, request.amount()), faults::holdAnswer);
    }

    /** A refund is about the order its charge was made for. */
    @Override
    public @Nullable UUID orderOf(Map<String, String> pathVariables) {
        UUID paymentId = OrderInPath.uuid(pathVariables.get("paymentId"));
        return paymentId == null ? null : provider.orderOf(paymentId);
    }

    @GetMapping("/charges")
    List<Charge> charges(@RequestParam(required = false) @Nullable UUID orderId) {
        return provider.charges(orderId);
    }

    @GetMapping("/settings")
    FaultSettings settings() {
        return faults.settings();
    }

    @PutMapping("/settings")
    FaultSettings changeSettings(@Valid @RequestBody FaultSettings settings) {
        return faults.change(settings);
    }
}
