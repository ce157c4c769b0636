package dev.tenure.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The engine's packages depend on each other in one direction: no two of them reach each other, directly
 * or round a ring, so each can be read, changed and tested from the ones below it. The engine knows
 * nothing of the modules above it.
 */
class PackageBoundariesTest {

    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tenure.engine");

    @Test
    void no_two_engine_packages_depend_on_each_other() {
        slices().matching("dev.tenure.engine.(*)..").should().beFreeOfCycles().check(engine);
    }

    @Test
    void calendar_arithmetic_depends_on_nothing_of_the_engine() {
        noClasses().that().resideInAPackage("dev.tenure.engine.calendar..")
                .should().dependOnClassesThat(resideInAPackage("dev.tenure.engine..")
                        .and(not(resideInAPackage("dev.tenure.engine.calendar.."))))
                .check(engine);
    }

    @Test
    void the_engine_knows_nothing_of_the_connectors_or_the_api() {
        noClasses().that().resideInAPackage("dev.tenure.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tenure.connectors..", "dev.tenure.api..")
                .check(engine);
    }
}
