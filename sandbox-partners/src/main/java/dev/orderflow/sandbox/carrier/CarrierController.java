package dev.orderflow.sandbox.carrier;

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

/** The sandbox carrier's HTTP API (docs/saga.md). Injected faults hit bookings and cancellations only. */
@RestController
@RequestMapping("/carrier")
class CarrierController {

    private final Carrier carrier;
    private final Faults faults = new Faults("carrier");

    CarrierController(Carrier carrier) {
        this.carrier = carrier;
    }

    @PostMapping("/shipments")
    BookingAnswer book(
            @RequestHeader("Idempotency-Key") String idempotencyKey, @Valid @RequestBody BookingRequest request) {
        faults.apply();
        Problems.requireKeyMatches(idempotencyKey, request.orderId(), "orderId");
        return carrier.book(request);
    }

    @PostMapping("/shipments/{orderId}/cancel")
    CancelAnswer cancel(@PathVariable UUID orderId, @RequestHeader("Idempotency-Key") String idempotencyKey) {
        faults.apply();
        Problems.requireKey(idempotencyKey);
        return carrier.cancel(idempotencyKey, orderId);
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
