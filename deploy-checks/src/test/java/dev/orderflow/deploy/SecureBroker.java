package dev.orderflow.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.awaitility.Awaitility;

/**
 * One in-JVM KRaft node (broker and controller) secured like the Strimzi cluster: clients connect to the
 * {@value #CLIENT_LISTENER} listener over SASL_SSL with SCRAM-SHA-512, behind a TLS server certificate generated for
 * this run, and {@code StandardAuthorizer} denies whatever no ACL allows. The controller and inter-broker listeners
 * are SASL_PLAINTEXT/PLAIN with a {@value #BROKER_USER} super user that only the node itself uses; the test's admin
 * client is the one other super user ({@value #ADMIN_USER}). Every password and key is generated here, at run time.
 */
final class SecureBroker implements AutoCloseable {

    static final String CLIENT_LISTENER = "SECURE";
    static final String INTERNAL_LISTENER = "INTERNAL";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String ADMIN_USER = "admin";
    static final String BROKER_USER = "broker";
    static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
    static final String SCRAM = "SCRAM-SHA-512";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaClusterTestKit cluster;
    private final Path trustStore;
    private final String trustStorePassword;
    private final String adminPassword;
    private final int clientPort;

    private SecureBroker(
            KafkaClusterTestKit cluster, Path trustStore, String trustStorePassword, String adminPassword) {
        this.cluster = cluster;
        this.trustStore = trustStore;
        this.trustStorePassword = trustStorePassword;
        this.adminPassword = adminPassword;
        this.clientPort = broker().boundPort(ListenerName.normalised(CLIENT_LISTENER));
    }

    /** Generates the TLS material into {@code dir}, starts the node and gives the admin user its SCRAM credential. */
    static SecureBroker start(Path dir) throws Exception {
        String keyStorePassword = randomPassword();
        String trustStorePassword = randomPassword();
        Path keyStore = dir.resolve("broker.p12");
        Path trustStore = dir.resolve("ca.p12");
        // A self-signed server certificate for the names clients dial ...
        keytool(
                dir,
                Map.of("KEY_STORE_PASSWORD", keyStorePassword),
                keyStore,
                "-genkeypair -alias broker -keyalg EC -groupname secp256r1 -dname CN=localhost"
                        + " -ext SAN=dns:localhost,ip:127.0.0.1 -validity 2 -storetype PKCS12"
                        + " -storepass:env KEY_STORE_PASSWORD -keypass:env KEY_STORE_PASSWORD");
        // ... and that certificate alone in the clients' trust store, as Strimzi's ca.p12 holds the cluster CA.
        KeyStore keys = KeyStore.getInstance(keyStore.toFile(), keyStorePassword.toCharArray());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("orderflow-cluster-ca", keys.getCertificate("broker"));
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trusted.store(out, trustStorePassword.toCharArray());
        }

        String brokerPassword = randomPassword();
        String adminPassword = randomPassword();
        String plain = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + BROKER_USER
                + "\" password=\"" + brokerPassword + "\" user_" + BROKER_USER + "=\"" + brokerPassword + "\"";
        String secure = "listener.name." + CLIENT_LISTENER.toLowerCase() + ".";

