package dev.cdp.identity;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.cdp.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The layout rules of every service (test-support's ArchitectureRules) hold in this one. Features
 * reach another's tables through its service: the identity graph's through resolution's
 * {@code IdentityGraph}, consent's through {@code ConsentService}. Where a lower feature needs an
 * answer from the graph above it (consent: which profile a OneID stands for; identifier types: how
 * many identifiers of a type are stored), it declares an interface the graph implements, so the
 * dependency still points one way.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.of("dev.cdp.identity");

    @Test
    void featuresAreFreeOfCycles() {
        ArchitectureRules.featuresAreFreeOfCycles("dev.cdp.identity").check(CLASSES);
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
