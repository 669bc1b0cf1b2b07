package dev.orderflow.order;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The answers an order holds until the step they follow is applied (ADR 0013): at most one per step, each with the time
 * this service learned it, which is the time its timeline entry shows once it is applied.
 */
final class HeldAnswers {

    /** A held answer and when this service learned it. */
    record Held(StepAnswer answer, Instant learnedAt) {

        /** The timeline entry the answer gets when it is applied. */
        Trigger entry() {
            return new Trigger(answer.event(), null, learnedAt);
        }
    }

    private @Nullable Held payment;
    private @Nullable Held shipment;

    HeldAnswers(@Nullable Held payment, @Nullable Held shipment) {
        this.payment = payment;
        this.shipment = shipment;
    }

    static HeldAnswers none() {
        return new HeldAnswers(null, null);
    }

    /** Whether an answer of the same step is held already. */
    boolean holdsStepOf(StepAnswer answer) {
        return (answer.isPayment() ? payment : shipment) != null;
    }

    void hold(StepAnswer answer, Instant learnedAt) {
        Held held = new Held(answer, learnedAt);
        if (answer.isPayment()) {
            payment = held;
        } else {
            shipment = held;
        }
    }

    /**
     * Takes the first held answer, in saga order, whose step an order of this status has applied; a final order takes
     * whatever it holds.
     */
    @Nullable
    Held takeApplicable(OrderStatus status) {
        Held taken = null;
        if (payment != null && !status.precedes(payment.answer().follows())) {
            taken = payment;
            payment = null;
        } else if (payment == null
                && shipment != null
                && !status.precedes(shipment.answer().follows())) {
            taken = shipment;
            shipment = null;
        }
        return taken;
    }

    @Nullable
    Held payment() {
        return payment;
    }

    @Nullable
    Held shipment() {
        return shipment;
    }
}
