package dev.orderflow.messaging.partner;

import static dev.orderflow.messaging.support.MessagingTestApplication.GUARDED_CALL;
import static dev.orderflow.messaging.support.MessagingTestApplication.TEST_CALL;
import static dev.orderflow.messaging.support.MessagingTestApplication.TEST_UNDO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.orderflow.messaging.Causation;
import dev.orderflow.messaging.MessagingProperties;
import dev.orderflow.messaging.incident.CompensationIncident;
import dev.orderflow.messaging.incident.CompensationIncidents;
import dev.orderflow.messaging.incident.IncidentStatus;
import dev.orderflow.messaging.partner.PartnerWork.VoidOutcome;
import dev.orderflow.messaging.partner.PartnerWorkItem.Status;
import dev.orderflow.messaging.support.MessagingIntegrationTest;
import dev.orderflow.messaging.support.MessagingTestKit;
import dev.orderflow.messaging.support.ScriptedPartner;
import dev.orderflow.messaging.support.ScriptedPartner.Answer;
import dev.orderflow.messaging.support.ScriptedPartner.Hold;
import dev.orderflow.messaging.support.ScriptedPartner.NoAnswer;
import dev.orderflow.messaging.support.ScriptedPartner.Refuse;
import dev.orderflow.messaging.support.ScriptedPartner.Step;
import dev.orderflow.messaging.support.ScriptedPartner.Unavailable;
import dev.orderflow.messaging.support.TestPartnerAction;
import dev.orderflow.messaging.tracing.TraceContextPropagation;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Partner work on the real database, with the context's worker and a scripted partner: one call per work item, voids
 * that create nothing, doubt resolved by a lookup, leases fenced, call slots reserved before work is taken, incidents
 * and operator retries.
 */
