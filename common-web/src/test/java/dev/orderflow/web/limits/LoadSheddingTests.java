package dev.orderflow.web.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.ErrorResponseException;

/** Load shedding by itself: a write budget per token subject, a bound on requests in flight, a bounded client list. */
class LoadSheddingTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LoadShedding shedding = new LoadShedding(
            new Binder(new MapConfigurationPropertySource(Map.of(
                            "orderflow.api.load-shedding.per-client-rate", "2",
                            "orderflow.api.load-shedding.rate-period", "1m",
                            "orderflow.api.load-shedding.max-in-flight", "1",
                            "orderflow.api.load-shedding.max-clients", "3",
                            "orderflow.api.load-shedding.metric", "test.shed")))
                    .bindOrCreate("orderflow.api", ApiLimitsProperties.class)
                    .loadShedding(),
            BulkheadRegistry.ofDefaults(),
            meters);

    @Test
    void aClientBeyondItsWriteBudgetIsShedWhileOtherClientsAndReadsGoOn() {
        admitAndComplete(write("ana"));
        admitAndComplete(write("ana"));

        assertThatThrownBy(() -> shedding.preHandle(write("ana"), new MockHttpServletResponse(), this))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(429);
                    assertThat(e.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("60");
                });
        admitAndComplete(write("bob"));
        admitAndComplete(request("GET", "ana"));
        assertThat(meters.counter("test.shed", "reason", "client-rate").count()).isEqualTo(1);
    }

    @Test
    void requestsBeyondTheInFlightLimitAreShedUntilOneCompletes() {
        MockHttpServletRequest first = request("GET", "ana");
        assertThat(shedding.preHandle(first, new MockHttpServletResponse(), this))
                .isTrue();

        assertThatThrownBy(() -> shedding.preHandle(request("GET", "bob"), new MockHttpServletResponse(), this))
                .isInstanceOf(TooManyRequestsException.class);
        shedding.afterCompletion(first, new MockHttpServletResponse(), this, null);
        admitAndComplete(request("GET", "bob"));
        assertThat(meters.counter("test.shed", "reason", "in-flight").count()).isEqualTo(1);
    }

    @Test
    void onlyTheConfiguredNumberOfClientsIsKept() {
        for (int i = 0; i < 50; i++) {
            admitAndComplete(write("client-" + i));
        }

        assertThat(shedding.clientsKept()).isLessThanOrEqualTo(3);
    }

    private void admitAndComplete(MockHttpServletRequest request) {
        assertThat(shedding.preHandle(request, new MockHttpServletResponse(), this))
                .isTrue();
        shedding.afterCompletion(request, new MockHttpServletResponse(), this, null);
    }

    private static MockHttpServletRequest write(String subject) {
        return request("POST", subject);
    }

    private static MockHttpServletRequest request(String method, String subject) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/things");
        request.setUserPrincipal(() -> subject);
        return request;
    }
}
