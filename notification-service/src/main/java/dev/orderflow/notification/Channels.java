package dev.orderflow.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/** The channels enabled by {@code orderflow.notifications.channels}; an unknown name stops the service at start-up. */
@Component
class Channels {

    private final Map<String, NotificationChannel> enabled = new LinkedHashMap<>();

    Channels(List<NotificationChannel> available, NotificationProperties properties) {
        Map<String, NotificationChannel> byName = new LinkedHashMap<>();
        available.forEach(channel -> byName.put(channel.name(), channel));
        for (String name : properties.channels()) {
            NotificationChannel channel = byName.get(name.strip());
            if (channel == null) {
                throw new IllegalStateException("Unknown notification channel '" + name + "' in"
                        + " orderflow.notifications.channels; known: " + new TreeSet<>(byName.keySet()));
            }
            channel.requireConfigured();
            enabled.put(channel.name(), channel);
        }
    }

    Set<String> enabled() {
        return enabled.keySet();
    }

    /** The enabled channels worth delivering to now (a channel whose circuit is open waits). */
    Set<String> accepting() {
        Set<String> accepting = new TreeSet<>();
        enabled.forEach((name, channel) -> {
            if (channel.acceptsDeliveries()) {
                accepting.add(name);
            }
        });
        return accepting;
    }

    NotificationChannel get(String name) {
        NotificationChannel channel = enabled.get(name);
        if (channel == null) {
            throw new IllegalArgumentException("Notification channel " + name + " is not enabled");
        }
        return channel;
    }
}