@MessagingIntegrationTest
class PartnerWorkTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final PartnerWork partnerWork;
    private final ScriptedPartner partner;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final CompensationIncidents incidents;
    private final MessagingTestKit kit;
    private final ApplicationContext context;
    private final List<PartnerWork> ownWorkers = new ArrayList<>();

    PartnerWorkTests(
            PartnerWork partnerWork,
            ScriptedPartner partner,
            MessagingTestKit kit,
            CompensationIncidents incidents,
            ApplicationContext context) {
        this.partnerWork = partnerWork;
        this.partner = partner;
        this.transactions = kit.transactions();
        this.jdbc = kit.jdbc();
        this.incidents = incidents;
        this.kit = kit;
        this.context = context;
    }

    @AfterEach
    void stopOwnWorkers() {
        ownWorkers.forEach(PartnerWork::stop);
    }

    @Test
    void scheduledCallIsMadeAfterCommitAndItsResultRecordedOnce() {
        UUID orderId = UUID.randomUUID();
        String key = schedule(TEST_CALL, orderId);

        PartnerWorkItem done = awaitStatus(orderId, TEST_CALL, Status.DONE);

        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.dispatched()).isEqualTo(1);
        assertThat(done.request()).as("the request is forgotten once settled").isNull();
        assertThat(testOrder(orderId)).containsEntry("completions", 1).containsEntry("last_result", "created:" + key);
        assertThat(partner.requests(key))
                .extracting(ScriptedPartner.Request::kind)
                .containsExactly("call");
    }

    @Test
    void cancelAfterAttemptsThatNeverReachedThePartnerVoidsItAndNothingIsEverCreated() {
        UUID orderId = UUID.randomUUID();
        String key = key(TEST_CALL, orderId);
        Hold second = Hold.of(new Unavailable());
        partner.script(key, new Unavailable(), second);
        schedule(TEST_CALL, orderId, key);
        await().atMost(WAIT).until(second::hasArrived);

        Instant cancelled = requestVoid(TEST_CALL, orderId);
        second.release();

        PartnerWorkItem voided = awaitStatus(orderId, TEST_CALL, Status.VOIDED);
        assertThat(voided.attempts()).isEqualTo(2);
        assertThat(voided.dispatched()).isZero();
        assertThat(testOrder(orderId)).containsEntry("voids", 1).containsEntry("completions", 0);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> !partner.created(key));
        assertThat(partner.requests(key)).hasSize(2).allMatch(r -> r.at().isBefore(cancelled));
    }

    @Test
    void cancelWhileACallMayHaveReachedThePartnerIsResolvedByALookupWithoutCallingAgain() {
        UUID orderId = UUID.randomUUID();
        String key = key(TEST_CALL, orderId);
        Hold second = Hold.of(new Unavailable());
        partner.script(key, new NoAnswer(true), second);
        schedule(TEST_CALL, orderId, key);
        await().atMost(WAIT).until(second::hasArrived);
        assertThat(item(orderId, TEST_CALL).inDoubt()).isTrue();

        Instant cancelled = requestVoid(TEST_CALL, orderId);
        second.release();

        PartnerWorkItem done = awaitStatus(orderId, TEST_CALL, Status.DONE);
        assertThat(done.voidRequested()).isTrue();
        assertThat(testOrder(orderId))
                .as("what the partner did is reported once, as found")
                .containsEntry("completions", 1)
                .containsEntry("last_result", "created:" + key);
        assertThat(partner.requests(key))
                .filteredOn(r -> r.at().isAfter(cancelled))
                .extracting(ScriptedPartner.Request::kind)
                .containsExactly("lookup");
    }

    @Test
    void cancelWhileInDoubtIsVoidedWhenTheLookupFindsNothingAtThePartner() {
        UUID orderId = UUID.randomUUID();
        String key = key(TEST_CALL, orderId);
        Hold second = Hold.of(new Unavailable());
        partner.script(key, new NoAnswer(false), second);
        schedule(TEST_CALL, orderId, key);
        await().atMost(WAIT).until(second::hasArrived);

        Instant cancelled = requestVoid(TEST_CALL, orderId);
        second.release();

        awaitStatus(orderId, TEST_CALL, Status.VOIDED);
        assertThat(testOrder(orderId)).containsEntry("voids", 1).containsEntry("completions", 0);
        assertThat(partner.created(key)).isFalse();
        assertThat(partner.requests(key))
                .filteredOn(r -> r.at().isAfter(cancelled))
                .extracting(ScriptedPartner.Request::kind)
                .containsExactly("lookup");
    }

    @Test
    void cancelOfACallNoWorkerTookYetVoidsItAtOnce() {
        UUID orderId = UUID.randomUUID();
        String key = key(TEST_CALL, orderId);
        VoidOutcome outcome = transactions.execute(status -> {
            lock(orderId);
            partnerWork.schedule(TEST_CALL, orderId, key, new TestPartnerAction.Request("x"), Causation.newSaga());
            return partnerWork.requestVoid(TEST_CALL, orderId);
        });

        assertThat(outcome).isEqualTo(VoidOutcome.VOIDED);
        assertThat(item(orderId, TEST_CALL).status()).isEqualTo(Status.VOIDED);
        assertThat(partner.requests(key)).isEmpty();
    }

    @Test
    void aCallInFlightWhenCancelledIsLeftToItsAnswer() {
        UUID orderId = UUID.randomUUID();
        String key = key(TEST_CALL, orderId);
        Hold hold = Hold.of(new Answer());
        partner.script(key, hold);
        schedule(TEST_CALL, orderId, key);
        await().atMost(WAIT).until(hold::hasArrived);

        VoidOutcome outcome = transactions.execute(status -> {
            lock(orderId);
            return partnerWork.requestVoid(TEST_CALL, orderId);
        });
        hold.release();

        assertThat(outcome).isEqualTo(VoidOutcome.RESOLVING);
        awaitStatus(orderId, TEST_CALL, Status.DONE);
        assertThat(testOrder(orderId)).containsEntry("completions", 1).containsEntry("voids", 0);
        assertThat(partner.requests(key)).hasSize(1);
    }

    @Test
    void attemptsRecordWhetherTheRequestWasDispatched() {
        UUID orderId = UUID.randomUUID();
        String key = key(TEST_CALL, orderId);
        partner.script(key, new Unavailable(), new Refuse(), new Answer());
        schedule(TEST_CALL, orderId, key);

        PartnerWorkItem done = awaitStatus(orderId, TEST_CALL, Status.DONE);

        assertThat(done.attempts()).isEqualTo(3);
        assertThat(done.dispatched())
                .as("the refusal and the answer reached the partner")
                .isEqualTo(2);
        assertThat(done.inDoubt()).isFalse();
    }

    @Test
    void aStaleLeaseHolderCanRecordNothing() {
        UUID orderId = UUID.randomUUID();
        String key = key("STALE_RESULT", orderId);
        Hold first = Hold.of(new Answer());
        Hold second = Hold.of(new Answer());
        partner.script(key, first, second);
        PartnerWork shortLease = ownWorker("STALE_RESULT", Duration.ofMillis(300));
        PartnerWork longLease = ownWorker("STALE_RESULT", Duration.ofSeconds(30));
        schedule(shortLease, orderId, key);
        shortLease.start();
        await().atMost(WAIT).until(first::hasArrived);
        longLease.start();
        await().atMost(WAIT).until(second::hasArrived);

        first.release();
        await().atMost(WAIT).until(() -> attempts("STALE_RESULT", "stale") >= 1);

        assertThat(testOrder(orderId))
                .as("the first worker's answer is dropped")
                .containsEntry("completions", 0);
        assertThat(item(orderId, "STALE_RESULT").status()).isEqualTo(Status.IN_FLIGHT);
        second.release();
        PartnerWorkItem done = awaitStatus(orderId, "STALE_RESULT", Status.DONE);
        assertThat(done.fence()).isEqualTo(2);
        assertThat(done.inDoubt()).as("the first lease ran out mid-call").isTrue();
        assertThat(testOrder(orderId)).containsEntry("completions", 1);
    }

    @Test
    void aStaleLeaseHolderCannotShortenTheLiveLease() {
        UUID orderId = UUID.randomUUID();
        String key = key("STALE_FAILURE", orderId);
        Hold first = Hold.of(new NoAnswer(false));
        Hold second = Hold.of(new Answer());
        partner.script(key, first, second);
        PartnerWork shortLease = ownWorker("STALE_FAILURE", Duration.ofMillis(300));
        PartnerWork longLease = ownWorker("STALE_FAILURE", Duration.ofSeconds(30));
        schedule(shortLease, orderId, key);
        shortLease.start();
        await().atMost(WAIT).until(first::hasArrived);
        longLease.start();
        await().atMost(WAIT).until(second::hasArrived);
        PartnerWorkItem leased = item(orderId, "STALE_FAILURE");

        first.release();
        await().atMost(WAIT).until(() -> attempts("STALE_FAILURE", "stale") >= 1);

        PartnerWorkItem stillLeased = item(orderId, "STALE_FAILURE");
        assertThat(stillLeased.status()).isEqualTo(Status.IN_FLIGHT);
        assertThat(stillLeased.fence()).isEqualTo(leased.fence()).isEqualTo(2);
        assertThat(stillLeased.nextAttemptAt()).isEqualTo(leased.nextAttemptAt());
        assertThat(stillLeased.lastError()).isNull();
        second.release();
        await().atMost(WAIT).until(() -> item(orderId, "STALE_FAILURE").status() == Status.DONE);
    }

    @Test
    void aBatchNeverFailsItsOwnCallsForLackOfABulkheadSlot() {
        List<UUID> orders =
                IntStream.range(0, 6).mapToObj(i -> UUID.randomUUID()).toList();
        List<Hold> holds = new ArrayList<>();
        // The bulkhead is configured to wait an hour for a slot: scheduling must not wait at all, or the batch holds
        // its transaction and its locks for that long per record that finds every slot busy.
        assertTimeoutPreemptively(
                WAIT,
                () -> transactions.executeWithoutResult(status -> orders.forEach(orderId -> {
                    Hold hold = Hold.of(new Answer());
                    holds.add(hold);
                    String key = key(GUARDED_CALL, orderId);
                    partner.script(key, hold);
                    lock(orderId);
                    partnerWork.schedule(
                            GUARDED_CALL, orderId, key, new TestPartnerAction.Request("x"), Causation.newSaga());
                })),
                "scheduling waited for a call slot");

        await().atMost(WAIT).until(() -> holds.stream().filter(Hold::hasArrived).count() == 2);
        List<PartnerWorkItem> items =
                orders.stream().map(o -> item(o, GUARDED_CALL)).toList();
        assertThat(items).filteredOn(i -> i.status() == Status.IN_FLIGHT).hasSize(2);
        assertThat(items)
                .as("work the bulkhead has no slot for is not taken, and no attempt of it is spent")
                .filteredOn(i -> i.status() == Status.DUE)
                .hasSize(4)
                .allMatch(i -> i.attempts() == 0);

        holds.forEach(Hold::release);
        await().atMost(WAIT)
                .until(() -> orders.stream().allMatch(o -> item(o, GUARDED_CALL).status() == Status.DONE));
        assertThat(orders)
                .allSatisfy(o -> assertThat(item(o, GUARDED_CALL).attempts()).isEqualTo(1));
    }

    @Test
    void aCompensationThatKeepsFailingOpensAnIncidentWhichAnOperatorRetryResolvesThroughTheLease() {
        UUID orderId = UUID.randomUUID();
        String key = key(TEST_UNDO, orderId);
        partner.script(key, repeat(new Refuse(), 3));
        schedule(TEST_UNDO, orderId, key);

        await().atMost(WAIT)
                .until(() -> !incidents.list(IncidentStatus.OPEN, orderId, 10).isEmpty());
        CompensationIncident open =
                incidents.list(IncidentStatus.OPEN, orderId, 10).getFirst();
        assertThat(open.action()).isEqualTo(TEST_UNDO);
        assertThat(open.attempts()).isEqualTo(3);
        PartnerWorkItem waiting = item(orderId, TEST_UNDO);
        assertThat(waiting.status()).isEqualTo(Status.DUE);
        assertThat(waiting.nextAttemptAt())
                .as("then retried at the incident interval")
                .isAfter(Instant.now().plusSeconds(60));

        partnerWork.retryNow(orderId, TEST_UNDO);

        assertThat(item(orderId, TEST_UNDO).status()).isEqualTo(Status.DONE);
        assertThat(incidents.find(open.id()).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void anOperatorRetryLeavesACallInFlightToItsWorker() {
        UUID orderId = UUID.randomUUID();
        String key = key(TEST_UNDO, orderId);
        Hold hold = Hold.of(new Answer());
        partner.script(key, hold);
        schedule(TEST_UNDO, orderId, key);
        await().atMost(WAIT).until(hold::hasArrived);

        partnerWork.retryNow(orderId, TEST_UNDO);

        assertThat(partner.requests(key)).hasSize(1);
        assertThat(item(orderId, TEST_UNDO).fence()).isEqualTo(1);
        hold.release();
        awaitStatus(orderId, TEST_UNDO, Status.DONE);
        assertThat(testOrder(orderId)).containsEntry("completions", 1);
    }

    private PartnerWork ownWorker(String actionName, Duration lease) {
        MessagingProperties.PartnerWorkSettings settings = new MessagingProperties.PartnerWorkSettings(
                true,
                Duration.ofMillis(50),
                1,
                lease,
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                3,
                Duration.ofMinutes(10),
                Duration.ofSeconds(5));
        TestPartnerAction action = new TestPartnerAction(
                actionName,
                PartnerCalls.unguarded(actionName.toLowerCase() + "-partner", 1),
                partner,
                jdbc,
                false,
                true);
        PartnerWork work = PartnerWork.create(
                jdbc,
                () -> List.of(action),
                transactions,
                incidents,
                settings,
                Clock.systemUTC(),
                TraceContextPropagation.passThrough(),
                context.getBean(MeterRegistry.class));
        ownWorkers.add(work);
        return work;
    }

    private String schedule(String actionName, UUID orderId) {
        String key = key(actionName, orderId);
        schedule(actionName, orderId, key);
        return key;
    }

    private void schedule(String actionName, UUID orderId, String key) {
        schedule(partnerWork, actionName, orderId, key);
    }

    private void schedule(PartnerWork work, UUID orderId, String key) {
        schedule(work, key.substring(0, key.indexOf(':')), orderId, key);
    }

    private void schedule(PartnerWork work, String actionName, UUID orderId, String key) {
        transactions.executeWithoutResult(status -> {
            lock(orderId);
            work.schedule(actionName, orderId, key, new TestPartnerAction.Request("x"), Causation.newSaga());
        });
    }

    /** Requests the void in a committed transaction, and answers when it committed. */
    private Instant requestVoid(String actionName, UUID orderId) {
        transactions.executeWithoutResult(status -> {
            lock(orderId);
            partnerWork.requestVoid(actionName, orderId);
        });
        return Instant.now();
    }

    private TestPartnerAction action(String name) {
        return (TestPartnerAction) partnerWork.action(name);
    }

    private void lock(UUID orderId) {
        action(TEST_CALL).lock(orderId);
    }

    private PartnerWorkItem item(UUID orderId, String actionName) {
        return partnerWork.ofOrder(orderId).stream()
                .filter(w -> w.action().equals(actionName))
                .findFirst()
                .orElseThrow();
    }

    private PartnerWorkItem awaitStatus(UUID orderId, String actionName, Status status) {
        await().atMost(WAIT).until(() -> item(orderId, actionName).status() == status);
        return item(orderId, actionName);
    }

    private Map<String, Object> testOrder(UUID orderId) {
        return jdbc.sql("select completions, voids, last_result from partner_test_order where order_id = :orderId")
                .param("orderId", orderId)
                .query()
                .singleRow();
    }

    private double attempts(String actionName, String outcome) {
        return kit.counter(PartnerWorker.METRIC, "action", actionName, "outcome", outcome);
    }

    private static String key(String actionName, UUID orderId) {
        return actionName + ":" + orderId;
    }

    private static Step[] repeat(Step step, int times) {
        return Collections.nCopies(times, step).toArray(Step[]::new);
    }
}
