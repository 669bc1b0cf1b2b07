package dev.orderflow.sandbox.faults;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/** The run-time fault settings of one partner, applied at the start of each of its business calls. */
public final class Faults {

    private final String partner;
    private final AtomicReference<FaultSettings> settings = new AtomicReference<>(FaultSettings.NONE);

    public Faults(String partner) {
        this.partner = Objects.requireNonNull(partner, "partner");
    }

    public FaultSettings settings() {
        return settings.get();
    }

    public FaultSettings change(FaultSettings next) {
        settings.set(Objects.requireNonNull(next, "settings"));
        return next;
    }

    /**
     * Waits the configured latency, then refuses the call with the configured probability.
     *
     * @throws PartnerUnavailableException for a refused call; the caller has done nothing yet
     */
    public void apply() {
        FaultSettings current = settings.get();
        if (current.latencyMs() > 0) {
            sleep(Duration.ofMillis(current.latencyMs()));
        }
        // nextDouble() is in [0, 1): a rate of 1 refuses every call, a rate of 0 none.
        if (ThreadLocalRandom.current().nextDouble() < current.errorRate()) {
            throw new PartnerUnavailableException(partner);
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
}
