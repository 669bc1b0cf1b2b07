package dev.orderflow.messaging.partner;

import dev.orderflow.events.EventJson;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.incident.CompensationIncidents;
import dev.orderflow.messaging.partner.PartnerWorkItem.Status;
import dev.orderflow.messaging.tracing.TraceContextPropagation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives partner work (ADR 0010): one thread per service reserves call slots per partner, leases that many due items and
 * makes each call on a virtual thread, outside any transaction. Work scheduled while a slot is free is leased in the
 * scheduling transaction itself and handed over in memory after its commit ({@link #tryHandOver}), with no claim query
 * and no wake-up. Answers are recorded in batches by one recorder thread, one transaction for as many answers as are
 * waiting: each runs the action's {@code completed} (which locks the service's record of the order first) and settles the
 * item only if the lease is still the worker's; a lost lease rolls the batch back and its answers are recorded one by
 * one. Failed attempts and voids are recorded one at a time, rarer as they are. A commit that made work due, and every
 * finished call, wakes the worker; polling covers the rest (a crash, a lease that ran out, a backoff).
 */
final class PartnerWorker implements SmartLifecycle {

    static final String METRIC = "orderflow.partner.attempts";

    private static final Logger log = LoggerFactory.getLogger(PartnerWorker.class);
    private static final int MAX_ERROR_LENGTH = 500;
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^\\s<>\"'@,;:]+@[^\\s<>\"'@,;:]+");

    private final PartnerWorkStore store;
    private final Supplier<List<PartnerAction<?, ?>>> declared;
    private volatile @Nullable Actions actions;
    private final TransactionTemplate transactions;
    private final CompensationIncidents incidents;
    private final MessagingProperties.PartnerWorkSettings settings;
    private final RetryBackoff backoff;
    private final Clock clock;
    private final TraceContextPropagation tracing;
    private final MeterRegistry meters;
    private final BlockingQueue<Boolean> wakeUps = new ArrayBlockingQueue<>(1);
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile @Nullable Thread worker;
    private volatile @Nullable Thread recorder;
    private volatile @Nullable ExecutorService calls;

    PartnerWorker(
            PartnerWorkStore store,
            Supplier<List<PartnerAction<?, ?>>> declared,
            TransactionTemplate transactions,
            CompensationIncidents incidents,
            MessagingProperties.PartnerWorkSettings settings,
            Clock clock,
            TraceContextPropagation tracing,
            MeterRegistry meters) {
        this.store = store;
        this.declared = declared;
        this.transactions = transactions;
        this.incidents = incidents;
        this.settings = settings;
        this.backoff = RetryBackoff.exponential(settings.backoffInitial(), settings.backoffMax());
        this.clock = clock;
        this.tracing = tracing;
        this.meters = meters;
    }

    /** The service's actions by name and their partners' guards, read once all beans exist (actions may need us). */
    private record Actions(Map<String, PartnerAction<?, ?>> byName, Map<String, PartnerCalls> partners) {}

    private Actions actions() {
        Actions known = actions;
        if (known == null) {
            synchronized (this) {
                known = actions;
                if (known == null) {
                    known = resolve(declared.get(), settings);
                    actions = known;
                }
            }
        }
        return known;
    }

    private static Actions resolve(
            List<PartnerAction<?, ?>> declared, MessagingProperties.PartnerWorkSettings settings) {
        Map<String, PartnerAction<?, ?>> byName = new LinkedHashMap<>();
        Map<String, PartnerCalls> partners = new LinkedHashMap<>();
        for (PartnerAction<?, ?> action : declared) {
            if (byName.put(action.name(), action) != null) {
                throw new IllegalStateException("Two partner actions are named " + action.name());
            }
            PartnerCalls known = partners.putIfAbsent(action.partner().partner(), action.partner());
            if (known != null && known != action.partner()) {
                throw new IllegalStateException("Two guards are named " + known.partner() + ": give the actions of"
                        + " one partner the same PartnerCalls");
            }
            Duration limit = action.partner().timeLimit();
            if (limit != null && settings.lease().compareTo(limit.multipliedBy(2)) <= 0) {
                throw new IllegalStateException("orderflow.messaging.partner-work.lease (" + settings.lease()
                        + ") must exceed twice the time limit of "
                        + action.partner().partner() + " calls (" + limit
                        + ")");
            }
        }
        return new Actions(Map.copyOf(byName), partners);
    }

    /** Makes the worker look for due work now; called after a commit that made work due and after every call. */
    void wakeUp() {
        wakeUps.offer(Boolean.TRUE);
    }

    /**
     * Takes one order's due item of an action now, whenever it was scheduled, and drives it in the calling thread (an
     * operator's retry). Goes through the lease like any attempt: an item in flight is left to its worker.
     *
     * @return whether an item was taken
     */
    boolean driveNow(String actionName, UUID orderId) {
        PartnerAction<?, ?> action = actionNamed(actionName);
        if (!store.claimableNow(actionName, orderId, clock.instant())) {
            return false;
        }
        List<PartnerCalls.Permit> permits = action.partner().reserve(1);
        if (permits.isEmpty()) {
            throw PartnerUnavailable.notDispatched(
                    action.partner().partner() + " takes no calls now (circuit open or every call slot busy)", null);
        }
        PartnerCalls.Permit permit = permits.getFirst();
        Instant now = clock.instant();
        Optional<PartnerWorkItem> claimed =
                transactions.execute(status -> store.claimNow(actionName, orderId, now, now.plus(settings.lease())));
        if (claimed == null || claimed.isEmpty()) {
            permit.close();
            return false;
        }
        drive(claimed.get(), permit, true);
        return true;
    }

    @Override
    public synchronized void start() {
        if (worker == null && settings.enabled()) {
            actions();
            calls = Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("partner-call-", 0).factory());
            // Assigned before it starts: run() keeps going only while it is the current worker.
            Thread thread = Thread.ofPlatform().name("partner-work").daemon().unstarted(this::run);
            worker = thread;
            thread.start();
            Thread answering =
                    Thread.ofPlatform().name("partner-answers").daemon().unstarted(this::recordAnswers);
            recorder = answering;
            answering.start();
        }
    }

    @Override
    public synchronized void stop() {
        Thread running = worker;
        worker = null;
        if (running != null) {
            running.interrupt();
            try {
                running.join(settings.stopWait().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ExecutorService inFlight = calls;
        calls = null;
        if (inFlight != null) {
            inFlight.shutdown();
            try {
                if (!inFlight.awaitTermination(settings.stopWait().toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("Partner calls still running at shutdown: their leases run out and they are taken again");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // The recorder records what the finished calls answered, then ends.
        Thread answering = recorder;
        recorder = null;
        if (answering != null) {
            try {
                answering.join(settings.stopWait().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A call slot for work about to be scheduled, if this worker runs and its partner has one free now: the work is then
     * leased in the scheduling transaction and handed over after commit ({@link #handOver}).
     */
    PartnerCalls.@Nullable Permit tryHandOver(PartnerAction<?, ?> action) {
        if (worker == null || calls == null) {
            return null;
        }
        List<PartnerCalls.Permit> permits = action.partner().reserve(1);
        return permits.isEmpty() ? null : permits.getFirst();
    }

    /** Starts the call of work leased in its scheduling transaction, once that committed. */
    void handOver(PartnerWorkItem work, PartnerCalls.Permit permit) {
        ExecutorService executor = calls;
        if (executor == null) {
            // Stopping: the lease runs out and another worker takes it.
            permit.close();
            return;
        }
        executor.execute(() -> {
            drive(work, permit, false);
            wakeUp();
        });
    }

    Duration lease() {
        return settings.lease();
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    private void run() {
        while (worker == Thread.currentThread()) {
            boolean more = false;
            try {
                more = takeDue();
            } catch (RuntimeException e) {
                log.warn("Could not take due partner work, trying again shortly: {}", e.toString());
            }
            if (!more) {
                try {
                    wakeUps.poll(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * Reserves call slots per partner, takes as many due items and starts their calls.
     *
     * @return whether some partner filled all its slots, so more may be due at once
     */
    private boolean takeDue() {
        boolean more = false;
        for (PartnerCalls partner : actions().partners().values()) {
            ExecutorService executor = calls;
            if (executor == null) {
                return false;
            }
            List<PartnerCalls.Permit> permits = partner.reserve(settings.batchSize());
            if (permits.isEmpty()) {
                continue;
            }
            List<PartnerWorkItem> claimed;
            try {
                Instant now = clock.instant();
                claimed = transactions.execute(
                        status -> store.claim(partner.partner(), permits.size(), now, now.plus(settings.lease())));
            } catch (RuntimeException e) {
                permits.forEach(PartnerCalls.Permit::close);
                throw e;
            }
            List<PartnerWorkItem> taken = claimed == null ? List.of() : claimed;
            for (int i = 0; i < permits.size(); i++) {
                PartnerCalls.Permit permit = permits.get(i);
                if (i < taken.size()) {
                    PartnerWorkItem work = taken.get(i);
                    executor.execute(() -> {
                        drive(work, permit, false);
                        wakeUp();
                    });
                } else {
                    permit.close();
                }
            }
            more |= !taken.isEmpty() && taken.size() == permits.size();
        }
        return more;
    }

    /**
     * One attempt, and its recording: an answer queued for the recorder (or recorded at once when {@code recordNow}, as
     * an operator's retry wants to see it), anything else at once; never throws.
     */
    private void drive(PartnerWorkItem work, PartnerCalls.Permit permit, boolean recordNow) {
        PartnerAction<?, ?> action = actionNamed(work.action());
        String orderId = work.orderId().toString();
        try (permit;
                TraceContextPropagation.Continued span =
                        tracing.continueTrace(work.traceparent(), work.partner() + " " + work.action(), orderId);
                MDC.MDCCloseable o = MDC.putCloseable("orderId", orderId);
                MDC.MDCCloseable c = MDC.putCloseable(
                        "correlationId", String.valueOf(work.causation().correlationId()))) {
            Attempt attempt = attempt(action, work, permit);
            if (attempt instanceof Answered(Object result, boolean dispatched)) {
                Answer answer = new Answer(action, work, result, dispatched, tracing.capture());
                if (recordNow) {
                    recordBatch(List.of(answer));
                } else {
                    answers.add(answer);
                }
            } else {
                record(action, work, attempt);
            }
        } catch (RuntimeException e) {
            // Nothing could be recorded (database trouble): the lease runs out and the item is taken again, in doubt.
            log.warn("{} attempt {} could not be recorded: {}", work.action(), work.attempts(), e.toString());
        }
    }

    /** What one attempt came to. */
    private sealed interface Attempt {}

    /** The partner answered (or a lookup found its record): {@code dispatched} says whether a request went out. */
    private record Answered(Object result, boolean dispatched) implements Attempt {}

    /** Nothing was created at the partner, and nothing will be. */
    private record NothingCreated() implements Attempt {}

    private record Failed(String error, boolean dispatched, boolean inDoubt, boolean refused) implements Attempt {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Attempt attempt(PartnerAction action, PartnerWorkItem work, PartnerCalls.Permit permit) {
        try {
            Object request = EventJson.mapper().readValue(String.valueOf(work.request()), action.requestType());
            if (work.voidRequested()) {
                if (!work.inDoubt()) {
                    return new NothingCreated();
                }
                PartnerAction.Lookup lookup = action.lookup();
                if (lookup != null) {
                    Optional<Object> found = lookup.find(request, work, permit);
                    return found.<Attempt>map(result -> new Answered(result, false))
                            .orElseGet(NothingCreated::new);
                }
            }
            return new Answered(action.call(request, work, permit), true);
        } catch (PartnerUnavailable e) {
            return new Failed(describe(e.getMessage()), e.dispatched(), e.dispatched(), false);
        } catch (PartnerException e) {
            return new Failed(describe(e.getMessage()), true, e.inDoubt(), true);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void record(PartnerAction action, PartnerWorkItem attempted, Attempt attempt) {
        transactions.executeWithoutResult(status -> {
            action.lock(attempted.orderId());
            Optional<PartnerWorkItem> leased = store.lockLeased(attempted.id(), attempted.fence());
            if (leased.isEmpty()) {
                log.info(
                        "{} attempt {} lost its lease before it could record: its result is dropped",
                        attempted.action(),
                        attempted.attempts());
                count(attempted, "stale", false);
                return;
            }
            PartnerWorkItem work = leased.get();
            Instant now = clock.instant();
            switch (attempt) {
                case Answered answered -> throw new IllegalStateException("answers are recorded in batches");
                case NothingCreated() -> settleVoided(action, work, 0, null, now);
                case Failed f -> failed(action, work, f, now);
            }
        });
    }

    /** An answer waiting to be recorded, with the trace context of the call that got it. */
    private record Answer(
            PartnerAction<?, ?> action,
            PartnerWorkItem work,
            Object result,
            boolean dispatched,
            Map<String, String> trace) {}

    /** The lease of an answer's work was lost: the whole batch rolls back. */
    private static final class LeaseLost extends RuntimeException {

        private final Answer answer;

        LeaseLost(Answer answer) {
            super("lease lost", null, false, false);
            this.answer = answer;
        }
    }

    private static final int MAX_ANSWERS_PER_TRANSACTION = 64;

    /** The recorder thread: every waiting answer in one transaction; on stop, what is left, then it ends. */
    private void recordAnswers() {
        while (true) {
            Answer first;
            try {
                first = answers.poll(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                first = answers.poll();
            }
            if (first == null) {
                if (recorder != Thread.currentThread() && calls == null) {
                    return;
                }
                continue;
            }
            List<Answer> batch = new ArrayList<>();
            batch.add(first);
            answers.drainTo(batch, MAX_ANSWERS_PER_TRANSACTION - 1);
            recordBatch(batch);
        }
    }

    private void recordBatch(List<Answer> batch) {
        if (batch.size() > 1) {
            try {
                List<Status> settled = transactions.execute(status -> {
                    List<Status> done = new ArrayList<>(batch.size());
                    for (Answer answer : batch) {
                        done.add(complete(answer));
                    }
                    return done;
                });
                for (int i = 0; i < batch.size(); i++) {
                    counted(batch.get(i), settled.get(i));
                }
                return;
            } catch (RuntimeException e) {
                log.debug(
                        "Recording {} answers together failed, recording them one by one: {}",
                        batch.size(),
                        e.toString());
            }
        }
        for (Answer answer : batch) {
            try {
                counted(answer, transactions.execute(status -> complete(answer)));
            } catch (LeaseLost lost) {
                log.info(
                        "{} attempt {} lost its lease before it could record: its result is dropped",
                        answer.work().action(),
                        answer.work().attempts());
                count(answer.work(), "stale", false);
            } catch (RuntimeException e) {
                // Nothing recorded (database trouble): the lease runs out and the item is taken again, in doubt.
                log.warn(
                        "{} attempt {} could not be recorded: {}",
                        answer.work().action(),
                        answer.work().attempts(),
                        e.toString());
            }
        }
    }

    /**
     * Records one answer in the caller's transaction: the action's {@code completed} first (it locks the service's record
     * of the order), then the item settles in the same statement that checks the lease is still this worker's.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Status complete(Answer answer) {
        PartnerWorkItem work = answer.work();
        String orderId = work.orderId().toString();
        try (TraceContextPropagation.Continued trace = tracing.carry(answer.trace());
                MDC.MDCCloseable o = MDC.putCloseable("orderId", orderId);
                MDC.MDCCloseable c = MDC.putCloseable(
                        "correlationId", String.valueOf(work.causation().correlationId()))) {
            Status settled = ((PartnerAction) answer.action()).completed(work, answer.result());
            if (settled != Status.DONE && settled != Status.FAILED) {
                throw new IllegalStateException(work.action() + " completed as " + settled);
            }
            if (!store.settleLeased(work.id(), work.fence(), settled, answer.dispatched() ? 1 : 0, clock.instant())) {
                throw new LeaseLost(answer);
            }
            if (answer.action().compensation()) {
                incidents.resolve(work.orderId(), work.action());
            }
            return settled;
        }
    }

    private void counted(Answer answer, Status settled) {
        count(answer.work(), settled.name().toLowerCase(Locale.ROOT), answer.dispatched());
    }

    private void failed(PartnerAction<?, ?> action, PartnerWorkItem work, Failed failure, Instant now) {
        int dispatched = failure.dispatched() ? 1 : 0;
        if (work.voidRequested() && !(work.inDoubt() || failure.inDoubt())) {
            // Cancelled while this attempt ran, and it certainly created nothing: nothing ever will be.
            settleVoided(action, work, dispatched, failure.error(), now);
            return;
        }
        boolean incident = action.compensation() && work.attempts() >= settings.incidentAfterAttempts();
        Instant retryAt = now.plus(incident ? settings.incidentRetryInterval() : backoff.after(work.attempts()));
        store.retryLater(work.id(), retryAt, failure.error(), dispatched, failure.inDoubt(), now);
        count(work, "retry", failure.dispatched());
        String message = "{} attempt {} failed ({}), next at {}: {}";
        if (failure.refused()) {
            log.error(message, work.action(), work.attempts(), dispatchedText(failure), retryAt, failure.error());
        } else {
            log.warn(message, work.action(), work.attempts(), dispatchedText(failure), retryAt, failure.error());
        }
        if (incident) {
            incidents.recordFailure(work.orderId(), work.action(), work.attempts(), failure.error());
            log.error("{} keeps failing ({} attempts): incident open", work.action(), work.attempts());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void settleVoided(
            PartnerAction action, PartnerWorkItem work, int dispatched, @Nullable String error, Instant now) {
        store.settle(work.id(), Status.VOIDED, dispatched, error, now);
        action.voided(work);
        count(work, "voided", dispatched > 0);
        log.info("{} voided: the order was cancelled and nothing was created at {}", work.action(), work.partner());
    }

    private static String dispatchedText(Failed failure) {
        if (!failure.dispatched()) {
            return "not dispatched";
        }
        return failure.inDoubt() ? "outcome unknown" : "refused";
    }

    private void count(PartnerWorkItem work, String outcome, boolean dispatched) {
        counters.computeIfAbsent(
                        work.action() + "/" + outcome + "/" + dispatched,
                        key -> Counter.builder(METRIC)
                                .description("Attempts of partner calls by action and how they ended")
                                .tag("action", work.action())
                                .tag("outcome", outcome)
                                .tag("dispatched", Boolean.toString(dispatched))
                                .register(meters))
                .increment();
    }

    PartnerAction<?, ?> action(String name) {
        return actionNamed(name);
    }

    private PartnerAction<?, ?> actionNamed(String name) {
        PartnerAction<?, ?> action = actions().byName().get(name);
        if (action == null) {
            throw new IllegalStateException("No PartnerAction named " + name + " in this service");
        }
        return action;
    }

    /** An error fit to store and log: email addresses (personal data) masked, bounded in length. */
    static String describe(@Nullable String error) {
        String masked =
                EMAIL_ADDRESS.matcher(error == null ? "unknown error" : error).replaceAll("***");
        return masked.length() <= MAX_ERROR_LENGTH ? masked : masked.substring(0, MAX_ERROR_LENGTH);
    }
}
