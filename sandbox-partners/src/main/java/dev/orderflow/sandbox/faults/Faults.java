package dev.orderflow.sandbox.faults;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run-time fault settings of one partner: latency and errors applied at the start of each of its business calls,
 * and held answers released when holding is switched off.
 */
public final class Faults {

    /** The longest a held answer waits; then it is sent anyway, so a forgotten hold cannot wedge a caller for good. */
    public static final Duration HOLD_LIMIT = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(Faults.class);

    private final String partner;
    private final Duration holdLimit;
    private volatile State state = new State(FaultSettings.NONE, new CompletableFuture<>());

    public Faults(String partner) {
        this(partner, HOLD_LIMIT);
    }

    Faults(String partner, Duration holdLimit) {
        this.partner = Objects.requireNonNull(partner, "partner");
        this.holdLimit = Objects.requireNonNull(holdLimit, "holdLimit");
    }

    public FaultSettings settings() {
        return state.settings();
    }

    /** Takes new settings; switching holding off releases every held answer at once. */
    public synchronized FaultSettings change(FaultSettings next) {
        Objects.requireNonNull(next, "settings");
        State current = state;
        if (current.settings().holding() && !next.holding()) {
            current.released().complete(null);
            state = new State(next, new CompletableFuture<>());
        } else {
            state = new State(next, current.released());
        }
        return next;
    }

    /**
     * Waits the configured latency, then refuses the call with the configured probability.
     *
     * @throws PartnerUnavailableException for a refused call; the caller has done nothing yet
     */
    public void apply() {
        FaultSettings current = state.settings();
        if (current.latencyMs() > 0) {
            sleep(Duration.ofMillis(current.latencyMs()));
        }
        // nextDouble() is in [0, 1): a rate of 1 refuses every call, a rate of 0 none.
        if (ThreadLocalRandom.current().nextDouble() < current.errorRate()) {
            throw new PartnerUnavailableException(partner);
        }
    }

    /**
     * Called between deciding a call and answering it: while holding is on, waits until it is switched off, or for the
     * hold limit. Parks only this request's (virtual) thread.
     */
    public void holdAnswer() {
        State current = state;
        if (!current.settings().holding()) {
            return;
        }
        try {
            current.released().get(holdLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Answering a held {} call after {}: holding was not switched off", partner, holdLimit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Held answers are released, never failed", e);
        }
    }

    private static void sleep(Duration latency) {
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while injecting latency", e);
        }
    }

    /** The settings and the release of the answers held under them, swapped together. */
    private record State(FaultSettings settings, CompletableFuture<Void> released) {}
}
