package dev.orderflow.sandbox.identity;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An RFC 6749 §5.1 token response, as {@code /oauth2/token} gives one. */
record CustomerTokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("scope") String scope) {}
