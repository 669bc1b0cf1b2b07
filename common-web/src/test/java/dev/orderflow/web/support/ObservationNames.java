package dev.orderflow.web.support;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.core.Ordered;

/**
 * The name of every observation created in the service, whether or not it is then enabled: the first predicate the
 * registry asks, so it sees what the properties turn off too. Decides nothing.
 */
public final class ObservationNames implements ObservationPredicate, Ordered {

    private final List<String> names = new CopyOnWriteArrayList<>();

    @Override
    public boolean test(String name, Observation.Context context) {
        names.add(name);
        return true;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** The names created from now on, until the next call. */
    public void clear() {
        names.clear();
    }

    public List<String> created() {
        return List.copyOf(names);
    }
}
