package dev.orderflow.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.testsupport.TestIdentityProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The token is read exactly as Spring Security's default resolver reads it, malformed headers included. */
class BearerTokenHeaderTests {

    private final BearerTokenResolver quick = new BearerTokenHeader();
    private final BearerTokenResolver standard = new DefaultBearerTokenResolver();

    @Test
    void readsEveryHeaderAsTheDefaultResolverDoes() {
        List<@Nullable String> headers = new ArrayList<>(Arrays.asList(
                null,
                "",
                "Bearer",
                "Bearer ",
                "Bearer abc",
                "bearer abc",
                "BEARER abc",
                "Bearer abc==",
                "Bearer a=b",
                "Bearer =",
                "Bearer  abc",
                "Bearer abc ",
                "Bearer\tabc",
                "Bearer abc\n",
                "Basic dXNlcjpwYXNz",
                "Bearerabc",
                "Bearer " + TestIdentityProvider.shared().clientToken()));
        for (char c = 0; c < 0x3000; c++) {
            headers.add("Bearer a" + c);
            headers.add("Bearer " + c + "a");
        }

        for (String header : headers) {
            assertThat(outcome(quick, header)).as("header %s", header).isEqualTo(outcome(standard, header));
        }
    }

    @Test
    void aWellFormedTokenIsReadAsSent() {
        String token = TestIdentityProvider.shared().clientToken();

        assertThat(outcome(quick, "Bearer " + token)).isEqualTo("token " + token);
    }

    /** The token read, or the OAuth2 error the header was refused with. */
    private static String outcome(BearerTokenResolver resolver, @Nullable String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders");
        if (header != null) {
            request.addHeader(HttpHeaders.AUTHORIZATION, header);
        }
        try {
            return "token " + resolver.resolve(request);
        } catch (OAuth2AuthenticationException e) {
            return "refused " + e.getError().getErrorCode() + " " + e.getError().getDescription();
        }
    }
}
