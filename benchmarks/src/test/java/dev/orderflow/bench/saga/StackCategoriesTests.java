package dev.orderflow.bench.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.bench.saga.StackCategories.Frame;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackCategoriesTests {

    /** Frames as "class#method", top of the stack first. */
    private static List<Frame> stack(String... frames) {
        return Arrays.stream(frames)
                .map(f -> new Frame(f.substring(0, f.indexOf('#')), f.substring(f.indexOf('#') + 1)))
                .toList();
    }

    @Test
    void theInnermostNamedLibraryFrameDecidesTheCategory() {
        List<Frame> frames = stack(
                "java.util.HashMap#get",
                "tools.jackson.databind.ObjectMapper#readValue",
                "org.springframework.kafka.listener.KafkaMessageListenerContainer#run",
                "dev.orderflow.messaging.EventDispatcher#dispatch");

        assertThat(StackCategories.categoryOf(frames)).isEqualTo("JSON (Jackson)");
    }

    @Test
    void springSecurityAndSpringWebAreNotCountedAsOtherSpring() {
        assertThat(StackCategories.categoryOf(stack(
                        "org.springframework.security.web.FilterChainProxy#doFilter",
                        "org.springframework.web.filter.OncePerRequestFilter#doFilter")))
                .isEqualTo("security filter chain");
        assertThat(StackCategories.categoryOf(stack("org.springframework.web.servlet.DispatcherServlet#doService")))
                .isEqualTo("HTTP (Tomcat/MVC/client)");
        assertThat(StackCategories.categoryOf(stack("org.springframework.transaction.support.TransactionTemplate#run")))
                .isEqualTo("Spring (other)");
    }

    @Test
    void theJdkHttpClientCountsAsHttpNotAsJdk() {
        assertThat(StackCategories.categoryOf(stack(
                        "java.nio.channels.SocketChannel#read",
                        "jdk.internal.net.http.HttpClientImpl$SelectorManager#run")))
                .isEqualTo("HTTP (Tomcat/MVC/client)");
    }

    @Test
    void anUnnamedLibraryIsAttributedToTheNamedFrameThatCalledIt() {
        List<Frame> frames = stack(
                "sun.security.rsa.RSACore#crypt",
                "com.nimbusds.jose.crypto.RSASSAVerifier#verify",
                "org.springframework.security.oauth2.jwt.NimbusJwtDecoder#decode");

        assertThat(StackCategories.categoryOf(frames)).isEqualTo("security filter chain");
    }

    @Test
    void jdkOnlyStacksAreJdkAndUnnamedLibrariesAloneAreOther() {
        assertThat(StackCategories.categoryOf(stack("java.lang.Thread#run", "sun.nio.ch.EPoll#wait")))
                .isEqualTo("JDK");
        assertThat(StackCategories.categoryOf(stack("java.util.Arrays#sort", "org.HdrHistogram.Histogram#record")))
                .isEqualTo("other");
    }

    @Test
    void packagesMatchWholeSegmentsOnly() {
        assertThat(StackCategories.categoryOf(stack("bravely.Go#run"))).isEqualTo("other");
        assertThat(StackCategories.categoryOf(stack("brave.Tracer#nextSpan"))).isEqualTo("Micrometer + tracing");
    }

    @Test
    void theEntryPointIsTheOutermostOrderflowFrameSkippingProxiesAndLambdas() {
        List<Frame> frames = stack(
                "org.postgresql.jdbc.PgStatement#execute",
                "dev.orderflow.order.Orders#save",
                "dev.orderflow.order.OrderService#place",
                "dev.orderflow.order.OrderService$$SpringCGLIB$$0#place",
                "dev.orderflow.order.web.OrderController#place",
                "dev.orderflow.order.web.OrderController$$Lambda/0x000001#call",
                "org.apache.catalina.core.ApplicationFilterChain#doFilter",
                "java.lang.Thread#run");

        assertThat(StackCategories.entryPoint(frames, "http-nio-8381-exec-1")).isEqualTo("OrderController.place");
    }

    @Test
    void aLambdaBodyIsNamedByTheMethodThatHoldsIt() {
        assertThat(StackCategories.entryPoint(stack("dev.orderflow.partner.PartnerWorker#lambda$takeDue$1"), "w"))
                .isEqualTo("PartnerWorker.takeDue (lambda)");
    }

    @Test
    void aThreadWithoutOrderflowCodeHasNoEntryPointAndIsNamedByItsThread() {
        assertThat(StackCategories.entryPoint(
                        stack("org.apache.kafka.clients.consumer.KafkaConsumer#poll", "java.lang.Thread#run"),
                        "inventory-consumer-0-C-1"))
                .isEqualTo("none (inventory-consumer-#-C-#)");
        assertThat(StackCategories.entryPoint(stack("java.lang.Thread#run"), "http-nio-9381-exec-12"))
                .isEqualTo("none (http-nio-9381-exec-#)");
    }

    @Test
    void theInnermostLibraryPackageNamesWhatACategoryHolds() {
        assertThat(StackCategories.innermostLibraryPackage(
                        stack("java.util.HashMap#get", "com.nimbusds.jose.crypto.RSASSAVerifier#verify")))
                .isEqualTo("com.nimbusds.jose");
        assertThat(StackCategories.innermostLibraryPackage(stack("java.lang.Thread#run")))
                .isEqualTo("JDK");
    }
}
