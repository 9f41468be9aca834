package dev.cdp.segment;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.cdp.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The layout rules of every service (test-support's ArchitectureRules). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.of("dev.cdp.segment");

    @Test
    void featuresAreFreeOfCycles() {
        ArchitectureRules.featuresAreFreeOfCycles("dev.cdp.segment").check(CLASSES);
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
