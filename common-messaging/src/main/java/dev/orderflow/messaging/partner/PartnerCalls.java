package dev.orderflow.messaging.partner;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The guard around one partner's calls (ADR 0004): a bulkhead (how many calls at once), a circuit breaker (stops calling
 * a partner that keeps failing) and a time limit (cancels a call that takes too long), named after the partner so each
 * is configured with {@code resilience4j.*.instances.<partner>.*} and measured as {@code resilience4j_*{name="<partner>"}}.
 * It does not retry: partner work retries later with backoff, from the database, so no two retry layers stack.
 *
 * <p>Calls are made with a {@link Permit} reserved beforehand ({@link #reserve}), so work is only taken from the
 * database when it can be called at once: a batch never fails its own calls for lack of a bulkhead slot. Every failure
 * leaves as a {@link PartnerUnavailable} (try again later; dispatched or not) or a {@link PartnerException} (it
 * answered, but not as agreed).
 */
public final class PartnerCalls {

    private final String partner;
    private final @Nullable CircuitBreaker circuitBreaker;
    private final @Nullable TimeLimiter timeLimiter;
    private final Slots slots;
    private final ExecutorService timed = Executors.newVirtualThreadPerTaskExecutor();

    private PartnerCalls(
            String partner, @Nullable CircuitBreaker circuitBreaker, @Nullable TimeLimiter timeLimiter, Slots slots) {
        this.partner = partner;
        this.circuitBreaker = circuitBreaker;
        this.timeLimiter = timeLimiter;
        this.slots = slots;
    }

    /** The guard of {@code partner}, configured by the registries (Orderflow's defaults, then the application's). */
    public static PartnerCalls of(
            String partner,
            CircuitBreakerRegistry circuitBreakers,
            BulkheadRegistry bulkheads,
            TimeLimiterRegistry timeLimiters) {
        Bulkhead bulkhead = neverWaiting(bulkheads.bulkhead(partner));
        return new PartnerCalls(
                partner, circuitBreakers.circuitBreaker(partner), timeLimiters.timeLimiter(partner), new Slots() {
                    @Override
                    public boolean tryAcquire() {
                        return bulkhead.tryAcquirePermission();
                    }

                    @Override
                    public void completed() {
                        bulkhead.onComplete();
                    }

                    @Override
                    public void unused() {
                        bulkhead.releasePermission();
                    }
                });
    }

    /**
     * A partner without resilience4j guards (the log channel, SMTP with its own time-outs), still limited to
     * {@code maxConcurrentCalls} at once.
     */
    public static PartnerCalls unguarded(String partner, int maxConcurrentCalls) {
        Semaphore semaphore = new Semaphore(maxConcurrentCalls);
        return new PartnerCalls(partner, null, null, new Slots() {
            @Override
            public boolean tryAcquire() {
                return semaphore.tryAcquire();
            }

            @Override
            public void completed() {
                semaphore.release();
            }

            @Override
            public void unused() {
                semaphore.release();
            }
        });
    }

    /**
     * The bulkhead with its wait for a free slot taken away. Slots are reserved while a consumer's batch transaction is
     * open and by the worker between polls: a reservation that waited would hold the whole batch (and the order's locks)
     * for that long once per record that finds every slot busy, so work that finds none is left due for the worker.
     */
    static Bulkhead neverWaiting(Bulkhead bulkhead) {
        BulkheadConfig config = bulkhead.getBulkheadConfig();
        if (!config.getMaxWaitDuration().isZero()) {
            bulkhead.changeConfig(
                    BulkheadConfig.from(config).maxWaitDuration(Duration.ZERO).build());
        }
        return bulkhead;
    }

    public String partner() {
        return partner;
    }

    /** The circuit breaker, if this partner has one. */
    public @Nullable CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /** The longest one call may take, if a time limit cancels it. */
    public @Nullable Duration timeLimit() {
        return timeLimiter == null ? null : timeLimiter.getTimeLimiterConfig().getTimeoutDuration();
    }

    /**
     * How many of {@code wanted} calls are worth starting now: none while the circuit is open, as many as the circuit
     * lets through to probe the partner while it is half-open, all of them otherwise.
     */
    public int capacity(int wanted) {
        if (circuitBreaker == null) {
            return wanted;
        }
        return switch (circuitBreaker.getState()) {
            case OPEN, FORCED_OPEN -> 0;
            case HALF_OPEN ->
                Math.min(wanted, circuitBreaker.getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState());
            default -> wanted;
        };
    }

    /**
     * Reserves up to {@code wanted} call slots now, without waiting: as many as the circuit lets through and the bulkhead
     * has free. Each permit is used for one call (and its lookup) and must be closed.
     */
    public List<Permit> reserve(int wanted) {
        int worth = capacity(wanted);
        List<Permit> permits = new ArrayList<>(worth);
        while (permits.size() < worth && slots.tryAcquire()) {
            permits.add(new Permit());
        }
        return permits;
    }

    /** A reserved call slot: one call through the circuit breaker and the time limit, then closed to free the slot. */
    public final class Permit implements AutoCloseable {

        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile boolean used;

        private Permit() {}

        /**
         * Makes one call, classified by {@link PartnerHttp}.
         *
         * @param operation what was asked, e.g. {@code charge}
         */
        public <T> @Nullable T call(String operation, Supplier<@Nullable T> call) {
            used = true;
            Callable<@Nullable T> classified = () -> PartnerHttp.call(partner, operation, call);
            Callable<@Nullable T> timedCall = timeLimiter == null
                    ? classified
                    : () -> timeLimiter.executeFutureSupplier(() -> timed.submit(classified));
            Callable<@Nullable T> guarded =
                    circuitBreaker == null ? timedCall : CircuitBreaker.decorateCallable(circuitBreaker, timedCall);
            try {
                return guarded.call();
            } catch (PartnerUnavailable | PartnerException e) {
                throw e;
            } catch (CallNotPermittedException e) {
                throw PartnerUnavailable.notDispatched(
                        partner + " circuit is open: " + operation + " not attempted", e);
            } catch (TimeoutException e) {
                throw PartnerUnavailable.maybeDispatched(
                        partner + " did not answer " + operation + " within " + timeLimit(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PartnerUnavailable.maybeDispatched(partner + " " + operation + " interrupted", e);
            } catch (RuntimeException e) {
                // Not an HTTP failure (a channel's own exception, a bug): whether anything went out is unknown.
                throw PartnerException.unreadable(partner + " " + operation + " failed: " + e, e);
            } catch (Exception e) {
                throw PartnerException.unreadable(partner + " " + operation + " failed: " + e, e);
            }
        }

        /** Frees the slot; closing twice is harmless. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                if (used) {
                    slots.completed();
                } else {
                    slots.unused();
                }
            }
        }
    }

    /** Where call slots come from: the resilience4j bulkhead, or a plain semaphore. */
    private interface Slots {

        boolean tryAcquire();

        void completed();

        void unused();
    }
}
