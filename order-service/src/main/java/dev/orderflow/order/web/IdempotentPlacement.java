package dev.orderflow.order.web;

import dev.orderflow.order.Order;
import dev.orderflow.order.OrderIntake;
import dev.orderflow.order.web.IdempotencyKeys.StoredResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Places orders under an optional {@code Idempotency-Key}: the key, the order, its OrderPlaced and the response commit
 * in one transaction, so a retried request gets the first response and never a second order.
 */
@Component
class IdempotentPlacement {

    /** Printable ASCII, as the draft's sf-string allows, and short enough to index. */
    private static final Pattern KEY_PATTERN = Pattern.compile("[\\x20-\\x7E]{1,255}");

    private final OrderIntake intake;
    private final IdempotencyKeys keys;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    IdempotentPlacement(
            OrderIntake intake, IdempotencyKeys keys, TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.intake = intake;
        this.keys = keys;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /** The key is not a valid Idempotency-Key value: 400. */
    static final class InvalidKeyException extends ErrorResponseException {
        InvalidKeyException() {
            super(HttpStatus.BAD_REQUEST);
            setTitle("Invalid Idempotency-Key");
            setDetail("Idempotency-Key must be 1 to 255 printable ASCII characters");
        }
    }

    /**
     * Places the order, once per key of this caller: keys are the caller's own (scoped by the token's subject), so
     * two clients choosing the same key neither collide nor see each other's responses.
     */
    StoredResponse place(PlaceOrderRequest request, @Nullable String key, String caller) {
        if (key == null) {
            // The intake's own transaction; the response is written after its commit.
            return accept(request);
        }
        if (!KEY_PATTERN.matcher(key).matches()) {
            throw new InvalidKeyException();
        }
        String requestHash = hash(request);
        String scopedKey = scopedKey(caller, key);
        return transactions.execute(status -> {
            Optional<StoredResponse> earlier = keys.claim(scopedKey, requestHash, clock.instant());
            if (earlier.isPresent()) {
                return earlier.get();
            }
            StoredResponse response = accept(request);
            keys.complete(scopedKey, response);
            return response;
        });
    }

    /** The key as stored: the caller's own, with the caller's length first so no two (caller, key) pairs meet. */
    static String scopedKey(String caller, String key) {
        return caller.length() + ":" + caller + ":" + key;
    }

    private StoredResponse accept(PlaceOrderRequest request) {
        Order order = intake.place(request.toNewOrder());
        return new StoredResponse(
                HttpStatus.ACCEPTED.value(), order.id(), json.writeValueAsString(OrderView.of(order)), false);
    }

    /** SHA-256 of the request in canonical form: as parsed and written back, so spacing and field order do not count. */
    private String hash(PlaceOrderRequest request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
