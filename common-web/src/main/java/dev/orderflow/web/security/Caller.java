package dev.orderflow.web.security;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling: the token's subject, and whether that subject is a customer. A token issued to a client for itself
 * (client-credentials grant: its subject is its own {@code client_id}, RFC 9068 section 2.2) acts for any customer
 * within its scopes, as a shop backend does; every other token acts for the one customer that is its subject. A
 * token with neither {@code client_id} nor {@code azp} is taken as a customer's: the narrower reading.
 */
public record Caller(String subject, boolean customer) {

    /** The caller of the current request; fails when the request is not authenticated with a JWT. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return of(token.getToken());
        }
        throw new IllegalStateException("No bearer token authenticates this request");
    }

    public static Caller of(Jwt jwt) {
        String subject = Objects.requireNonNull(jwt.getSubject(), "token without subject");
        @Nullable String client = jwt.getClaimAsString("client_id");
        if (client == null) {
            client = jwt.getClaimAsString("azp");
        }
        return new Caller(subject, !subject.equals(client));
    }

    /** Whether this caller may see or act on what belongs to the given customer. */
    public boolean mayActFor(String customerId) {
        return !customer || subject.equals(customerId);
    }
}
