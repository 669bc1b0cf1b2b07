package dev.orderflow.shipping;

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
@AnalyzeClasses(packages = "dev.orderflow.shipping", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule noLayerPackages = noClasses()
            .should()
            .resideInAnyPackage("..controller..", "..service..", "..repository..", "..model..")
            .because("code is packaged by feature, not by layer");

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            slices().matching("dev.orderflow.shipping.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule featurePackagesDoNotReachBackIntoTheShippingCore = noClasses()
            .that()
            .resideInAPackage("dev.orderflow.shipping.carrier..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.orderflow.shipping")
            .because("the shipping core uses the carrier client, never the other way round");

    @ArchTest
    static final ArchRule controllersAreNotPublic =
            classes().that().areAnnotatedWith(RestController.class).should().notHaveModifier(JavaModifier.PUBLIC);

    @ArchTest
    static final ArchRule onlyTheApplicationIsPublicInTheCore = classes()
            .that()
            .resideInAPackage("dev.orderflow.shipping")
            .and()
            .arePublic()
            .should()
            .haveSimpleName("ShippingServiceApplication")
            .because("the shipping core is package-private; other packages see only what they need");
}
