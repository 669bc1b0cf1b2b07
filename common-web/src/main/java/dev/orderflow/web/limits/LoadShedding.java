package dev.orderflow.web.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Sheds load at the API's door (ADR 0004) with resilience4j: a bulkhead bounds the requests in flight, and a rate
 * limiter per client (token subject) bounds its writes. A shed request is answered 429 with {@code Retry-After} and
 * problem details before any work is done, so a burst gets quick, retryable refusals instead of time-outs or 5xx, and a
 * request that was accepted is never dropped. Counted as {@code <metric>{reason}}; settings
 * {@code orderflow.api.load-shedding.*}.
 */
final class LoadShedding implements HandlerInterceptor {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String ADMITTED = LoadShedding.class.getName() + ".admitted";

    private final ApiLimitsProperties.LoadShedding settings;
    private final Bulkhead inFlight;
    private final RateLimiterConfig perClient;
    /** The clients seen most recently and most often; beyond {@code max-clients} the others are forgotten. */
    private final Cache<String, RateLimiter> clients;

    private final MeterRegistry meters;

    LoadShedding(ApiLimitsProperties.LoadShedding settings, BulkheadRegistry bulkheads, MeterRegistry meters) {
        this.settings = settings;
        this.inFlight = bulkheads.bulkhead(
                settings.bulkhead(),
                BulkheadConfig.custom()
                        .maxConcurrentCalls(settings.maxInFlight())
                        .maxWaitDuration(Duration.ZERO)
                        .build());
        this.perClient = RateLimiterConfig.custom()
                .limitForPeriod(settings.perClientRate())
                .limitRefreshPeriod(settings.ratePeriod())
                .timeoutDuration(Duration.ZERO)
                .build();
        this.clients = Caffeine.newBuilder().maximumSize(settings.maxClients()).build();
        this.meters = meters;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (WRITES.contains(request.getMethod()) && !rateOf(client(request)).acquirePermission()) {
            shed("client-rate");
            throw new TooManyRequestsException(
                    "Too many requests from this client; at most " + settings.perClientRate() + " per "
                            + settings.ratePeriod().toMillis() + " ms",
                    settings.ratePeriod());
        }
        if (!inFlight.tryAcquirePermission()) {
            shed("in-flight");
            throw new TooManyRequestsException(
                    "The service is handling as many requests as it can; retry shortly", Duration.ofSeconds(1));
        }
        request.setAttribute(ADMITTED, Boolean.TRUE);
        return true;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception ex) {
        if (request.getAttribute(ADMITTED) != null) {
            request.removeAttribute(ADMITTED);
            inFlight.onComplete();
        }
    }

    /**
     * The client a write is counted against: the token's subject, so a customer or a shop backend gets its own budget
     * wherever it calls from, and many clients behind one proxy or NAT do not share one; the remote address only for
     * a request without an authenticated caller (which security refuses before it gets here).
     */
    static String client(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return principal != null ? "sub:" + principal.getName() : "addr:" + request.getRemoteAddr();
    }

    /** How many clients' rate limiters are kept, once pending evictions are done. */
    long clientsKept() {
        clients.cleanUp();
        return clients.estimatedSize();
    }

    private RateLimiter rateOf(String client) {
        return clients.get(client, c -> RateLimiter.of("client", perClient));
    }

    private void shed(String reason) {
        meters.counter(settings.metric(), "reason", reason).increment();
    }
}
