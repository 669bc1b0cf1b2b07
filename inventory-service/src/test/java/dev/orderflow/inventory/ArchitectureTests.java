package dev.orderflow.inventory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.RestController;

/** STYLE's package rules for inventory-service. */
@AnalyzeClasses(packages = "dev.orderflow.inventory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles =
            slices().matching("dev.orderflow.inventory.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theCatalogKnowsNothingOfTheSaga = noClasses()
            .that()
            .resideInAPackage("..inventory.catalog..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..inventory.reservation..");

    @ArchTest
    static final ArchRule packagesAreFeaturesNotLayers =
            noClasses().should().resideInAnyPackage("..controller..", "..service..", "..repository..", "..model..");

    @ArchTest
    static final ArchRule controllersAreNotPublic =
            classes().that().areAnnotatedWith(RestController.class).should().notBePublic();

    @ArchTest
    static final ArchRule noFieldInjection = noFields().should().beAnnotatedWith(Autowired.class);

    @ArchTest
    static final ArchRule eventsLeaveOnlyThroughTheOutbox =
            noClasses().should().dependOnClassesThat().areAssignableTo(KafkaTemplate.class);
}
