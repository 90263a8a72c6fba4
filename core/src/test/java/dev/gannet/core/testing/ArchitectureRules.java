package dev.gannet.core.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * ARCHITECTURE.md: protocol modules speak to {@code core} interfaces only. They never import the
 * MongoDB driver, BSON, Lettuce or the embedded server, nor any {@code internal} package of core.
 * Each module's {@code ArchitectureTest} calls {@link #check(String)} with its root package.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    public static void check(String rootPackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        ArchRule noStoreDrivers = noClasses().that().resideInAPackage(rootPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.mongodb..", "org.bson..", "io.lettuce..", "de.bwaldvogel..", "org.h2..")
                .because("protocol modules reach the store and coordination through core's interfaces")
                .allowEmptyShould(true);
        ArchRule noCoreInternals = noClasses().that().resideInAPackage(rootPackage + "..")
                .should().dependOnClassesThat().resideInAPackage("dev.gannet.core..internal..")
                .because("core's internal packages are its implementation, not its API")
                .allowEmptyShould(true);
        noStoreDrivers.check(classes);
        noCoreInternals.check(classes);
    }
}
