package dev.cdp.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The layout rules of {@link ArchitectureRules}, checked on one service's classes: a service's
 * ArchitectureTest extends this with its root package.
 */
public abstract class ArchitectureContract {

    private final String rootPackage;
    private final JavaClasses classes;

    protected ArchitectureContract(String rootPackage) {
        this.rootPackage = rootPackage;
        this.classes = ArchitectureRules.of(rootPackage);
    }

    @Test
    void featuresAreFreeOfCycles() {
        ArchitectureRules.featuresAreFreeOfCycles(rootPackage).check(classes);
    }

    @Test
    void inboundAdaptersAreCalledByTheFrameworkOnly() {
        ArchitectureRules.inboundAdaptersAreCalledByTheFrameworkOnly().check(classes);
    }

    @Test
    void repositoriesAreUsedByTheirOwnFeatureOnly() {
        ArchitectureRules.repositoriesAreUsedByTheirOwnFeatureOnly().check(classes);
    }
}
