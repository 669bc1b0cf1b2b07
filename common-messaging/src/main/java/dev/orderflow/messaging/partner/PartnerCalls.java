package dev.orderflow.messaging.partner;

import dev.orderflow.messaging.TransientFailure;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The resilience4j guard around one partner's calls (ADR 0004): a bulkhead (how many calls at once, how long one waits
 * for its turn), a circuit breaker (stops calling a partner that keeps failing) and a time limit (cancels a call that
 * takes too long), named after the partner so each is configured with {@code resilience4j.*.instances.<partner>.*} and
 * measured as {@code resilience4j_*{name="<partner>"}}. It does not retry: the caller's processor retries later with
 * backoff, from the database, so no two retry layers stack.
 *
 * <p>Every failure leaves as one of two exceptions: {@link TransientFailure} (the partner is unavailable, slow, busy or
 * its circuit is open: try again later) or {@link PartnerException} (it answered, but not as agreed).
 */
public final class PartnerCalls {

    private final String partner;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;
    private final TimeLimiter timeLimiter;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    private PartnerCalls(String partner, CircuitBreaker circuitBreaker, Bulkhead bulkhead, TimeLimiter timeLimiter) {
        this.partner = partner;
        this.circuitBreaker = circuitBreaker;
        this.bulkhead = bulkhead;
        this.timeLimiter = timeLimiter;
    }

    /** The guard of {@code partner}, configured by the registries (Orderflow's defaults, then the application's). */
    public static PartnerCalls of(
            String partner,
            CircuitBreakerRegistry circuitBreakers,
            BulkheadRegistry bulkheads,
            TimeLimiterRegistry timeLimiters) {
        return new PartnerCalls(
                partner,
                circuitBreakers.circuitBreaker(partner),
                bulkheads.bulkhead(partner),
                timeLimiters.timeLimiter(partner));
    }

    public String partner() {
        return partner;
    }

    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /**
     * How many of {@code wanted} calls are worth starting now: none while the circuit is open, as many as the circuit
     * lets through to probe the partner while it is half-open, all of them otherwise.
     */
    public int capacity(int wanted) {
        return switch (circuitBreaker.getState()) {
            case OPEN, FORCED_OPEN -> 0;
            case HALF_OPEN ->
                Math.min(wanted, circuitBreaker.getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState());
            default -> wanted;
        };
    }

    /**
     * Makes one call through the bulkhead, the circuit breaker and the time limit, classified by {@link PartnerHttp}.
     *
     * @param operation what was asked, e.g. {@code charge}
     */
    public <T> @Nullable T call(String operation, Supplier<@Nullable T> call) {
        Callable<@Nullable T> timed = () ->
                timeLimiter.executeFutureSupplier(() -> calls.submit(() -> PartnerHttp.call(partner, operation, call)));
        Callable<@Nullable T> guarded =
                Bulkhead.decorateCallable(bulkhead, CircuitBreaker.decorateCallable(circuitBreaker, timed));
        try {
            return guarded.call();
        } catch (TransientFailure | PartnerException e) {
            throw e;
        } catch (CallNotPermittedException e) {
            throw new TransientFailure(partner + " circuit is open: " + operation + " not attempted", e);
        } catch (BulkheadFullException e) {
            throw new TransientFailure(
                    partner + " is busy: no call slot for " + operation + " within "
                            + bulkhead.getBulkheadConfig().getMaxWaitDuration(),
                    e);
        } catch (TimeoutException e) {
            throw new TransientFailure(
                    partner + " did not answer " + operation + " within "
                            + timeLimiter.getTimeLimiterConfig().getTimeoutDuration(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure(partner + " " + operation + " interrupted", e);
        } catch (Exception e) {
            throw new PartnerException(partner + " " + operation + " failed: " + e, e);
        }
    }
}
