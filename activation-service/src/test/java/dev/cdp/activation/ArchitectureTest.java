package dev.cdp.activation;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.cdp.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The layout rules of every service (test-support's ArchitectureRules) hold in this one. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.of("dev.cdp.activation");

    @Test
    void featuresAreFreeOfCycles() {
        ArchitectureRules.featuresAreFreeOfCycles("dev.cdp.activation").check(CLASSES);
    }

    @Test
    void inboundAdaptersAreCalledByTheFrameworkOnly() {
        ArchitectureRules.inboundAdaptersAreCalledByTheFrameworkOnly().check(CLASSES);
    }

    @Test
    void repositoriesAreUsedByTheirOwnFeatureOnly() {
        ArchitectureRules.repositoriesAreUsedByTheirOwnFeatureOnly().check(CLASSES);
    }
}
