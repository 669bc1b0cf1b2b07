package dev.orderflow.notification;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

    /** The partner work action that delivers a channel's notifications, e.g. {@code NOTIFY_EMAIL}. */
    static String action(String channel) {
        return "NOTIFY_" + channel.toUpperCase(Locale.ROOT);
    }

    Set<String> enabled() {
        return enabled.keySet();
    }

    Collection<NotificationChannel> enabledChannels() {
        return enabled.values();
    }
}
