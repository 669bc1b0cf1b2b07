package dev.orderflow.testsupport;

import java.security.SecureRandom;

/** Names of the properties the test infrastructure sets or reads, and the per-context topic prefix. */
public final class OrderflowTestProperties {

    /** {@code embedded} (default) or {@code containers}: which kind of Kafka and PostgreSQL the tests share. */
    public static final String INFRA = "orderflow.test.infra";

    public static final String KAFKA_BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";
    public static final String DATASOURCE_URL = "spring.datasource.url";
    public static final String DATASOURCE_USERNAME = "spring.datasource.username";
    public static final String DATASOURCE_PASSWORD = "spring.datasource.password";

    /**
     * Prefix of every topic a context uses. Contexts share one broker, so a prefix of their own is what keeps their
     * topics, and therefore their consumer groups' work, apart.
     */
    public static final String TOPIC_PREFIX = "orderflow.messaging.topic-prefix";

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private OrderflowTestProperties() {}

    /** A fresh topic prefix such as {@code tq3k9z0ab.}: legal in topic names and unlikely to repeat in one JVM. */
    public static String newTopicPrefix() {
        StringBuilder prefix = new StringBuilder("t");
        for (int i = 0; i < 8; i++) {
            prefix.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return prefix.append('.').toString();
    }
}
