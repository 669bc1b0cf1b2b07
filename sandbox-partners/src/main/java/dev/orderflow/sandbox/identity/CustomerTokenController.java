package dev.orderflow.sandbox.identity;

import dev.orderflow.sandbox.Problems;
import jakarta.validation.Valid;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Local only: a customer's access token without a login, for the storefront flows in local runs and tests. Absent (404)
 * unless {@code orderflow.sandbox.identity.customer-tokens.enabled} is true. A customer id that is a client's id (a
 * registered client's or the login's own) is refused: a subject that looks like a client must never be issued to a
 * customer, whatever a resource server makes of it.
 */
@RestController
@ConditionalOnBooleanProperty("orderflow.sandbox.identity.customer-tokens.enabled")
class CustomerTokenController {

    private final CustomerTokens tokens;
    private final RegisteredClientRepository clients;

    CustomerTokenController(CustomerTokens tokens, RegisteredClientRepository clients) {
        this.tokens = tokens;
        this.clients = clients;
    }

    @PostMapping("/sandbox/customer-tokens")
    ResponseEntity<CustomerTokenResponse> issue(@Valid @RequestBody CustomerTokenRequest request) {
        String customerId = request.customerId();
        if (CustomerTokens.CLIENT_ID.equals(customerId) || clients.findByClientId(customerId) != null) {
            throw Problems.badRequest("customerId must not be a client id");
        }
        CustomerTokens.IssuedToken token = tokens.issue(customerId);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(new CustomerTokenResponse(token.value(), "Bearer", token.expiresInSeconds(), token.scope()));
    }
}
