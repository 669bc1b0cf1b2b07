package dev.orderflow.payment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.bind.annotation.RestController;

/** STYLE's package rules: by feature, no layer packages, no cycles, web endpoints not public. */
@AnalyzeClasses(packages = "dev.orderflow.payment", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule noLayerPackages = noClasses()
            .should()
            .resideInAnyPackage("..controller..", "..service..", "..repository..", "..model..")
            .because("code is packaged by feature, not by layer");

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            slices().matching("dev.orderflow.payment.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule featurePackagesDoNotReachBackIntoThePaymentCore = noClasses()
            .that()
            .resideInAPackage("dev.orderflow.payment.provider..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.orderflow.payment")
            .because("the payment core uses the provider client, never the other way round");

    @ArchTest
    static final ArchRule controllersAreNotPublic =
            classes().that().areAnnotatedWith(RestController.class).should().notHaveModifier(JavaModifier.PUBLIC);

    @ArchTest
    static final ArchRule onlyTheApplicationIsPublicInTheCore = classes()
            .that()
            .resideInAPackage("dev.orderflow.payment")
            .and()
            .arePublic()
            .should()
            .haveSimpleName("PaymentServiceApplication")
            .because("the payment core is package-private; other packages see only what they need");
}
