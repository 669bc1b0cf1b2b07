package dev.orderflow.testsupport;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What must finish before the shared Kafka and PostgreSQL stop at JVM exit: processes that use them (the local
 * platform's services) stop first, so their graceful shutdown still has a broker and a database to finish against.
 * JVM shutdown hooks run concurrently; every shared resource's hook passes through here before it stops anything.
 */
public final class SharedShutdown {

    private static final Logger log = LoggerFactory.getLogger(SharedShutdown.class);
    private static final List<Runnable> FIRST = new ArrayList<>();

    private SharedShutdown() {}

    /** Runs {@code task} at JVM exit before any shared resource stops. */
    public static synchronized void beforeSharedResourcesStop(Runnable task) {
        FIRST.add(task);
    }

    /** Runs the registered tasks once; a hook that comes second waits until they are done. */
    static synchronized void runFirstTasks() {
        for (Runnable task : FIRST) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("A task before the shared resources stop failed", e);
            }
        }
        FIRST.clear();
    }
}
