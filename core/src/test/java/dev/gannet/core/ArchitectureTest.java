package dev.gannet.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** STYLE.md habit 1: MongoDB types stay inside {@code internal} packages; the store API is driver-free. */
class ArchitectureTest {

    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gannet.core");

    @Test
    void onlyInternalPackagesUseTheMongoDriver() {
        noClasses().that().resideOutsideOfPackage("..internal..")
                .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..")
                .check(core);
    }

    @Test
    void storeApiDoesNotDependOnItsImplementation() {
        noClasses().that().resideInAPackage("dev.gannet.core.store")
                .should().dependOnClassesThat().resideInAPackage("..store.internal..")
                .check(core);
    }
}
