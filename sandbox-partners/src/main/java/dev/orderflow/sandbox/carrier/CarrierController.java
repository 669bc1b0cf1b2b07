package dev.orderflow.sandbox.carrier;

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
 * The sandbox carrier's HTTP API (docs/saga.md). Injected faults and held answers hit bookings and cancellations only;
 * both are journalled.
 */
@RestController
@RequestMapping("/carrier")
class CarrierController implements OrderInPath {

    private static final String PARTNER = "carrier";

    private final Carrier carrier;
    private final Faults faults = new Faults("carrier");

    CarrierController(Carrier carrier) {
        this.carrier = carrier;
    }

    @PostMapping("/shipments")
    @Journalled(partner = PARTNER, operation = "book")
    BookingAnswer book(
            @RequestHeader(PartnerCall.IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @RequestBody BookingRequest request,
            @RequestAttribute(PartnerCall.ATTRIBUTE) PartnerCall call) {
        faults.apply();
        Problems.requireKeyMatches(idempotencyKey, request.orderId(), "orderId");
        return call.decide(() -> carrier.book(request), faults::holdAnswer);
    }

    @PostMapping("/shipments/{orderId}/cancel")
    @Journalled(partner = PARTNER, operation = "cancel")
    CancelAnswer cancel(
            @PathVariable UUID orderId,
            @RequestHeader(PartnerCall.IDEMPOTENCY_KEY) String idempotencyKey,
            @RequestAttribute(PartnerCall.ATTRIBUTE) PartnerCall call) {
        faults.apply();
        Problems.requireKey(idempotencyKey);
        return call.decide(() -> carrier.cancel(idempotencyKey, orderId), faults::holdAnswer);
    }

    @Override
    public @Nullable UUID orderOf(Map<String, String> pathVariables) {
        return OrderInPath.uuid(pathVariables.get("orderId"));
    }

    @GetMapping("/shipments")
    List<Shipment> shipments(@RequestParam(required = false) @Nullable UUID orderId) {
        return carrier.shipments(orderId);
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
