package dev.orderflow.sandbox.identity;

import jakarta.validation.Valid;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Local only: a customer's access token without a login, for the storefront flows in local runs and tests. Absent (404)
 * unless {@code orderflow.sandbox.identity.customer-tokens.enabled} is true.
 */
@RestController
@ConditionalOnBooleanProperty("orderflow.sandbox.identity.customer-tokens.enabled")
class CustomerTokenController {

    private final CustomerTokens tokens;

    CustomerTokenController(CustomerTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/sandbox/customer-tokens")
    ResponseEntity<CustomerTokenResponse> issue(@Valid @RequestBody CustomerTokenRequest request) {
        CustomerTokens.IssuedToken token = tokens.issue(request.customerId());
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(new CustomerTokenResponse(token.value(), "Bearer", token.expiresInSeconds(), token.scope()));
    }
}
