package dev.orderflow.messaging.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;

class MessagingHousekeepingTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration OFTEN = Duration.ofMillis(20);

    @Test
    void aFailedPassIsFollowedByTheNextOneAndStoppingEndsThePasses() {
        AtomicInteger failing = new AtomicInteger();
        AtomicInteger sound = new AtomicInteger();
        MessagingHousekeeping housekeeping = new MessagingHousekeeping(
                new ThreadPoolTaskSchedulerBuilder(),
                List.of(
                        new MessagingHousekeeping.Task(
                                "fail",
                                () -> {
                                    failing.incrementAndGet();
                                    throw new IllegalStateException("database away (test)");
                                },
                                Duration.ZERO,
                                OFTEN),
                        new MessagingHousekeeping.Task("count", sound::incrementAndGet, Duration.ZERO, OFTEN)));

        housekeeping.start();
        await().atMost(WAIT).until(() -> failing.get() >= 3 && sound.get() >= 3);
        housekeeping.stop();

        assertThat(housekeeping.isRunning()).isFalse();
        int afterStop = sound.get();
        await().pollDelay(Duration.ofMillis(200)).atMost(WAIT).until(() -> true);
        assertThat(sound.get()).as("passes after stop").isLessThanOrEqualTo(afterStop + 1);
    }

    @Test
    void aPassWaitsForItsInitialDelay() {
        AtomicInteger runs = new AtomicInteger();
        MessagingHousekeeping housekeeping = new MessagingHousekeeping(
                new ThreadPoolTaskSchedulerBuilder(),
                List.of(new MessagingHousekeeping.Task("count", runs::incrementAndGet, Duration.ofHours(1), OFTEN)));

        housekeeping.start();
        try {
            await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> runs.get() == 0);
        } finally {
            housekeeping.stop();
        }
    }

    @Test
    void passesThatWaitOnAnUnreachableBrokerHoldUpNoOtherPass() throws InterruptedException {
        CountDownLatch brokerBack = new CountDownLatch(1);
        AtomicInteger waiting = new AtomicInteger();
        AtomicInteger sampled = new AtomicInteger();
        Runnable waitForBroker = () -> {
            waiting.incrementAndGet();
            try {
                brokerBack.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        MessagingHousekeeping housekeeping = new MessagingHousekeeping(
                new ThreadPoolTaskSchedulerBuilder(),
                List.of(
                        new MessagingHousekeeping.Task("read the consumer lag", waitForBroker, Duration.ZERO, OFTEN),
                        new MessagingHousekeeping.Task("check Kafka", waitForBroker, Duration.ZERO, OFTEN),
                        new MessagingHousekeeping.Task("sample", sampled::incrementAndGet, Duration.ZERO, OFTEN)));

        housekeeping.start();
        try {
            await().atMost(WAIT).until(() -> waiting.get() == 2);
            int before = sampled.get();
            await().atMost(WAIT).until(() -> sampled.get() >= before + 3);
        } finally {
            brokerBack.countDown();
            housekeeping.stop();
        }
    }
}
