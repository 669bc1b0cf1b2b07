package dev.orderflow.order;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.RestController;

/** STYLE's package rules for order-service. */
@AnalyzeClasses(packages = "dev.orderflow.order", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule packagedByFeatureNotByLayer = noClasses()
            .should()
            .resideInAnyPackage("..controller..", "..service..", "..repository..", "..model..", "..dto..");

    @ArchTest
    static final ArchRule subPackagesAreFreeOfCycles =
            slices().matching("dev.orderflow.order.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theCoreDoesNotKnowTheWebLayer = noClasses()
            .that()
            .resideInAPackage("dev.orderflow.order")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.orderflow.order.web..");

    @ArchTest
    static final ArchRule theAggregateIsPlainJava = classes()
            .that()
            .haveSimpleNameEndingWith("Order")
            .or()
            .haveSimpleName("OrderStatus")
            .or()
            .haveSimpleName("OrderItem")
            .or()
            .haveSimpleName("TimelineEntry")
            .and()
            .resideInAPackage("dev.orderflow.order")
            .should()
            .onlyDependOnClassesThat()
            .resideOutsideOfPackages("org.springframework..", "jakarta.servlet..", "java.sql..");

    @ArchTest
    static final ArchRule controllersArePackagePrivate =
            classes().that().areAnnotatedWith(RestController.class).should().notBePublic();

    @ArchTest
    static final ArchRule eventsLeaveOnlyThroughTheOutbox =
            noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework.kafka..");

    @ArchTest
    static final ArchRule constructorInjectionOnly = noFields().should().beAnnotatedWith(Autowired.class);

    @ArchTest
    static final ArchRule noStandardStreams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
}
