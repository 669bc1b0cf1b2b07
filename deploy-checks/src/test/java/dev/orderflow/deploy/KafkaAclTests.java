package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleClusterResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The Strimzi users' ACLs hold on a real broker secured like the cluster: a KRaft node whose client listener is
 * SASL_SSL with SCRAM-SHA-512 and a TLS certificate, with {@code StandardAuthorizer} on. The topics and the ACLs are
 * those of {@code deploy/k8s/base/kafka.yaml}, each service's credentials are generated here, and each service
 * connects through Spring Boot's own Kafka and SSL-bundle auto-configuration over the very settings its Deployment
 * gives it (ConfigMaps, the Secrets mounted as a config tree, the mounted cluster CA as the {@code kafka} SSL bundle).
 * What a service must be able to do comes from the code ({@link Saga}): write its
 * stream and its dead-letter topics, read its inputs with its group and its dead-letter topics with its dead-letter
 * group. Everything else must be refused.
 */
class KafkaAclTests {

    private static final String KAFKA_MANIFEST = "deploy/k8s/base/kafka.yaml";
    private static final String CLUSTER_CA_SECRET = "orderflow-cluster-ca-cert";
    private static final Map<String, ConfigurableApplicationContext> CONTEXTS = new ConcurrentHashMap<>();
    /** Where the services import mounted secret files from as a Spring config tree (their application.yml). */
    private static final String CONFIG_TREE = "/run/secrets/orderflow";

    private static final Duration CLIENT_WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    private static SecureBroker broker;
    private static Admin admin;
    private static Kafka kafka;
    private static List<String> topics;
    private static Map<String, KafkaUser> users;
    private static Map<String, String> passwords;

    @BeforeAll
    static void startBrokerWithTheManifestsTopicsUsersAndAcls() throws Exception {
        List<Map<String, Object>> docs = Manifests.file(KAFKA_MANIFEST);
        kafka = Manifests.typed(Manifests.ofKind(docs, "Kafka").getFirst(), Kafka.class);
        List<KafkaTopic> topicResources = Manifests.ofKind(docs, "KafkaTopic").stream()
                .map(d -> Manifests.typed(d, KafkaTopic.class))
                .toList();
        topics = topicResources.stream().map(t -> t.getSpec().getTopicName()).toList();
        users = new LinkedHashMap<>();
        Manifests.ofKind(docs, "KafkaUser").stream()
                .map(d -> Manifests.typed(d, KafkaUser.class))
                .forEach(u -> users.put(u.getMetadata().getName(), u));
        passwords = new TreeMap<>();
        users.keySet().forEach(u -> passwords.put(u, SecureBroker.randomPassword()));

        broker = SecureBroker.start(dir);
        admin = broker.admin();

        // The topics as declared, on one node: one replica, so min.insync.replicas 1 instead of the cluster's 2.
        List<NewTopic> newTopics = new ArrayList<>();
        for (KafkaTopic topic : topicResources) {
            Map<String, String> config = new HashMap<>();
            topic.getSpec().getConfig().forEach((k, v) -> config.put(k, String.valueOf(v)));
            config.put("min.insync.replicas", "1");
            newTopics.add(
                    new NewTopic(topic.getSpec().getTopicName(), topic.getSpec().getPartitions(), (short) 1)
                            .configs(config));
        }
        admin.createTopics(newTopics).all().get(30, TimeUnit.SECONDS);
        SecureBroker.upsertScramCredentials(admin, passwords);
        admin.createAcls(allBindings()).all().get(30, TimeUnit.SECONDS);
        Awaitility.await("the broker's authorizer holds every KafkaUser ACL")
                .atMost(Duration.ofSeconds(30))
                .until(() -> new TreeSet<>(brokerAcls()).equals(new TreeSet<>(asStrings(allBindings()))));

        // One record in every topic, written by the super user, for the services to read.
        try (Producer<String, String> producer = new KafkaProducer<>(
                producerConfig(broker.adminConfig()), new StringSerializer(), new StringSerializer())) {
            for (String topic : topics) {
                producer.send(new ProducerRecord<>(topic, topic, "seed")).get(30, TimeUnit.SECONDS);
            }
        }
        for (String service : users.keySet()) {
            Awaitility.await(service + "'s SCRAM credential on the broker")
                    .atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> {
                        try (Admin client = Admin.create(adminClientConfig(service))) {
                            return client.describeCluster().clusterId().get(5, TimeUnit.SECONDS) != null;
                        }
                    });
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        CONTEXTS.values().forEach(ConfigurableApplicationContext::close);
        CONTEXTS.clear();
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (broker != null) {
            broker.close();
        }
    }

