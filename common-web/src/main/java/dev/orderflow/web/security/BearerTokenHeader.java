package dev.orderflow.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The bearer token of a request, as Spring Security's {@link DefaultBearerTokenResolver} reads it (RFC 6750: the
 * Authorization header only, {@code Bearer} and a b64token), which it asks about anything but the common case: exactly
 * {@code "Bearer "} and a well-formed token, checked by a loop over its characters. The default's case-insensitive
 * regular expression took 14 µs of CPU per request over a 750-character token, about what all the other security
 * filters together cost once the token is cached.
 */
final class BearerTokenHeader implements BearerTokenResolver {

    private static final String BEARER = "Bearer ";

    private final BearerTokenResolver standard = new DefaultBearerTokenResolver();

    @Override
    public @Nullable String resolve(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.startsWith(BEARER) && isToken(authorization, BEARER.length())) {
            return authorization.substring(BEARER.length());
        }
        return standard.resolve(request);
    }

    /** RFC 6750's b64token from {@code start} to the end: {@code 1*( ALPHA / DIGIT / "-._~+/" ) *"="}. */
    static boolean isToken(String value, int start) {
        int i = start;
        while (i < value.length() && isTokenCharacter(value.charAt(i))) {
            i++;
        }
        if (i == start) {
            return false;
        }
        while (i < value.length() && value.charAt(i) == '=') {
            i++;
        }
        return i == value.length();
    }

    private static boolean isTokenCharacter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }
}
