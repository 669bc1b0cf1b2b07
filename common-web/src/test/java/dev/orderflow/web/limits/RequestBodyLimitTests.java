package dev.orderflow.web.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;

/** The body limit without a Content-Length (chunked uploads): what MockMvc cannot send. */
class RequestBodyLimitTests {

    private final RequestBodyLimit limit = new RequestBodyLimit(
            new Binder(new MapConfigurationPropertySource(Map.of("orderflow.api.max-request-body", "10B")))
                    .bindOrCreate("orderflow.api", ApiLimitsProperties.class)
                    .maxRequestBody());

    @Test
    void bodyOverTheLimitWithoutContentLengthIsRefusedAfterReadingOneByteMore() {
        ByteArrayInputStream stream = new ByteArrayInputStream("01234567890123456789".getBytes());

        assertThatThrownBy(() -> limit.beforeBodyRead(message(stream, -1), null, Object.class, null))
                .isInstanceOf(RequestBodyLimit.TooLargeException.class);
        assertThat(stream.available()).isEqualTo(9);
    }

    @Test
    void bodyOverTheLimitByContentLengthIsRefusedWithoutReadingIt() {
        ByteArrayInputStream stream = new ByteArrayInputStream("01234567890123456789".getBytes());

        assertThatThrownBy(() -> limit.beforeBodyRead(message(stream, 20), null, Object.class, null))
                .isInstanceOf(RequestBodyLimit.TooLargeException.class);
        assertThat(stream.available()).isEqualTo(20);
    }

    @Test
    void bodyWithinTheLimitIsPassedOnWhole() throws Exception {
        HttpInputMessage passed = limit.beforeBodyRead(
                message(new ByteArrayInputStream("0123456789".getBytes()), -1), null, Object.class, null);

        assertThat(passed.getBody().readAllBytes()).asString().isEqualTo("0123456789");
    }

    private static HttpInputMessage message(InputStream body, long contentLength) {
        HttpHeaders headers = new HttpHeaders();
        if (contentLength >= 0) {
            headers.setContentLength(contentLength);
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return body;
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }
}
