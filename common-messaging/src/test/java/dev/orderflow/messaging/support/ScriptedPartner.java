package dev.orderflow.messaging.support;

import dev.orderflow.messaging.partner.PartnerException;
import dev.orderflow.messaging.partner.PartnerUnavailable;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A partner in memory whose answers a test scripts per idempotency key: it creates what it is asked to (once per key,
 * like a partner de-duplicating), or fails the way a real partner does, before or after creating anything, and it can
 * hold a call until the test releases it. It records every request it receives, and answers lookups from what it
 * created.
 */
public final class ScriptedPartner {

    /** One scripted answer. */
    public sealed interface Step {}

    /** Creates (if not yet created) and answers. */
    public record Answer() implements Step {}

    /** Refused before doing anything (a 503): nothing created, certainly not dispatched. */
    public record Unavailable() implements Step {}

    /** The request reached the partner but no answer came back: it created the record (or not) and timed out. */
    public record NoAnswer(boolean created) implements Step {}

    /** A refusal (a 4xx): nothing created. */
    public record Refuse() implements Step {}

    /** Waits until released, then takes the next step. */
    public record Hold(CountDownLatch arrived, CountDownLatch released, Step then) implements Step {

        public static Hold of(Step then) {
            return new Hold(new CountDownLatch(1), new CountDownLatch(1), then);
        }

        public boolean hasArrived() {
            return arrived.getCount() == 0;
        }

        public void release() {
            released.countDown();
        }
    }

    /** A request the partner received. */
    public record Request(String key, String kind, Instant at) {}

    private final Map<String, Deque<Step>> scripts = new ConcurrentHashMap<>();
    private final Map<String, String> created = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** The answers to the next requests with {@code key}, in order; after them it answers normally. */
    public void script(String key, Step... steps) {
        scripts.put(key, new ArrayDeque<>(List.of(steps)));
    }

    public String call(String key) {
        requests.add(new Request(key, "call", Instant.now()));
        Deque<Step> script = scripts.get(key);
        Step step = script == null ? null : script.pollFirst();
        return take(key, step == null ? new Answer() : step);
    }

    public Optional<String> lookup(String key) {
        requests.add(new Request(key, "lookup", Instant.now()));
        return Optional.ofNullable(created.get(key));
    }

    public List<Request> requests(String key) {
        return requests.stream().filter(r -> r.key().equals(key)).toList();
    }

    public boolean created(String key) {
        return created.containsKey(key);
    }

    private String take(String key, Step step) {
        return switch (step) {
            case Answer() -> created.computeIfAbsent(key, k -> "created:" + k);
            case Unavailable() -> throw PartnerUnavailable.notDispatched("scripted partner answered 503");
            case NoAnswer(boolean create) -> {
                if (create) {
                    created.computeIfAbsent(key, k -> "created:" + k);
                }
                throw PartnerUnavailable.maybeDispatched("scripted partner did not answer", null);
            }
            case Refuse() -> throw PartnerException.refused("scripted partner refused", null);
            case Hold hold -> {
                hold.arrived().countDown();
                try {
                    if (!hold.released().await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("held call never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                yield take(key, hold.then());
            }
        };
    }
}
