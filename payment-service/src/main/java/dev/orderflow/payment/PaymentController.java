package dev.orderflow.payment;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payments as operators and tests see them. An order has at most one; none if it was cancelled before it was charged.
 * {@code status} is AUTHORIZED, DECLINED or REFUNDED, or PENDING while the provider has not answered yet. Money is a
 * decimal string, as on the wire.
 */
@RestController
@RequestMapping("/api/payments")
class PaymentController {

    record PaymentView(
            UUID id, UUID orderId, String amount, String currency, PaymentStatus status, String refundedAmount) {

        static PaymentView of(Payment payment) {
            Payment.Charge charge = Objects.requireNonNull(payment.charge());
            return new PaymentView(
                    Objects.requireNonNull(payment.paymentId()),
                    payment.orderId(),
                    charge.amount().toPlainString(),
                    charge.currency(),
                    payment.status(),
                    payment.refundedAmount().toPlainString());
        }
    }

    private final Payments payments;

    PaymentController(Payments payments) {
        this.payments = payments;
    }

    @GetMapping
    List<PaymentView> byOrder(@RequestParam UUID orderId) {
        return payments.findVisible(orderId).stream().map(PaymentView::of).toList();
    }
}