        Map<String, Object> config = new HashMap<>();
        config.put(
                "listeners",
                INTERNAL_LISTENER + "://localhost:0," + CONTROLLER_LISTENER + "://localhost:0," + CLIENT_LISTENER
                        + "://localhost:0");
        config.put(
                "listener.security.protocol.map",
                INTERNAL_LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT," + CLIENT_LISTENER
                        + ":SASL_SSL");
        config.put("inter.broker.listener.name", INTERNAL_LISTENER);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("sasl.enabled.mechanisms", "PLAIN");
        config.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        config.put("sasl.mechanism.controller.protocol", "PLAIN");
        config.put("listener.name.controller.plain.sasl.jaas.config", plain + ";");
        // The admin user may also log in on the internal listener: only to create its own SCRAM credential.
        config.put(
                "listener.name.internal.plain.sasl.jaas.config",
                plain + " user_" + ADMIN_USER + "=\"" + adminPassword + "\";");
        config.put(secure + "sasl.enabled.mechanisms", SCRAM);
        config.put(
                secure + SCRAM.toLowerCase() + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        config.put(secure + "ssl.keystore.type", "PKCS12");
        config.put(secure + "ssl.keystore.location", keyStore.toString());
        config.put(secure + "ssl.keystore.password", keyStorePassword);
        config.put(secure + "ssl.key.password", keyStorePassword);
        config.put("authorizer.class.name", AUTHORIZER);
        config.put("allow.everyone.if.no.acl.found", "false");
        config.put("super.users", "User:" + BROKER_USER + ";User:" + ADMIN_USER);
        config.put("auto.create.topics.enable", "false");
        // One node: every internal topic has one replica; few partitions keep the start fast.
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "3");
        config.put("group.initial.rebalance.delay.ms", "0");
        // Elect the single controller and unfence the broker in well under a second instead of several.
        config.put("controller.quorum.election.timeout.ms", "200");
        config.put("broker.heartbeat.interval.ms", "500");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "3");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");

        Path data = Files.createDirectories(dir.resolve("kraft"));
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBaseDirectory(data)
                .setBrokerListenerName(ListenerName.normalised(INTERNAL_LISTENER))
                .setControllerListenerName(ListenerName.normalised(CONTROLLER_LISTENER))
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        config.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            SecureBroker broker = new SecureBroker(cluster, trustStore, trustStorePassword, adminPassword);
            broker.createAdminCredential();
            return broker;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The address clients use: the SASL_SSL listener. */
    String bootstrapServers() {
        return "localhost:" + clientPort;
    }

    int clientPort() {
        return clientPort;
    }

    Path trustStore() {
        return trustStore;
    }

    String trustStorePassword() {
        return trustStorePassword;
    }

    /** The super user's admin client on the SASL_SSL listener. */
    Admin admin() {
        return Admin.create(adminConfig());
    }

    /** Client settings of the super user on the SASL_SSL listener (for admin clients, producers and consumers). */
    Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        config.put(SaslConfigs.SASL_MECHANISM, SCRAM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, scramJaas(ADMIN_USER, adminPassword));
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, trustStore.toString());
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, trustStorePassword);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return config;
    }

    /** What Strimzi writes into a KafkaUser's Secret under {@code sasl.jaas.config}. */
    static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Sets (or replaces) SCRAM-SHA-512 credentials; the broker applies them shortly after the call returns. */
    static void upsertScramCredentials(Admin admin, Map<String, String> passwords) throws Exception {
        List<org.apache.kafka.clients.admin.UserScramCredentialAlteration> alterations = new ArrayList<>();
        passwords.forEach((user, password) -> alterations.add(new UserScramCredentialUpsertion(
                user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)));
        admin.alterUserScramCredentials(alterations).all().get(30, TimeUnit.SECONDS);
    }

    /** The admin user logs in once with PLAIN on the internal listener to get its SCRAM credential, then uses TLS. */
    private void createAdminCredential() throws Exception {
        Map<String, Object> internal = new HashMap<>();
        internal.put(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                "localhost:" + broker().boundPort(ListenerName.normalised(INTERNAL_LISTENER)));
        internal.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        internal.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        internal.put(
                SaslConfigs.SASL_JAAS_CONFIG,
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN_USER
                        + "\" password=\"" + adminPassword + "\";");
        internal.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        internal.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(internal)) {
            upsertScramCredentials(admin, Map.of(ADMIN_USER, adminPassword));
        }
        try (Admin admin = admin()) {
            Awaitility.await("the admin user's SCRAM credential on the SASL_SSL listener")
                    .atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS) != null);
        }
    }

    private BrokerServer broker() {
        return cluster.brokers().values().iterator().next();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    /** Runs the JDK's keytool on {@code keyStore}; passwords come from the environment, never the command line. */
    private static void keytool(Path dir, Map<String, String> environment, Path keyStore, String options)
            throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of(options.split(" ")));
        arguments.add("-keystore");
        arguments.add(keyStore.toString());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(arguments);
        Path output = Files.createTempFile(dir, "keytool", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(KEYTOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("keytool " + arguments.getFirst() + " did not finish in " + KEYTOOL_TIMEOUT);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(
                    "keytool " + arguments.getFirst() + " failed: " + Files.readString(output, StandardCharsets.UTF_8));
        }
    }
}
