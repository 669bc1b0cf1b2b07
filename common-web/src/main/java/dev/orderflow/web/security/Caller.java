package dev.orderflow.web.security;

import java.util.Collection;
import java.util.Objects;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling: the token's subject, and whether that subject is a customer. Only the explicit grant, the scope
 * {@link Scopes#ORDERS_ANY_CUSTOMER}, makes a token act for any customer within its other scopes, as a shop backend or
 * an operator does; every other token acts for the one customer that is its subject (ADR 0016). Names are never
 * compared: a subject equal to a client id grants nothing, because a login may let a customer choose such a subject.
 */
public record Caller(String subject, boolean customer) {

    private static final String ANY_CUSTOMER = Scopes.authority(Scopes.ORDERS_ANY_CUSTOMER);

    /** The caller of the current request; fails when the request is not authenticated with a JWT. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return of(token);
        }
        throw new IllegalStateException("No bearer token authenticates this request");
    }

    /** The caller a verified token stands for: its authorities are its scopes, as Spring Security mapped them. */
    public static Caller of(JwtAuthenticationToken token) {
        String subject = Objects.requireNonNull(token.getToken().getSubject(), "token without subject");
        return new Caller(subject, !granted(token.getAuthorities()));
    }

    private static boolean granted(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().anyMatch(authority -> ANY_CUSTOMER.equals(authority.getAuthority()));
    }

    /** Whether this caller may see or act on what belongs to the given customer. */
    public boolean mayActFor(String customerId) {
        return !customer || subject.equals(customerId);
    }
}
