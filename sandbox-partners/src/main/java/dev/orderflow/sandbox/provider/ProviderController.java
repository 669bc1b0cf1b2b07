package dev.orderflow.sandbox.provider;

import dev.orderflow.sandbox.Problems;
import dev.orderflow.sandbox.faults.FaultSettings;
import dev.orderflow.sandbox.faults.Faults;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The sandbox payment provider's HTTP API (docs/saga.md). Injected faults hit charges and refunds only. */
@RestController
@RequestMapping("/provider")
class ProviderController {

    private final PaymentProvider provider;
    private final Faults faults = new Faults("payment provider");

    ProviderController(PaymentProvider provider) {
        this.provider = provider;
    }

    @PostMapping("/charges")
    ChargeAnswer charge(
            @RequestHeader("Idempotency-Key") String idempotencyKey, @Valid @RequestBody ChargeRequest request) {
        faults.apply();
        Problems.requireKeyMatches(idempotencyKey, request.paymentId(), "paymentId");
        return provider.charge(request);
    }

    @PostMapping("/charges/{paymentId}/refund")
    RefundAnswer refund(
            @PathVariable UUID paymentId,
            @RequestHeader("Idempotency-Key") String idempotencyKey,
            @Valid @RequestBody RefundRequest request) {
        faults.apply();
        Problems.requireKey(idempotencyKey);
        return provider.refund(idempotencyKey, paymentId, request.amount());
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
