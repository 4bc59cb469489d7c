package dev.segpack.engine.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine's layering, checked with ArchUnit on its compiled classes (tests excluded). Plain
 * JUnit tests rather than ArchUnit's own JUnit engine, whose results Surefire does not count: a
 * broken rule passed the build that way.
 */
class EngineArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.segpack.engine");

    /**
     * The incubator module may be missing at run time ({@code -Dsegpack.simd=false} or no
     * {@code --add-modules}); only the classes that Kernels loads after checking for it may touch it.
     */
    @Test
    void onlyTheVectorKernelsUseTheVectorApi() {
        noClasses().that().haveNameNotMatching("dev\\.segpack\\.engine\\.simd\\.Vector[^.]*")
                .should().dependOnClassesThat().resideInAPackage("jdk.incubator.vector..")
                .check(ENGINE);
    }

    @Test
    void theEngineUsesNothingOfTheBindings() {
        noClasses().that().resideInAPackage("dev.segpack.engine..")
                .should().dependOnClassesThat(resideInAPackage("dev.segpack..")
                        .and(not(resideInAPackage("dev.segpack.engine.."))))
                .check(ENGINE);
    }

    @Test
    void enginePackagesHaveNoCycles() {
        slices().matching("dev.segpack.engine.(**)").should().beFreeOfCycles().check(ENGINE);
    }
}
