package dev.orderflow.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.springframework.web.bind.annotation.RestController;

/** STYLE.md's package rules: by feature, no cycles, package-private web layer, no field injection. */
@AnalyzeClasses(packages = "dev.orderflow.sandbox", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            slices().matching("dev.orderflow.sandbox.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule providerDoesNotKnowTheCarrier = noClasses()
            .that()
            .resideInAPackage("..sandbox.provider..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..sandbox.carrier..");

    @ArchTest
    static final ArchRule carrierDoesNotKnowTheProvider = noClasses()
            .that()
            .resideInAPackage("..sandbox.carrier..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..sandbox.provider..");

    @ArchTest
    static final ArchRule noLayerPackages =
            noClasses().should().resideInAnyPackage("..controller..", "..service..", "..repository..", "..model..");

    @ArchTest
    static final ArchRule controllersArePackagePrivate =
            classes().that().areAnnotatedWith(RestController.class).should().notBePublic();

    @ArchTest
    static final ArchRule noFieldInjection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    @ArchTest
    static final ArchRule noStandardStreams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
}
