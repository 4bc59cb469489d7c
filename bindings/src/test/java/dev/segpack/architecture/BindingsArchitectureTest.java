package dev.segpack.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.segpack.cli.Main;
import org.junit.jupiter.api.Test;

/** The bindings' packages, checked with ArchUnit on their compiled classes (not the tests', not the engine's). */
class BindingsArchitectureTest {

    private static final JavaClasses BINDINGS = new ClassFileImporter()
            .importUrl(Main.class.getProtectionDomain().getCodeSource().getLocation());

    @Test
    void packagesHaveNoCycles() {
        assertTrue(BINDINGS.containPackage("dev.segpack.cli.bench"), "the bindings' classes were imported");
        slices().matching("dev.segpack.(**)").should().beFreeOfCycles().check(BINDINGS);
    }
}
