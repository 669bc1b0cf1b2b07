package dev.orderflow.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.springframework.web.bind.annotation.RestController;

/** STYLE.md's package rules for notification-service. */
@AnalyzeClasses(packages = "dev.orderflow.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices().matching("dev.orderflow.notification.(*)..")
            .should()
            .beFreeOfCycles()
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule noLayerPackages =
            noClasses().should().resideInAnyPackage("..controller..", "..service..", "..repository..", "..model..");

    @ArchTest
    static final ArchRule controllersArePackagePrivate =
            classes().that().areAnnotatedWith(RestController.class).should().notBePublic();

    /** Every service owns its data: no reaching into another service's code. */
    @ArchTest
    static final ArchRule knowsNoOtherService = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.orderflow.order..",
                    "dev.orderflow.inventory..",
                    "dev.orderflow.payment..",
                    "dev.orderflow.shipping..",
                    "dev.orderflow.sandbox..");

    /** Events leave a service only through the outbox; this one publishes none, and never to Kafka directly. */
    @ArchTest
    static final ArchRule neverWritesToKafkaDirectly =
            noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework.kafka..");

    /** Only the email channel talks SMTP. */
    @ArchTest
    static final ArchRule onlyTheEmailChannelSendsMail = noClasses()
            .that()
            .doNotHaveSimpleName("EmailChannel")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.mail..", "jakarta.mail..");

    @ArchTest
    static final ArchRule noFieldInjection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    @ArchTest
    static final ArchRule noStandardStreams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
}