    static List<String> services() {
        return Manifests.SERVICE_NAMES;
    }

    @Test
    void clientListenerIsSaslSslWithScramSha512AndTheStandardAuthorizerAsTheKafkaResourceDeclares() throws Exception {
        GenericKafkaListener listener = clientListenerOfTheKafkaResource();
        assertThat(listener.isTls()).isTrue();
        assertThat(listener.getAuth()).isInstanceOf(KafkaListenerAuthenticationScramSha512.class);
        assertThat(kafka.getSpec().getKafka().getAuthorization()).isInstanceOf(KafkaAuthorizationSimple.class);
        assertThat(users.values())
                .allSatisfy(u -> assertThat(u.getSpec().getAuthentication())
                        .isInstanceOf(KafkaUserScramSha512ClientAuthentication.class));

        ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "0");
        Map<String, String> config = new HashMap<>();
        admin.describeConfigs(List.of(node))
                .all()
                .get(15, TimeUnit.SECONDS)
                .get(node)
                .entries()
                .forEach(e -> config.put(e.name(), e.value()));
        assertThat(config.get("listener.security.protocol.map")).contains(SecureBroker.CLIENT_LISTENER + ":SASL_SSL");
        assertThat(config.get("listeners")).contains(SecureBroker.CLIENT_LISTENER + "://");
        // Clients on the SASL_SSL listener are sent back to it: nothing leads them to the internal listeners.
        assertThat(admin.describeCluster().nodes().get(15, TimeUnit.SECONDS))
                .singleElement()
                .satisfies(n -> assertThat(n.port()).isEqualTo(broker.clientPort()));
        assertThat(config.get("authorizer.class.name")).isEqualTo(SecureBroker.AUTHORIZER);
        // Authorization is on, and a service is no super user: it may not even list the ACLs.
        try (Admin client = Admin.create(adminClientConfig(Manifests.SERVICE_NAMES.getFirst()))) {
            assertThatThrownBy(() ->
                            client.describeAcls(AclBindingFilter.ANY).values().get(15, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(ClusterAuthorizationException.class);
        }
    }

    @Test
    void brokerHoldsExactlyTheAclsOfTheKafkaUsers() throws Exception {
        assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(Manifests.SERVICE_NAMES);
        assertThat(brokerAcls()).containsExactlyInAnyOrderElementsOf(asStrings(allBindings()));
    }

    @ParameterizedTest
    @MethodSource("services")
    void deploymentSettingsBindToASaslSslScramClientOfTheServicesOwnUser(String service) throws Exception {
        Map<String, Object> producer = producerProperties(service);
        assertThat(producer)
                .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
                .containsEntry(SaslConfigs.SASL_MECHANISM, SecureBroker.SCRAM)
                .containsEntry(SaslConfigs.SASL_JAAS_CONFIG, SecureBroker.scramJaas(service, passwords.get(service)))
                .containsKey(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG);
        SslBundle bundle = kafkaClients(service).getBean(SslBundles.class).getBundle("kafka");
        assertThat(producer).containsEntry(SslBundle.class.getName(), bundle);
        // Loaded from the mounted CA file with the password from the secret file: the broker's CA is in it.
        assertThat(bundle.getStores().getTrustStore().size()).isPositive();
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceWritesItsOwnTopicAndItsDeadLetterTopics(String service) throws Exception {
        Set<String> writes = writes(service);
        assertThat(writes)
                .as("%s writes its dead-letter topics at least", service)
                .isNotEmpty();
        try (Producer<String, String> producer = producer(service)) {
            for (String topic : writes) {
                assertThat(producer.send(new ProducerRecord<>(topic, service, "written"))
                                .get(CLIENT_WAIT.toSeconds(), TimeUnit.SECONDS)
                                .topic())
                        .isEqualTo(topic);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceCannotWriteAnyOtherTopic(String service) {
        List<String> others =
                topics.stream().filter(t -> !writes(service).contains(t)).toList();
        assertThat(others).isNotEmpty();
        try (Producer<String, String> producer = producer(service)) {
            for (String topic : others) {
                Throwable failure =
                        catchThrowable(() -> producer.send(new ProducerRecord<>(topic, service, "forbidden"))
                                .get(CLIENT_WAIT.toSeconds(), TimeUnit.SECONDS));
                assertThat(failure)
                        .as("%s writing %s", service, topic)
                        .isInstanceOf(ExecutionException.class)
                        .cause()
                        .isInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceReadsItsInputTopicsWithItsConsumerGroupAndCommitsOffsets(String service) {
        Saga.Consumer consumer = Saga.consumers().get(service);
        assertReadsAndCommits(service, consumer.groupId(), consumer.topics());
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceReadsItsDeadLetterTopicsWithItsDeadLetterGroupAndCommitsOffsets(String service) {
        Saga.Consumer consumer = Saga.consumers().get(service);
        assertReadsAndCommits(service, consumer.groupId() + ".dead-letters", consumer.deadLetterTopics());
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceCannotConsumeWithAnotherServicesGroups(String service) throws Exception {
        Saga.Consumer own = Saga.consumers().get(service);
        List<String> otherGroups = Saga.consumers().values().stream()
                .filter(c -> !c.service().equals(service))
                .flatMap(c -> Stream.of(c.groupId(), c.groupId() + ".dead-letters"))
                .toList();
        assertThat(otherGroups).hasSize(2 * (Manifests.SERVICE_NAMES.size() - 1));
        // One consumer per group, all at once: distinct groups cannot disturb one another.
        Map<String, RuntimeException> failures = concurrently(otherGroups, group -> {
            try (Consumer<String, String> consumer = consumer(service, group)) {
                consumer.subscribe(own.topics());
                return firstFailure(consumer);
            }
        });
        failures.forEach((group, failure) -> assertThat(failure)
                .as("%s consuming with group %s", service, group)
                .isInstanceOf(GroupAuthorizationException.class));
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceCannotReadTopicsItHasNoReadAclOn(String service) {
        Saga.Consumer own = Saga.consumers().get(service);
        Set<String> readable = new TreeSet<>(own.topics());
        readable.addAll(own.deadLetterTopics());
        List<String> unreadable =
                topics.stream().filter(t -> !readable.contains(t)).toList();
        assertThat(unreadable).isNotEmpty();
        for (String topic : unreadable) {
            try (Consumer<String, String> consumer = consumer(service, own.groupId())) {
                consumer.subscribe(List.of(topic));
                assertThat(firstFailure(consumer))
                        .as("%s reading %s", service, topic)
                        .isInstanceOfSatisfying(
                                TopicAuthorizationException.class,
                                e -> assertThat(e.unauthorizedTopics()).containsExactly(topic));
            }
        }
    }

    /** What common-messaging's ConsumerLag and KafkaHealthIndicator do with the service's admin settings. */
    @ParameterizedTest
    @MethodSource("services")
    void serviceReadsTheLagOfItsOwnGroupsOnly(String service) throws Exception {
        Saga.Consumer own = Saga.consumers().get(service);
        Map<String, Set<String>> watched =
                Map.of(own.groupId(), own.topics(), own.groupId() + ".dead-letters", own.deadLetterTopics());
        try (Admin client = Admin.create(adminClientConfig(service))) {
            assertThat(client.describeCluster().nodes().get(15, TimeUnit.SECONDS))
                    .hasSize(1);
            for (Map.Entry<String, Set<String>> group : watched.entrySet()) {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                client.describeTopics(group.getValue())
                        .allTopicNames()
                        .get(15, TimeUnit.SECONDS)
                        .values()
                        .forEach(t -> t.partitions()
                                .forEach(p -> partitions.put(
                                        new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
                assertThat(client.listOffsets(partitions).all().get(15, TimeUnit.SECONDS))
                        .hasSize(partitions.size());
                assertThat(client.listConsumerGroupOffsets(group.getKey())
                                .partitionsToOffsetAndMetadata()
                                .get(15, TimeUnit.SECONDS))
                        .isNotNull();
            }
            String otherGroup = Saga.consumers().values().stream()
                    .filter(c -> !c.service().equals(service))
                    .findFirst()
                    .orElseThrow()
                    .groupId();
            assertThatThrownBy(() -> client.listConsumerGroupOffsets(otherGroup)
                            .partitionsToOffsetAndMetadata()
                            .get(15, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordFailsAuthentication() {
        String service = Manifests.SERVICE_NAMES.getFirst();
        Map<String, Object> config = adminClientConfig(service);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, SecureBroker.scramJaas(service, SecureBroker.randomPassword()));
        try (Admin client = Admin.create(config)) {
            assertThatThrownBy(
                            () -> client.describeCluster().clusterId().get(CLIENT_WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aPlaintextClientCannotUseTheSaslSslPort() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1_500);
        try (Admin client = Admin.create(config)) {
            assertThatThrownBy(
                            () -> client.describeCluster().clusterId().get(CLIENT_WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void aClientThatDoesNotTrustTheClusterCaFailsTheTlsHandshake() {
        String service = Manifests.SERVICE_NAMES.getFirst();
        Map<String, Object> config = adminClientConfig(service);
        // Without the SSL bundle (the cluster CA) the client falls back to the JDK's default trust store.
        config.remove(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG);
        config.remove(SslBundle.class.getName());
        config.remove(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
        config.remove(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG);
        config.remove(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);
        try (Admin client = Admin.create(config)) {
            assertThatThrownBy(
                            () -> client.describeCluster().clusterId().get(CLIENT_WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(SslAuthenticationException.class);
        }
    }

    // --- what a service needs, from the code ---

    /** The service's own stream (if it produces) and the dead-letter topics of its group. */
    private static Set<String> writes(String service) {
        Set<String> writes = new TreeSet<>(Saga.consumers().get(service).deadLetterTopics());
        Saga.producedTopic(service).ifPresent(writes::add);
        return writes;
    }

    private static void assertReadsAndCommits(String service, String group, Collection<String> topicsToRead) {
        assertThat(topicsToRead).isNotEmpty();
        try (Consumer<String, String> consumer = consumer(service, group)) {
            consumer.subscribe(topicsToRead);
            Set<String> seen = new TreeSet<>();
            Awaitility.await("%s reading %s with group %s".formatted(service, topicsToRead, group))
                    .atMost(CLIENT_WAIT)
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.topic()));
                        return seen.containsAll(topicsToRead);
                    });
            consumer.commitSync(CLIENT_WAIT);
        }
    }

    /** Runs one check per item on its own thread; every check ends within {@link #CLIENT_WAIT} or fails. */
    private static <T> Map<String, T> concurrently(Collection<String> items, Function<String, T> check)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(items.size());
        try {
            Map<String, Future<T>> futures = new LinkedHashMap<>();
            items.forEach(item -> futures.put(item, pool.submit(() -> check.apply(item))));
            Map<String, T> results = new LinkedHashMap<>();
            for (Map.Entry<String, Future<T>> future : futures.entrySet()) {
                results.put(future.getKey(), future.getValue().get(2 * CLIENT_WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls until the consumer fails, at most {@link #CLIENT_WAIT}. */
    private static RuntimeException firstFailure(Consumer<String, String> consumer) {
        long deadline = System.nanoTime() + CLIENT_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                consumer.poll(Duration.ofMillis(200));
            } catch (RuntimeException e) {
                return e;
            }
        }
        throw new AssertionError("the consumer did not fail within " + CLIENT_WAIT);
    }

    // --- ACLs: Strimzi AclRules as Kafka AclBindings ---

    private static List<AclBinding> allBindings() {
        return users.values().stream().flatMap(u -> bindings(u).stream()).toList();
    }

    /** What the User Operator applies for a KafkaUser with {@code authorization.type: simple}. */
    static List<AclBinding> bindings(KafkaUser user) {
        String principal = "User:" + user.getMetadata().getName();
        KafkaUserAuthorizationSimple authorization =
                (KafkaUserAuthorizationSimple) user.getSpec().getAuthorization();
        List<AclBinding> bindings = new ArrayList<>();
        for (AclRule rule : authorization.getAcls()) {
            ResourcePattern pattern = switch (rule.getResource()) {
                case AclRuleTopicResource r ->
                    new ResourcePattern(ResourceType.TOPIC, r.getName(), patternType(r.getPatternType()));
                case AclRuleGroupResource r ->
                    new ResourcePattern(ResourceType.GROUP, r.getName(), patternType(r.getPatternType()));
                case AclRuleTransactionalIdResource r ->
                    new ResourcePattern(ResourceType.TRANSACTIONAL_ID, r.getName(), patternType(r.getPatternType()));
                case AclRuleClusterResource r ->
                    new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL);
                default -> throw new IllegalArgumentException("Unknown ACL resource " + rule.getResource());
            };
            List<io.strimzi.api.kafka.model.user.acl.AclOperation> operations =
                    rule.getOperations() == null || rule.getOperations().isEmpty()
                            ? List.of(rule.getOperation())
                            : rule.getOperations();
            String host = rule.getHost() == null ? "*" : rule.getHost();
            AclPermissionType permission =
                    rule.getType() == AclRuleType.DENY ? AclPermissionType.DENY : AclPermissionType.ALLOW;
            for (io.strimzi.api.kafka.model.user.acl.AclOperation operation : operations) {
                bindings.add(new AclBinding(
                        pattern, new AccessControlEntry(principal, host, operation(operation), permission)));
            }
        }
        return bindings;
    }

    private static PatternType patternType(AclResourcePatternType type) {
        return type == AclResourcePatternType.PREFIX ? PatternType.PREFIXED : PatternType.LITERAL;
    }

    /** Strimzi spells Kafka's operations without underscores ({@code ClusterAction}, {@code IdempotentWrite}). */
    private static AclOperation operation(io.strimzi.api.kafka.model.user.acl.AclOperation operation) {
        return Stream.of(AclOperation.values())
                .filter(o -> o.name().replace("_", "").equals(operation.name()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No Kafka operation " + operation));
    }

    private static List<String> brokerAcls() throws Exception {
        return asStrings(admin.describeAcls(AclBindingFilter.ANY).values().get(15, TimeUnit.SECONDS));
    }

    private static List<String> asStrings(Collection<AclBinding> bindings) {
        return bindings.stream().map(AclBinding::toString).toList();
    }

    // --- the clients each service builds from its Deployment's environment ---

    private static Producer<String, String> producer(String service) {
        Map<String, Object> config = producerProperties(service);
        // As common-messaging's KafkaClientSettings: idempotent, acks=all, bounded waits.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static Consumer<String, String> consumer(String service, String group) {
        Map<String, Object> config = consumerProperties(service);
        // As common-messaging's EventConsumers: the group, earliest, offsets committed by the listener.
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static Map<String, Object> adminClientConfig(String service) {
        Map<String, Object> config = adminProperties(service);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return config;
    }

    private static Map<String, Object> producerConfig(Map<String, Object> config) {
        Map<String, Object> copy = new HashMap<>(config);
        copy.put(ProducerConfig.ACKS_CONFIG, "all");
        return copy;
    }

    /** Spring Boot's Kafka properties bound, by relaxed binding, from the service's environment variables. */
    /**
     * The service's Kafka clients as Spring Boot builds them: its Kafka and SSL auto-configuration (the TLS trust store
     * an SSL bundle) over the service's environment variables, and below them the config tree of its mounted secret
     * files, as Spring orders them. One context per service, closed with the broker.
     */
    static ConfigurableApplicationContext kafkaClients(String service) {
        return CONTEXTS.computeIfAbsent(service, name -> {
            Map<String, Object> configTree = new TreeMap<>();
            Map<String, String> variables = new TreeMap<>();
            kafkaEnvironment(name, variables, configTree);
            StandardEnvironment environment = new StandardEnvironment();
            MutablePropertySources sources = environment.getPropertySources();
            sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
            sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
            sources.addFirst(new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables)));
            sources.addLast(new MapPropertySource("configtree:" + CONFIG_TREE, configTree));
            SpringApplication application = new SpringApplication(KafkaClientsOnly.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setBannerMode(Banner.Mode.OFF);
            application.setLogStartupInfo(false);
            application.setEnvironment(environment);
            return application.run();
        });
    }

    /** Only what makes a service's Kafka clients: Spring Boot's SSL bundles and Kafka auto-configuration. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({SslAutoConfiguration.class, KafkaAutoConfiguration.class})
    static class KafkaClientsOnly {}

    private static Map<String, Object> producerProperties(String service) {
        return new HashMap<>(
                kafkaClients(service).getBean(DefaultKafkaProducerFactory.class).getConfigurationProperties());
    }

    private static Map<String, Object> consumerProperties(String service) {
        return new HashMap<>(
                kafkaClients(service).getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties());
    }

    private static Map<String, Object> adminProperties(String service) {
        return new HashMap<>(kafkaClients(service).getBean(KafkaAdmin.class).getConfigurationProperties());
    }

    /**
     * The {@code SPRING_KAFKA_*} variables of the service's container as Kubernetes would set them: its ConfigMaps
     * ({@code envFrom}), its {@code env} with the Secrets the User Operator and the Cluster Operator write (here with
     * this run's credentials), and files of mounted Secrets (the cluster CA trust store) found where they are mounted.
     * Secrets mounted as a Spring config tree (a projected volume, one file per property, at the folder the services
     * import) go to {@code configTree} as the properties their file names are. Only the bootstrap address is this
     * broker's instead of the Kafka resource's client listener.
     */
    private static void kafkaEnvironment(
            String service, Map<String, String> environment, Map<String, Object> configTree) {
        Map<String, Map<String, String>> secrets = Map.of(
                service,
                Map.of("sasl.jaas.config", SecureBroker.scramJaas(service, passwords.get(service))),
                CLUSTER_CA_SECRET,
                Map.of("ca.password", broker.trustStorePassword()));
        Map<String, Map<String, Path>> secretFiles = Map.of(CLUSTER_CA_SECRET, Map.of("ca.p12", broker.trustStore()));

        List<Map<String, Object>> docs = Manifests.file("deploy/k8s/base/services/" + service + ".yaml");
        Deployment deployment =
                Manifests.typed(Manifests.ofKind(docs, "Deployment").getFirst(), Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().stream()
                .filter(c -> c.getName().equals(service))
                .findFirst()
                .orElseThrow();

        for (EnvFromSource source : container.getEnvFrom()) {
            String name = source.getConfigMapRef().getName();
            List<Map<String, Object>> configMaps = new ArrayList<>(Manifests.ofKind(docs, "ConfigMap"));
            configMaps.addAll(Manifests.ofKind(Manifests.file("deploy/k8s/base/common.yaml"), "ConfigMap"));
            ConfigMap configMap = configMaps.stream()
                    .map(d -> Manifests.typed(d, ConfigMap.class))
                    .filter(c -> c.getMetadata().getName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            service + " reads ConfigMap " + name + ", neither in its file nor in common.yaml"));
            environment.putAll(configMap.getData());
        }
        for (EnvVar variable : container.getEnv()) {
            if (!variable.getName().startsWith("SPRING_KAFKA_")) {
                continue;
            }
            if (variable.getValueFrom() == null) {
                environment.put(variable.getName(), variable.getValue());
                continue;
            }
            SecretKeySelector ref = variable.getValueFrom().getSecretKeyRef();
            String value = secrets.getOrDefault(ref.getName(), Map.of()).get(ref.getKey());
            assertThat(value)
                    .as(
                            "%s: %s reads key %s of Secret %s, which Strimzi does not write for this service",
                            service, variable.getName(), ref.getKey(), ref.getName())
                    .isNotNull();
            environment.put(variable.getName(), value);
        }
        environment.keySet().removeIf(k -> !k.startsWith("SPRING_KAFKA_") && !k.startsWith("SPRING_SSL_"));

        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = pod.getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName()))
                    .findFirst()
                    .orElseThrow();
            if (volume.getProjected() == null) {
                continue;
            }
            assertThat(mount.getMountPath())
                    .as("%s: projected Secrets are its config tree", service)
                    .isEqualTo(CONFIG_TREE);
            for (VolumeProjection source : volume.getProjected().getSources()) {
                if (source.getSecret() == null) {
                    continue;
                }
                for (KeyToPath item : source.getSecret().getItems()) {
                    if (!item.getPath().startsWith("spring.kafka.")
                            && !item.getPath().startsWith("spring.ssl.")) {
                        continue;
                    }
                    String value = secrets.getOrDefault(source.getSecret().getName(), Map.of())
                            .get(item.getKey());
                    assertThat(value)
                            .as(
                                    "%s: file %s is key %s of Secret %s, which Strimzi does not write for this service",
                                    service,
                                    item.getPath(),
                                    item.getKey(),
                                    source.getSecret().getName())
                            .isNotNull();
                    configTree.put(item.getPath(), value);
                }
            }
        }

        Map<String, Path> mountedFiles = new HashMap<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = pod.getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName()))
                    .findFirst()
                    .orElseThrow();
            if (volume.getSecret() == null) {
                continue;
            }
            Map<String, Path> files =
                    secretFiles.getOrDefault(volume.getSecret().getSecretName(), Map.of());
            for (KeyToPath item : volume.getSecret().getItems()) {
                if (files.containsKey(item.getKey())) {
                    mountedFiles.put(mount.getMountPath() + "/" + item.getPath(), files.get(item.getKey()));
                }
            }
        }
        environment.replaceAll((name, value) -> {
            if (!value.startsWith("file:")) {
                return value;
            }
            Path file = mountedFiles.get(value.substring("file:".length()));
            assertThat(file)
                    .as("%s: %s=%s is no mounted Secret file", service, name, value)
                    .isNotNull();
            return "file:" + file.toAbsolutePath();
        });

        String bootstrap = environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(bootstrap)
                .as(
                        "%s dials the client listener of Kafka %s",
                        service, kafka.getMetadata().getName())
                .isEqualTo(kafka.getMetadata().getName() + "-kafka-bootstrap:"
                        + clientListenerOfTheKafkaResource().getPort());
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    }

    private static GenericKafkaListener clientListenerOfTheKafkaResource() {
        List<GenericKafkaListener> listeners = kafka.getSpec().getKafka().getListeners();
        assertThat(listeners).hasSize(1);
        return listeners.getFirst();
    }
}
