package dev.orderflow.testsupport;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test resource started on first use, at most once per JVM, and stopped when the JVM exits. Tests share it instead
 * of paying a broker or database start per test class.
 */
final class SharedResource<T extends AutoCloseable> {

    private static final Logger log = LoggerFactory.getLogger(SharedResource.class);

    private final String name;
    private final Supplier<T> starter;
    private T instance;
    private RuntimeException failure;

    SharedResource(String name, Supplier<T> starter) {
        this.name = name;
        this.starter = starter;
    }

    synchronized T get() {
        if (instance != null) {
            return instance;
        }
        // A failed start is not retried: every later test context would wait out the same failure again.
        if (failure != null) {
            throw new IllegalStateException("Shared " + name + " failed to start earlier in this JVM", failure);
        }
        long startedAt = System.nanoTime();
        try {
            instance = starter.get();
        } catch (RuntimeException ex) {
            failure = ex;
            throw ex;
        }
        log.info("Shared {} started in {} ms", name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "shared-" + name + "-shutdown"));
        return instance;
    }

    private void stop() {
        SharedShutdown.runFirstTasks();
        synchronized (this) {
            close();
        }
    }

    private void close() {
        try {
            instance.close();
            log.info("Shared {} stopped", name);
        } catch (Exception ex) {
            log.warn("Shared {} did not stop cleanly", name, ex);
        }
    }
}
